"""The XLSX and the PDF reproduce the printed form (seed 004's attachment); the records behind
any registered figure, within the province, a page at a time."""

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import EnforcementCase
from organizations.models import Role
from reports.actions import submit_report
from reports.documents import statistics_form_pdf
from reports.figures import FIGURES, Figure, register_figures
from reports.form_layout import ALL_LABELS, ROWS, Cell, Row
from reports.form_xlsx import report_form_xlsx
from reports.services import report_update
from tests.documents.test_rendering import poppler
from tests.factories import make_member
from tests.promotion.conftest import plan

from .conftest import ANSWERS, EXPECTED, add_case

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

BOXES = ("是 □", "否 ☑")  # no provincial work plan among the fixture's records (promotion.statistics_figures)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sheet(body: bytes):
    return load_workbook(io.BytesIO(body))["统计表"]


def _values(sheet) -> list:
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _beside(sheet, label: str):
    """The number and the unit written in the two cells right of a label."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == label:
                return (
                    sheet.cell(cell.row, cell.column + 1).value,
                    sheet.cell(cell.row, cell.column + 2).value,
                )
    raise AssertionError(label)


def test_xlsx_is_laid_out_like_the_printed_form_with_numbers_as_numbers(province, tmp_path):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    body = report_form_xlsx(report)
    (tmp_path / "form.xlsx").write_bytes(body)
    sheet = _sheet(body)
    values = _values(sheet)
    texts = {value for value in values if isinstance(value, str)}
    assert [label for label in ALL_LABELS if label not in texts] == []
    assert set(BOXES) <= texts and texts >= {"制定方案数", "是否制定工作方案"}
    # Every heading of a row, in the order printed, each over its answer cells.
    for row in ROWS:
        assert all(cell.label in texts for cell in row.cells)
    # Counted figures and typed numbers: numeric cells beside their label, the unit after them.
    for code, value in EXPECTED.items():
        number, unit = _beside(sheet, str(FIGURES[code].label))
        assert (number, unit) == (value, FIGURES[code].unit), code
        assert isinstance(number, int)
    assert not [value for value in values if isinstance(value, str) and value.isdigit()]  # never numbers as text
    # The header lines carry their values; 填报时间 is the submission's date, a real date.
    assert _beside(sheet, "联系人：")[0] == "张统计" and _beside(sheet, "联系方式：")[0] == "0571-88888888"
    assert _beside(sheet, "填报单位：")[0] == report.bureau.name
    filled = _beside(sheet, "填报时间：")[0]
    assert isinstance(filled, datetime.datetime) and filled.date() == report.submitted_at.date()
    # Merged cells and borders as on paper; A4 landscape, one page wide.
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert "A1:J1" in merged
    heading = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "省局级")
    assert f"{heading.coordinate}:D{heading.row}" in merged and heading.border.left.style == "thin"
    # 是否制定工作方案 printed once beside its two boxes, as on paper.
    prompt = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "是否制定工作方案")
    assert f"{prompt.coordinate}:{prompt.column_letter}{prompt.row + 1}" in merged
    assert [sheet.cell(prompt.row + offset, prompt.column + 1).value for offset in (0, 1)] == list(BOXES)
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    workbook = load_workbook(io.BytesIO(body))
    assert "一、工作进展" in _values(workbook["阶段性工作报告"])


def test_the_plan_box_is_ticked_from_the_provincial_work_plans_on_record(province, tmp_path):
    texts = {value for value in _values(_sheet(report_form_xlsx(province.report))) if isinstance(value, str)}
    assert {"是 □", "否 ☑"} <= texts
    staff = make_member("AMR-330000", Role.STAFF)
    plan(staff, "AMR-330000", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    texts = {value for value in _values(_sheet(report_form_xlsx(province.report))) if isinstance(value, str)}
    assert {"是 ☑", "否 □"} <= texts


def test_export_neutralises_formulas_in_the_form_layout(province):
    report = report_update(actor=province.officer, report=province.report, answers={"site_sharing": "=HYPERLINK(1)"})
    assert "'=HYPERLINK(1)" in _values(_sheet(report_form_xlsx(report)))


def test_pdf_has_every_label_of_the_seed_form(province, tmp_path):
    report = report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    path = tmp_path / "form.pdf"
    path.write_bytes(statistics_form_pdf(report))
    text = _squeeze(
        subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, check=True, text=True).stdout
    )
    assert [label for label in ALL_LABELS if _squeeze(label) not in text] == []
    for label in ("填报时间：", "是□", "否■", "制定方案数", "张统计", "0571-88888888"):
        assert label in text, label
    assert text.count("制定方案数") == 2


def _cases_in(province, start, end):
    return EnforcementCase.objects.filter(region__code__startswith=province.prefix)


def test_the_records_page_lists_any_registered_figure_within_the_province(province, client, monkeypatch):
    """A figure no page knows of: each record by its name, linked to its page, this province's only."""
    monkeypatch.setattr("reports.figures.FIGURES", dict(FIGURES))
    register_figures(Figure("test_cases", "立案总数", "all cases of the province", "件", _cases_in))
    layout = list(ROWS)
    layout[1] = Row(
        ROWS[1].code,
        ROWS[1].label,
        (Cell("标准体系", ("standard_system",), figures=("test_cases",)), *ROWS[1].cells[1:]),
    )
    monkeypatch.setattr("reports.selectors.ROWS", tuple(layout))
    for number in range(3, 60):
        add_case("330106", f"浙市监罚〔T〕{number}号", filed_on=datetime.date(2026, 6, 1))

    client.force_login(province.officer)
    detail = client.get(reverse("reports:detail", args=[province.report.pk])).content.decode()
    url = reverse("reports:figure", args=[province.report.pk, "test_cases"])
    assert url in detail and "立案总数" in detail  # the provenance names it and opens its records
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "浙市监罚〔T〕1号" in html and "苏市监罚" not in html
    assert reverse("enforcement:detail", args=[EnforcementCase.objects.get(number="浙市监罚〔T〕1号").pk]) in html
    assert page.context["page"].paginator.count == 59 and len(page.context["rows"]) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 9 and "苏市监罚" not in second.content.decode()
    assert client.get(reverse("reports:figure", args=[province.report.pk, "no_such_figure"])).status_code == 404
    client.force_login(province.other_officer)
    assert client.get(url).status_code == 404


def test_the_form_page_shows_figures_read_only_and_typed_fields_as_inputs(province, client):
    client.force_login(province.officer)
    response = client.get(reverse("reports:edit", args=[province.report.pk]))
    html = response.content.decode()
    for row in ROWS:
        for cell in row.cells:
            for name in cell.fields:
                assert f'name="{name}"' in html, name
            for code in cell.figures:
                assert f'name="{code}"' not in html
    assert str(FIGURES["checks"].label) in html
