"""Reads on statistics reports: who may see which, what the form shows, the national summary."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from organizations.models import Role
from organizations.selectors import jurisdiction_prefixes, members_of
from workflows.next_step import MAX_CANDIDATES, Handler, NextStep

from . import figures as figure_registry
from .figures import Figure, breakdown_labels, figure_get
from .form_layout import ANSWER_FIELDS, ROWS
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


YES, NO, TICKED, BOX = "是", "否", "☑", "□"
# The PDF's faces (ADR 0025: Noto CJK) have no ☑: the printed form ticks with a filled box.
PRINTED_TICK = "■"


def answer_kind(name: str) -> str:
    """How a typed answer is printed: yes/no boxes, a number in its own cell, or text."""
    model_field = StatisticsReport._meta.get_field(name)
    if isinstance(model_field, models.BooleanField):
        return "yes_no"
    if isinstance(model_field, models.IntegerField | models.DecimalField | models.FloatField):
        return "number"
    return "text"


def yes_no_boxes(value, ticked: str = TICKED) -> list[tuple[str, str]]:
    """是 □ / 否 □ as printed, the answer's box ticked (neither when unanswered)."""
    return [(YES, ticked if value is True else BOX), (NO, ticked if value is False else BOX)]


def answer_display(report_field, value) -> str:
    if isinstance(value, bool) or (value is None and answer_kind(report_field) == "yes_no"):
        return "　".join(f"{word} {box}" for word, box in yes_no_boxes(value))
    if value is None or value == "":
        return ""
    return str(value)


@dataclass
class FigureLine:
    code: str
    label: str
    value: int | float
    unit: str
    method: str
    breakdown: list = field(default_factory=list)
    yes_no: bool = False  # also printed as the 是/否 boxes, 是 when the count is above zero

    @property
    def boxes(self) -> list[tuple[str, str]]:
        return yes_no_boxes(bool(self.value)) if self.yes_no else []

    @property
    def printed_boxes(self) -> list[tuple[str, str]]:
        return yes_no_boxes(bool(self.value), PRINTED_TICK) if self.yes_no else []


@dataclass
class AnswerLine:
    """One typed answer of a cell: its field, its label, its value as stored and as shown."""

    name: str
    label: str
    value: object
    shown: str
    kind: str  # yes_no, number or text (answer_kind)
    printed: bool  # labelled in the official form's own (Chinese) words
    field: object = None  # the input, on the form being filled in (ReportAnswersForm.laid_out)

    @property
    def boxes(self) -> list[tuple[str, str]]:
        return yes_no_boxes(self.value) if self.kind == "yes_no" else []

    @property
    def printed_boxes(self) -> list[tuple[str, str]]:
        return yes_no_boxes(self.value, PRINTED_TICK) if self.kind == "yes_no" else []


@dataclass
class FormCell:
    label: str
    sublabel: str
    figures: list[FigureLine]
    answers: list[AnswerLine]

    @property
    def labelled(self) -> bool:
        """Whether each answer is printed after its label (several things share the cell)."""
        return bool(self.figures) or len(self.answers) > 1


@dataclass
class FormRow:
    code: str
    label: str
    cells: list[FormCell]


def _figure_line(code: str, figure: Figure, counted: dict) -> FigureLine:
    return FigureLine(
        code=code,
        label=str(figure.label),
        value=counted.get("value", 0),
        unit=figure.unit,
        method=str(figure.method),
        breakdown=breakdown_labels(counted.get("breakdown", {})),
        yes_no=figure.yes_no,
    )


def form_rows(content: dict) -> list[FormRow]:
    """The form as printed, filled with a content (a snapshot or the live figures). Driven by the
    layout only: a figure or a field moved from one cell to another shows where the layout puts it.
    A figure code that no installed app registered is left out rather than break the form."""
    answers = content["answers"]
    figures = content["figures"]
    rows = []
    for row in ROWS:
        cells = []
        for cell in row.cells:
            lines = []
            for code in cell.figures:
                figure = figure_get(code)
                if figure is not None:
                    lines.append(_figure_line(code, figure, figures.get(code, {})))
            shown = [
                AnswerLine(
                    name=name,
                    label=str(StatisticsReport._meta.get_field(name).verbose_name),
                    value=answers.get(name),
                    shown=answer_display(name, answers.get(name)),
                    kind=answer_kind(name),
                    printed=printed_in_chinese(name),
                )
                for name in cell.fields
            ]
            cells.append(FormCell(label=cell.label, sublabel=cell.sublabel, figures=lines, answers=shown))
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
# The typed numbers of the form, added up beside the figures (whichever the layout still has typed).
SUMMARY_NUMBERS = tuple(name for name in ANSWER_FIELDS if answer_kind(name) == "number")


def national_summary(year: int, period: int) -> dict:
    """Every province's submitted figures side by side, with the national totals. Two queries."""
    reports = list(
        StatisticsReport.objects.filter(year=year, period=period)
        .select_related("province", "current_snapshot")
        .order_by("province__code")
    )
    codes = list(figure_registry.FIGURES)
    columns = [*codes, *SUMMARY_NUMBERS]
    rows: list = []
    totals: dict[str, int | str] = dict.fromkeys(columns, 0)
    for report in reports:
        values = {}
        if report.status in SUMMARY_STATES and report.current_snapshot_id:
            content = report.current_snapshot.content
            for code in codes:
                values[code] = content["figures"].get(code, {}).get("value", 0)
            for name in SUMMARY_NUMBERS:
                values[name] = content["answers"].get(name) or 0
            for column in columns:
                totals[column] += values[column]
        rows.append({"report": report, "values": values, "counted": bool(values)})
    for code, figure in figure_registry.FIGURES.items():
        if figure.share:
            totals[code] = ""  # a percentage per province does not add up over provinces
    return {"rows": rows, "totals": totals, "columns": columns}


def printed_in_chinese(name: str) -> bool:
    """Whether a field's label is the official form's own words (a plain str, never translated:
    form_layout.py) rather than Terroir's (a lazy translation); pages mark the former lang="zh-hans"."""
    return isinstance(StatisticsReport._meta.get_field(name).verbose_name, str)


def summary_printed_columns() -> set[str]:
    return {name for name in SUMMARY_NUMBERS if printed_in_chinese(name)}


def summary_column_labels() -> dict[str, str]:
    labels = {code: str(figure.label) for code, figure in figure_registry.FIGURES.items()}
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
    for answer in cell.answers:
        if answer.shown:
            parts.append(f"{answer.label}：{answer.shown}" if cell.labelled else answer.shown)
    return "\n".join(parts)
