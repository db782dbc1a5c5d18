"""CSV and XLSX exports of a report and of the national summary. Plain data, no formulas:
a cell starting with =, +, - or @ is prefixed so that a spreadsheet never runs it."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .form_layout import FORM_TITLE
from .selectors import cell_text, form_rows, report_content, summary_column_labels

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def report_table(report) -> list[list]:
    """项目 / 栏目 / 内容: one line per cell of the form, in the order printed."""
    content = report_content(report)
    table = [
        ["项目", "栏目", "内容"],
        ["填报单位", "", content["header"]["bureau"]],
        ["联系人", "", content["header"]["contact_person"]],
        ["联系方式", "", content["header"]["contact_phone"]],
    ]
    for row in form_rows(content):
        for cell in row.cells:
            table.append([row.label, cell.label, cell_text(cell)])
    table.append(["阶段性工作报告", "", content["stage_report"]])
    return table


def summary_table(summary: dict) -> list[list]:
    labels = summary_column_labels()
    table = [["省份", "状态", *(labels[column] for column in summary["columns"])]]
    for row in summary["rows"]:
        report = row["report"]
        values = row["values"]
        table.append(
            [
                report.province.name,
                str(report.get_status_display()),
                *(values.get(column, "") for column in summary["columns"]),
            ]
        )
    table.append(["合计", "", *(summary["totals"][column] for column in summary["columns"])])
    return table


def as_csv(table: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in table:
        writer.writerow([safe_text(value) for value in line])
    # With a BOM: spreadsheet programs in China open UTF-8 CSV as GBK otherwise.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(table: list[list], title: str = FORM_TITLE) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "统计表"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in table:
        sheet.append([safe_text(value) for value in line])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [28, 28, 60] + [16] * 23, strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
