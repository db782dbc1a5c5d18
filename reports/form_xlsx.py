"""The statistics form as a spreadsheet laid out like the printed form: the title, the 填报单位 /
填报时间 / 联系人 / 联系方式 lines, each row with its label, its three column headings and the answer
cells under them, the 是 □ / 否 □ boxes, the 备注. Driven by reports/form_layout.py only, so a
figure or a field another app moves into a cell appears there without a change here.

Each column of the form is three spreadsheet columns: a label, a number, a unit. A counted
figure or a typed number sits in the number column as a number (a spreadsheet can add it up);
text spans the three. It prints on one A4 landscape page wide."""

import io
import math
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from .exports import safe_text
from .form_layout import FORM_NOTE, FORM_TITLE, HEADER_LABELS
from .selectors import FormCell, form_rows, report_content

LABEL_WIDTH, NUMBER_WIDTH, UNIT_WIDTH, ROW_LABEL_WIDTH = 24, 10, 5, 16
COLUMNS = 1 + 3 * 3  # the row label, then label / number / unit for each of the form's three columns
TABLE_WIDTH = ROW_LABEL_WIDTH + 3 * (LABEL_WIDTH + NUMBER_WIDTH + UNIT_WIDTH)
LINE_HEIGHT = 15  # points per line of text
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

THIN = Side(style="thin", color="222222")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADING_FILL = PatternFill("solid", fgColor="F1EFE9")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")


@dataclass
class Line:
    """One line of an answer cell: a label, a number (int or float) and a unit, or a text across."""

    label: str = ""
    number: int | float | None = None
    unit: str = ""
    text: str | None = None  # a text line: beside its label, or across the three columns without one
    bold_label: bool = False


def _lines_of(cell: FormCell) -> list[Line]:
    lines: list[Line] = []
    sublabel = cell.sublabel
    for figure in cell.figures:
        if figure.yes_no:
            # The printed prompt (是否制定工作方案) labels the boxes, ticked from the count.
            lines.extend(Line(label=sublabel, text=f"{word} {box}", bold_label=True) for word, box in figure.boxes)
            sublabel = ""
        lines.append(Line(label=figure.label, number=figure.value, unit=figure.unit))
        lines.extend(Line(label=f"　其中：{name}", number=count, unit=figure.unit) for name, count in figure.breakdown)
    for answer in cell.answers:
        # The printed prompt (是否制定工作方案, 制定方案数) labels the first answer; else its own label
        # when the cell holds several things, else the column heading says what it is.
        label = sublabel or (answer.label if cell.labelled else "")
        sublabel = ""
        if answer.kind == "yes_no":
            for word, box in answer.boxes:
                lines.append(Line(label=label, text=f"{word} {box}", bold_label=True))
        elif answer.kind == "number":
            number = answer.value if isinstance(answer.value, int | float) else None
            lines.append(Line(label=label, number=number, bold_label=bool(label)))
        elif answer.shown:
            # A text is too long for the number's column: its label goes before it, across the cell.
            lines.append(Line(text=f"{label}：{answer.shown}" if label else answer.shown))
    if sublabel:
        lines.insert(0, Line(label=sublabel, bold_label=True, text=""))
    # An empty cell keeps its room to write in, as on the printed form.
    return lines or [Line(text="")]


def _text_lines(text: str, width: float) -> int:
    """How many printed lines a text takes in a column of this width (a CJK character is two units)."""
    if not text:
        return 1
    units = width * 0.95
    return sum(max(1, math.ceil(sum(2 if ord(c) > 0x2E80 else 1 for c in part) / units)) for part in text.split("\n"))


def _frame(sheet: Worksheet, top: int, bottom: int, left: int = 1, right: int = COLUMNS) -> None:
    for row in sheet.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = BOX


def _merge(sheet: Worksheet, top: int, bottom: int, left: int, right: int) -> None:
    if bottom > top or right > left:
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


