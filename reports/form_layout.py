"""The statistics form of the 2016 plan, row by row and column by column as printed in its
attachment (国家地理标志产品保护质量提升情况统计表). The labels are the official form's own
words: they stay Chinese in every language, like the form on paper."""

from dataclasses import dataclass

FORM_TITLE = "国家地理标志产品保护质量提升情况统计表"
HEADER_LABELS = ("填报单位：", "填报时间：", "联系人：", "联系方式：")
FORM_NOTE = (
    "备注：各直属检验检疫局，各省、自治区、直辖市质量技术监督局（市场监督管理部门）按要求统计辖区内活动情况，"
    "并分别于7月30日、9月30日、12月30日前将阶段性工作报告随同统计表一并上报总局科技司。"
)
PROBLEMS = "存在问题及原因"


@dataclass(frozen=True)
class Cell:
    label: str  # the column heading as printed
    fields: tuple[str, ...] = ()  # what the statistics officer fills in
    figures: tuple[str, ...] = ()  # what is counted from the system's records (reports.figures)
    sublabel: str = ""  # the printed prompt inside the answer cell of the first row


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    cells: tuple[Cell, Cell, Cell]


ROWS: tuple[Row, ...] = (
    Row(
        "plans",
        "制定工作方案情况",
        (
            Cell("省局级", figures=("plans_provincial",), sublabel="是否制定工作方案"),
            Cell("地市局（分支局）", figures=("plans_city",), sublabel="制定方案数"),
            Cell("区县", figures=("plans_county",), sublabel="制定方案数"),
        ),
    ),
    Row(
        "systems",
        "三大体系建设情况",
        (
            Cell("标准体系", ("standard_system",)),
            Cell("检测体系", ("testing_system",)),
            Cell("质量保证体系", ("quality_system",)),
        ),
    ),
    Row(
        "mark_use",
        "地理标志产品专用标志使用情况",
        (
            Cell("专用标志核准企业数量", ("mark_users_note",), figures=("mark_users_new", "mark_users_authorised")),
            Cell(
                "专用标志印制、发放数量及管理",
                ("mark_printing",),
                figures=("marks_printed", "marks_issued", "usage_reports_filed"),
            ),
            Cell(PROBLEMS, ("mark_problems",)),
        ),
    ),
    Row(
        "supervision",
        "地理标志产品监督检查情况",
        (
            Cell(
                "产品档案建设情况",
                ("archive_note",),
                figures=("product_archives", "product_archives_complete", "products_new"),
            ),
            Cell(
                "监督检查产品类别及数量",
                ("supervision_note",),
                figures=("checks", "enforcement_filed", "enforcement_closed"),
            ),
            Cell(PROBLEMS, ("supervision_problems",)),
        ),
    ),
    Row(
        "poverty",
        "地理标志精准扶贫情况",
        (
            # Counted from the rural app's measures and effect reports (rural/statistics_figures.py);
            # the typed fields stay beside them as remarks.
            Cell("采取措施（宣贯、培训等）", ("poverty_measures",), figures=("rural_measures",)),
            Cell(
                "产生的效果",
                ("poverty_effects",),
                figures=(
                    "rural_people",
                    "rural_households",
                    "rural_poor_employed",
                    "rural_output",
                    "rural_online_sales",
                ),
            ),
            Cell(PROBLEMS, ("poverty_problems",)),
        ),
    ),
    Row(
        "zones",
        "示范区监督巡查情况",
        (
            Cell("示范区体系建设运行情况", ("zone_operation",), figures=("zone_tours",)),
            Cell("示范区建设成效", ("zone_results",), figures=("zones_named", "zones_preparing")),
            Cell(PROBLEMS, ("zone_problems",)),
        ),
    ),
    Row(
        "brands",
        "地理标志品牌评价推荐情况",
        (
            # Counted from the recommendations (brands.statistics_figures): any with a plan means yes.
            Cell("是否有组织方案", figures=("brand_recommendations_with_plan",)),
            Cell("产品类别和数量", ("brand_categories",), figures=("brand_recommendations",)),
            Cell(PROBLEMS, ("brand_problems",)),
        ),
    ),
    Row(
        "site",
        "“中国国家地理标志产品保护网”地方馆信息更新情况",
        (
            Cell("信息提交数量及产品覆盖率", ("site_submissions",), figures=("site_pages_submitted", "site_coverage")),
            Cell("开放共享使用国家地标网情况", ("site_sharing",)),
            Cell(PROBLEMS, ("site_problems",)),
        ),
    ),
    Row(
        "publicity",
        "开展宣传情况",
        (
            Cell("宣传活动与名称", ("publicity_activities",), figures=("publicity_events",)),
            Cell("中央媒体报道篇数", figures=("media_central",)),
            Cell("地方媒体报道篇数", figures=("media_local",)),
        ),
    ),
)

# Every label printed on the form, in order: what a rendered form must show.
ALL_LABELS: tuple[str, ...] = (
    FORM_TITLE,
    *HEADER_LABELS,
    *(label for row in ROWS for label in (row.label, *(cell.label for cell in row.cells))),
    *(cell.sublabel for row in ROWS for cell in row.cells if cell.sublabel),
    FORM_NOTE,
)
ANSWER_FIELDS: tuple[str, ...] = tuple(field for row in ROWS for cell in row.cells for field in cell.fields)
FIGURE_CODES: tuple[str, ...] = tuple(code for row in ROWS for cell in row.cells for code in cell.figures)
