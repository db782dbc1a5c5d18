"""The files people fill: the Chinese headers, the English ones in a second row (skipped when
read), and for XLSX a second sheet 填写说明 with what each column takes and an example."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .columns import COLUMNS, KIND_LABELS, ImportKind


def template_csv(kind: ImportKind) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.zh for column in COLUMNS[kind]])
    writer.writerow([column.en for column in COLUMNS[kind]])
    return text.getvalue().encode("utf-8-sig")  # the BOM: Excel opens UTF-8 as such only with it


def template_xlsx(kind: ImportKind) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(KIND_LABELS[kind])[:31]
    sheet.append([column.zh for column in COLUMNS[kind]])
    sheet.append([column.en for column in COLUMNS[kind]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS[kind], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column.zh) * 3)
        # Text cells: Excel would turn a credit code or a region code into a number and lose digits.
        for row in range(1, 2001):
            sheet.cell(row=row, column=index).number_format = "@"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "Column", "必填", "示例"])
    for column in COLUMNS[kind]:
        notes.append([column.zh, column.en, "是" if column.required else "否", column.example])
    notes.append([])
    notes.append(["第二行英文表头导入时自动跳过；请从第三行起填写，每行一条记录。"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