def _label_spans(lines: list[Line]) -> list[int]:
    """How many lines each label covers: the 是 and 否 lines of a yes/no answer share one label,
    printed once beside both boxes (0 for the lines whose label is printed above)."""
    spans = [1] * len(lines)
    index = 0
    while index < len(lines):
        end = index
        while end + 1 < len(lines) and lines[index].label and lines[end + 1].label == lines[index].label:
            end += 1
        for inner in range(index + 1, end + 1):
            spans[inner] = 0
        spans[index] = end - index + 1
        index = end + 1
    return spans


def _write_cell(sheet: Worksheet, first: int, height: int, column: int, lines: list[Line]) -> dict[int, int]:
    """The cell's lines one under the other, from sheet row `first`, its last line stretched to the
    row's `height`. Returns the printed lines of text each sheet row needs (for its height)."""
    needed: dict[int, int] = {}
    spans = _label_spans(lines)
    for index, line in enumerate(lines):
        top = first + index
        bottom = first + height - 1 if index == len(lines) - 1 else top
        last_of_label = index + spans[index] == len(lines)
        label_bottom = first + height - 1 if last_of_label else top + spans[index] - 1
        if line.text is not None and not line.label:
            _merge(sheet, top, bottom, column, column + 2)
            sheet.cell(top, column, safe_text(line.text) or None).alignment = WRAP
            needed[top] = _text_lines(line.text, LABEL_WIDTH + NUMBER_WIDTH + UNIT_WIDTH)
            continue
        if spans[index]:
            _merge(sheet, top, label_bottom, column, column)
            label = sheet.cell(top, column, safe_text(line.label) if line.label else None)
            label.alignment = Alignment(wrap_text=True, vertical="center" if spans[index] > 1 else "top")
            label.font = Font(bold=line.bold_label)
        needed[top] = _text_lines(line.label, LABEL_WIDTH) if spans[index] == 1 else 1
        if line.text is not None:
            _merge(sheet, top, bottom, column + 1, column + 2)
            sheet.cell(top, column + 1, safe_text(line.text) or None).alignment = WRAP
            needed[top] = max(needed[top], _text_lines(line.text, NUMBER_WIDTH + UNIT_WIDTH))
            continue
        _merge(sheet, top, bottom, column + 1, column + 1)
        _merge(sheet, top, bottom, column + 2, column + 2)
        number = sheet.cell(top, column + 1, line.number)
        number.alignment = Alignment(horizontal="right", vertical="top")
        number.font = Font(bold=True)
        sheet.cell(top, column + 2, line.unit or None).alignment = WRAP
    return needed


def _write_header(sheet: Worksheet, content: dict, filled_on) -> int:
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COLUMNS)
    title = sheet.cell(1, 1, FORM_TITLE)
    title.font = Font(bold=True, size=16)
    title.alignment = CENTRE
    sheet.row_dimensions[1].height = 30
    bureau, filled, person, phone = HEADER_LABELS
    header = content["header"]
    for row, (left_label, left_value, right_label, right_value) in enumerate(
        [
            (bureau, header["bureau"], filled, filled_on),
            (person, header["contact_person"], phone, header["contact_phone"]),
        ],
        start=2,
    ):
        # 填报单位：value over the first form column, 填报时间：value over the others, as on the paper form.
        sheet.cell(row, 1, left_label).font = Font(bold=True)
        _merge(sheet, row, row, 2, 4)
        sheet.cell(row, 2, safe_text(left_value) or None).alignment = Alignment(horizontal="left")
        sheet.cell(row, 5, right_label).font = Font(bold=True)
        _merge(sheet, row, row, 6, COLUMNS)
        value = sheet.cell(row, 6, safe_text(right_value) if isinstance(right_value, str) else right_value)
        value.alignment = Alignment(horizontal="left")
        if right_value is not None and not isinstance(right_value, str):
            value.number_format = DATE_FORMAT
        sheet.row_dimensions[row].height = 20
    return 4


