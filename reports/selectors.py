"""Reads on statistics reports: who may see which, what the form shows, the national summary."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from organizations.models import Role
from organizations.selectors import jurisdiction_prefixes, members_of
from workflows.next_step import MAX_CANDIDATES, Handler, NextStep

from .figures import FIGURES, breakdown_labels, figure_get
from .form_layout import ROWS
from .models import StatisticsReport


def reports_visible_to(user) -> QuerySet[StatisticsReport]:
    """The 科技司 and national bodies see every province; a provincial bureau its own."""
    reports = StatisticsReport.objects.select_related("province", "bureau")
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return reports
    # A province's report belongs to its provincial bureau, not to the cities inside it.
    provincial = [prefix for prefix in prefixes if len(prefix) == 2]
    return reports.filter(province__code__in=[f"{prefix}0000" for prefix in provincial])


def report_visible_to(user, pk) -> StatisticsReport | None:
    return reports_visible_to(user).filter(pk=pk).first()


def drafting_steps(report: StatisticsReport) -> list[NextStep]:
    """While a report is a draft (or returned), no task is open: its process starts at submission.
    The step is the province's statistics officers', so the page names them instead of nobody."""
    if not report.is_editable:
        return []
    officers = members_of(report.bureau_id, Role.STATISTICS_OFFICER).order_by("full_name", "username")
    officers = list(officers[: MAX_CANDIDATES + 1])
    return [
        NextStep(
            task=None,
            title=_("Fill in and submit the statistics report"),
            assigned=False,
            handlers=[Handler(user, report.bureau) for user in officers[:MAX_CANDIDATES]],
            more=len(officers) > MAX_CANDIDATES,
            due_on=report.due_on,
        )
    ]


def report_content(report: StatisticsReport) -> dict:
    """The frozen snapshot once submitted; the figures counted now while the report is a draft."""
    if report.current_snapshot is not None:
        return report.current_snapshot.content
    from .services import report_live_content

    return report_live_content(report)


def answer_display(report_field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是 ■　否 □" if value else "是 □　否 ■"
    return str(value)


@dataclass
class FigureLine:
    code: str
    label: str
    value: int
    unit: str
    method: str
    breakdown: list = field(default_factory=list)


@dataclass
class FormCell:
    label: str
    sublabel: str
    figures: list
    answers: list  # (field name, verbose name, shown value)
    printed: frozenset = frozenset()  # the answers labelled in the official form's own (Chinese) words


@dataclass
class FormRow:
    code: str
    label: str
    cells: list


def form_rows(content: dict) -> list[FormRow]:
    """The form as printed, filled with a content (a snapshot or the live figures)."""
    answers = content["answers"]
    figures = content["figures"]
    rows = []
    for row in ROWS:
        cells = []
        for cell in row.cells:
            lines = []
            for code in cell.figures:
                figure, counted = FIGURES[code], figures.get(code, {"value": 0})
                lines.append(
                    FigureLine(
                        code=code,
                        label=str(figure.label),
                        value=counted["value"],
                        unit=figure.unit,
                        method=str(figure.method),
                        breakdown=breakdown_labels(counted.get("breakdown", {})),
                    )
                )
            shown = [
                (
                    name,
                    str(StatisticsReport._meta.get_field(name).verbose_name),
                    answer_display(name, answers.get(name)),
                )
                for name in cell.fields
            ]
            printed = frozenset(name for name in cell.fields if printed_in_chinese(name))
            cells.append(
                FormCell(label=cell.label, sublabel=cell.sublabel, figures=lines, answers=shown, printed=printed)
            )
        rows.append(FormRow(code=row.code, label=row.label, cells=cells))
    return rows


def figure_records(report: StatisticsReport, code: str):
    """The records behind a figure: once frozen, exactly those counted at submission (as they are now)."""
    figure = figure_get(code)
    if figure is None:
        return None, None
    start, end = report.window
    records = figure.records(report.province, start, end)
    if report.current_snapshot is not None:
        ids = report.current_snapshot.content["figures"].get(code, {}).get("ids", [])
        frozen = records.model.objects.filter(pk__in=ids)
        # The same joins as the live list, without its conditions (a record may have changed since).
        frozen.query.select_related = records.query.select_related
        records = frozen
    return figure, records.order_by("pk")


SUMMARY_STATES = (StatisticsReport.Status.SUBMITTED, StatisticsReport.Status.ACCEPTED)
SUMMARY_NUMBERS = (
    "plan_city_count",
    "plan_county_count",
    "zone_count",
    "central_media_reports",
    "local_media_reports",
)


def national_summary(year: int, period: int) -> dict:
    """Every province's submitted figures side by side, with the national totals. Two queries."""
    reports = list(
        StatisticsReport.objects.filter(year=year, period=period)
        .select_related("province", "current_snapshot")
        .order_by("province__code")
    )
    columns = [*FIGURES, *SUMMARY_NUMBERS]
    rows, totals = [], dict.fromkeys(columns, 0)
    for report in reports:
        values = {}
        if report.status in SUMMARY_STATES and report.current_snapshot_id:
            content = report.current_snapshot.content
            for code in FIGURES:
                values[code] = content["figures"].get(code, {}).get("value", 0)
            for name in SUMMARY_NUMBERS:
                values[name] = content["answers"].get(name) or 0
            values["plan_provincial"] = content["answers"].get("plan_provincial")
            for column in columns:
                totals[column] += values[column]
        rows.append({"report": report, "values": values, "counted": bool(values)})
    return {"rows": rows, "totals": totals, "columns": columns}


def printed_in_chinese(name: str) -> bool:
    """Whether a field's label is the official form's own words (a plain str, never translated:
    form_layout.py) rather than Terroir's (a lazy translation); pages mark the former lang="zh-hans"."""
    return isinstance(StatisticsReport._meta.get_field(name).verbose_name, str)


def summary_printed_columns() -> set[str]:
    return {name for name in SUMMARY_NUMBERS if printed_in_chinese(name)}


def summary_column_labels() -> dict[str, str]:
    labels = {code: str(figure.label) for code, figure in FIGURES.items()}
    for name in SUMMARY_NUMBERS:
        labels[name] = str(StatisticsReport._meta.get_field(name).verbose_name)
    return labels


def cell_text(cell: FormCell) -> str:
    """A cell as one text, for the exports: counted figures first, then the officer's answers."""
    parts = []
    for figure in cell.figures:
        text = f"{figure.label}：{figure.value}{figure.unit}"
        if figure.breakdown:
            text += "（" + "、".join(f"{name} {count}" for name, count in figure.breakdown) + "）"
        parts.append(text)
    for _name, label, value in cell.answers:
        if value:
            parts.append(f"{label}：{value}" if (cell.figures or len(cell.answers) > 1) else value)
    return "\n".join(parts)
