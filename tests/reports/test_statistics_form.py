import re
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from viewflow.workflow.models import Task

from reports.actions import submit_report
from reports.documents import statistics_form_pdf
from reports.figures import FIGURES
from reports.flows import StatisticsReportFlow
from reports.form_layout import ALL_LABELS, ROWS
from reports.models import StatisticsReport
from reports.selectors import report_content
from reports.services import report_lead_decide, report_national_decide, report_update
from tests.documents.test_rendering import DOCUMENT_FACES, font_faces, poppler

from .conftest import ANSWERS, EXPECTED, YEAR, add_declaration

# Figures count the records of the year: a fixed day of 2026 (conftest.YEAR); the counts at the hard dates.
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, check=True, text=True).stdout


def _fill_and_submit(province):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    return submit_report(actor=province.officer, report=province.report)


def test_the_form_has_every_row_and_column_of_the_seed():
    assert [row.label for row in ROWS] == [
        "制定工作方案情况",
        "三大体系建设情况",
        "地理标志产品专用标志使用情况",
        "地理标志产品监督检查情况",
        "地理标志精准扶贫情况",
        "示范区监督巡查情况",
        "地理标志品牌评价推荐情况",
        "“中国国家地理标志产品保护网”地方馆信息更新情况",
        "开展宣传情况",
    ]
    assert sum(1 for row in ROWS for cell in row.cells if cell.label == "存在问题及原因") == 6


@pytest.mark.on_hard_dates
def test_counts_come_from_the_province_records_only(province, hard_date):
    assert hard_date.day.year == YEAR
    figures = report_content(province.report)["figures"]
    assert {code: figures[code]["value"] for code in EXPECTED} == EXPECTED
    assert figures["checks"]["breakdown"] == {"tea": 2, "fruit": 1}


def test_pdf_shows_every_label_and_the_counts(province, tmp_path):
    report = _fill_and_submit(province)
    pdf = statistics_form_pdf(report)
    text = _squeeze(_pdf_text(pdf, tmp_path))
    missing = [label for label in ALL_LABELS if _squeeze(label) not in text]
    assert missing == []
    for code, value in EXPECTED.items():
        # The label may wrap inside its cell; its end stands next to the number.
        label = _squeeze(str(FIGURES[code].label))
        assert f"{label[-4:]}：{value}{FIGURES[code].unit}" in text, code
    assert "0571-88888888" in text and "张统计" in text and "否■" in text
    fonts = subprocess.run(
        [poppler("pdffonts"), str(tmp_path / "form.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "CJK" in fonts and " yes " in fonts  # a CJK font, embedded
    # Headings, labels and figures in bold are set in Hei: no bold Song face (ADR 0025).
    assert font_faces([line.split() for line in fonts.splitlines()[2:]]) == DOCUMENT_FACES


def test_a_submitted_report_is_frozen_against_later_records(province):
    report = _fill_and_submit(province)
    assert report.status == StatisticsReport.Status.AWAITING_APPROVAL
    from tests.factories.organizations import EnterpriseFactory

    add_declaration(EnterpriseFactory(), report.province.protected_products.first())
    report.refresh_from_db()
    assert report_content(report)["figures"]["mark_users_new"]["value"] == 2
    with pytest.raises(ValidationError):
        report_update(actor=province.officer, report=report, answers={"stage_report": "改了"})


def test_returned_report_is_corrected_and_resubmitted_accepted_one_cannot_change(province):
    report = _fill_and_submit(province)
    assert Task.objects.filter(flow_task=StatisticsReportFlow.approve, process__artifact_object_id=report.pk).exists()
    report = report_lead_decide(actor=province.lead, report=report, approve=True)
    assert report.status == StatisticsReport.Status.SUBMITTED
    with pytest.raises(ValidationError):
        report_national_decide(actor=province.kjs_staff, report=report, accept=False, comment="  ")
    report = report_national_decide(actor=province.kjs_staff, report=report, accept=False, comment="扶贫数据缺失")
    assert report.status == StatisticsReport.Status.RETURNED and not report.is_frozen

    report = report_update(actor=province.officer, report=report, answers={"poverty_effects": "带动增收"})
    report = submit_report(actor=province.officer, report=report)
    assert report.current_snapshot.number == 2
    assert report.current_snapshot.content["answers"]["poverty_effects"] == "带动增收"
    report = report_lead_decide(actor=province.lead, report=report, approve=True)
    report = report_national_decide(actor=province.kjs_staff, report=report, accept=True)
    assert report.status == StatisticsReport.Status.ACCEPTED

    with pytest.raises(ValidationError):
        report_update(actor=province.officer, report=report, answers={"poverty_effects": "再改"})
    with pytest.raises(ValidationError):
        submit_report(actor=province.officer, report=report)
    report.refresh_from_db()
    assert report.poverty_effects == "带动增收"


def test_only_the_right_people_move_the_report(province):
    with pytest.raises(PermissionDenied):
        report_update(actor=province.other_officer, report=province.report, answers={"stage_report": "x"})
    report = _fill_and_submit(province)
    with pytest.raises(PermissionDenied):
        report_lead_decide(actor=province.officer, report=report, approve=True)
    report = report_lead_decide(actor=province.lead, report=report, approve=True)
    with pytest.raises(PermissionDenied):
        report_national_decide(actor=province.lead, report=report, accept=True)


def test_submission_needs_the_contact_and_the_stage_report(province):
    with pytest.raises(ValidationError) as error:
        submit_report(actor=province.officer, report=province.report)
    assert "联系人" in str(error.value)
    province.report.refresh_from_db()
    assert province.report.status == StatisticsReport.Status.DRAFT and province.report.snapshots.count() == 0


def test_lead_sending_back_unfreezes_the_draft(province):
    report = _fill_and_submit(province)
    with pytest.raises(ValidationError):
        report_lead_decide(actor=province.lead, report=report, approve=False, comment="")
    report = report_lead_decide(actor=province.lead, report=report, approve=False, comment="请补充宣传情况")
    assert report.status == StatisticsReport.Status.DRAFT and report.is_editable and not report.is_frozen