def _write_rows(sheet: Worksheet, rows, top: int) -> int:
    """Each row of the form: its label down the left, the three headings, the answers under them."""
    for form_row in rows:
        cells = [_lines_of(cell) for cell in form_row.cells]
        height = max(len(lines) for lines in cells)
        for index, cell in enumerate(form_row.cells):
            column = 2 + 3 * index
            _merge(sheet, top, top, column, column + 2)
            heading = sheet.cell(top, column, cell.label)
            heading.font = Font(bold=True)
            heading.alignment = CENTRE
            heading.fill = HEADING_FILL
        sheet.row_dimensions[top].height = (
            LINE_HEIGHT
            * max(_text_lines(cell.label, LABEL_WIDTH + NUMBER_WIDTH + UNIT_WIDTH) for cell in form_row.cells)
            + 6
        )
        _merge(sheet, top, top + height, 1, 1)
        label = sheet.cell(top, 1, form_row.label)
        label.font = Font(bold=True)
        label.alignment = CENTRE
        label.fill = HEADING_FILL
        needed: dict[int, int] = {}
        for index, lines in enumerate(cells):
            for row, count in _write_cell(sheet, top + 1, height, 2 + 3 * index, lines).items():
                needed[row] = max(needed.get(row, 1), count)
        for row in range(top + 1, top + 1 + height):
            # An empty answer cell keeps the room to write in by hand, as on the printed form.
            sheet.row_dimensions[row].height = max(LINE_HEIGHT * needed.get(row, 1) + 4, 24 if height == 1 else 18)
        label_lines = _text_lines(form_row.label, ROW_LABEL_WIDTH)
        room = sum(sheet.row_dimensions[row].height for row in range(top, top + 1 + height))
        if room < LINE_HEIGHT * label_lines + 6:
            sheet.row_dimensions[top + height].height += LINE_HEIGHT * label_lines + 6 - room
        _frame(sheet, top, top + height)
        top += height + 1
    return top


def _print_setup(sheet: Worksheet, last_row: int) -> None:
    for column, width in enumerate([ROW_LABEL_WIDTH] + [LABEL_WIDTH, NUMBER_WIDTH, UNIT_WIDTH] * 3, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # One page wide, as many pages long as it takes.
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.print_area = f"A1:{get_column_letter(COLUMNS)}{last_row}"
    sheet.print_title_rows = "1:1"


def _write_stage_report(workbook: Workbook, text: str) -> None:
    sheet = workbook.create_sheet("阶段性工作报告")
    sheet.column_dimensions["A"].width = 120
    sheet.cell(1, 1, "阶段性工作报告").font = Font(bold=True, size=14)
    for row, paragraph in enumerate(text.splitlines() or [""], start=2):
        sheet.cell(row, 1, safe_text(paragraph) or None).alignment = WRAP
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _write_methods(workbook: Workbook, rows) -> None:
    """How each counted figure was counted: the provenance printed beside the numbers."""
    sheet = workbook.create_sheet("计数口径")
    sheet.append(["项目", "栏目", "统计项", "数值", "单位", "计数方法"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for form_row in rows:
        for cell in form_row.cells:
            for figure in cell.figures:
                sheet.append([form_row.label, cell.label, figure.label, figure.value, figure.unit, figure.method])
    for column, width in zip("ABCDEF", [24, 24, 30, 8, 6, 70], strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def report_form_xlsx(report) -> bytes:
    content = report_content(report)
    rows = form_rows(content)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "统计表"
    filled_on = report.submitted_at.date() if report.is_frozen and report.submitted_at else None
    top = _write_header(sheet, content, filled_on)
    top = _write_rows(sheet, rows, top)
    _merge(sheet, top, top, 1, COLUMNS)
    note = sheet.cell(top, 1, FORM_NOTE)
    note.alignment = WRAP
    sheet.row_dimensions[top].height = LINE_HEIGHT * _text_lines(FORM_NOTE, TABLE_WIDTH) + 6
    _print_setup(sheet, top)
    _write_stage_report(workbook, content["stage_report"])
    _write_methods(workbook, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
