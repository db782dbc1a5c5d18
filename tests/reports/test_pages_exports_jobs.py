import csv
import datetime
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cases.models import Application, Declaration, EnforcementCase
from deadlines.jobs import check_deadlines
from deadlines.models import Deadline
from notifications.models import Notification
from reports.actions import submit_report
from reports.dashboard import Scope, dashboard_context, target_progress
from reports.models import StatisticsReport, period_due
from reports.services import report_lead_decide, report_national_decide, report_update, reports_open_period

from .conftest import ANSWERS, EXPECTED, PERIOD, YEAR, add_case

# Figures count the records of the year: a fixed day of 2026 (conftest.YEAR).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_officer_is_reminded_and_lead_escalated_once_each(province):
    deadline = Deadline.objects.get(rule_code="statistics.report", target_id=province.report.pk)
    assert deadline.department.code == "AMR-330000" and deadline.queue_role == "statistics_officer"
    assert deadline.due_on == period_due(YEAR, PERIOD) == datetime.date(2026, 12, 30)  # a Wednesday
    before = deadline.due_on - datetime.timedelta(days=2)
    check_deadlines(today=before)
    check_deadlines(today=before)
    assert _kinds(province.officer) == ["deadline.reminder"]
    assert _kinds(province.lead) == []
    late = deadline.due_on + datetime.timedelta(days=1)
    check_deadlines(today=late)
    check_deadlines(today=late + datetime.timedelta(days=1))
    assert _kinds(province.lead) == ["deadline.escalation"]
    # Jiangsu's officer is reminded of Jiangsu's report only.
    theirs = Notification.objects.filter(recipient=province.other_officer).values_list("target_id", flat=True)
    assert province.report.pk not in list(theirs)


def test_opening_a_period_twice_opens_nothing_new(province):
    assert reports_open_period(actor=None, year=YEAR, period=PERIOD) == []
    assert Deadline.objects.filter(rule_code="statistics.report", target_id=province.report.pk).count() == 1


def test_approval_meets_the_deadline_and_issues_the_numbered_form(province):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    report_lead_decide(actor=province.lead, report=report, approve=True)
    deadline = Deadline.objects.get(rule_code="statistics.report", target_id=report.pk)
    assert deadline.state == Deadline.State.MET
    assert "statistics.submitted" in _kinds(province.kjs_staff)


def test_csv_and_xlsx_hold_every_cell_and_the_counts(province, client):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    client.force_login(province.officer)
    response = client.get(reverse("reports:csv", args=[province.report.pk]))
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = {(line[0], line[1]): line[2] for line in lines[1:]}
    assert cells[("地理标志产品专用标志使用情况", "专用标志核准企业数量")].count("2家") == 2
    assert "3次" in cells[("地理标志产品监督检查情况", "监督检查产品类别及数量")]
    # Counted from the promotion records (none in this world), no longer typed.
    assert cells[("开展宣传情况", "中央媒体报道篇数")] == "中央媒体报道：0篇"
    assert len([key for key in cells if key[1] == "存在问题及原因"]) == 6

    # The XLSX is the form's layout (tests/reports/test_form_exports_provenance.py): the number under its heading.
    response = client.get(reverse("reports:xlsx", args=[province.report.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    heading = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "地方媒体报道篇数")
    counted = sheet.cell(heading.row + 1, heading.column + 1)
    assert counted.value == 0 and counted.data_type == "n"  # a number, counted from the records


def test_export_neutralises_formulas(province, client):
    report_update(actor=province.officer, report=province.report, answers={"site_sharing": "=HYPERLINK(1)"})
    client.force_login(province.officer)
    body = client.get(reverse("reports:csv", args=[province.report.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_another_province_gets_404_and_kjs_sees_every_province(province, client):
    pk = province.report.pk
    client.force_login(province.other_officer)
    for name, args in [("detail", [pk]), ("edit", [pk]), ("pdf", [pk]), ("csv", [pk]), ("figure", [pk, "checks"])]:
        assert client.get(reverse(f"reports:{name}", args=args)).status_code == 404, name
    assert client.post(reverse("reports:submit", args=[pk])).status_code == 404
    assert client.get(reverse("reports:summary")).status_code == 403
    client.force_login(province.kjs_staff)
    assert client.get(reverse("reports:detail", args=[pk])).status_code == 200
    assert client.get(reverse("reports:summary")).status_code == 200


def test_figure_page_lists_the_records_behind_the_count(province, client):
    client.force_login(province.officer)
    response = client.get(reverse("reports:figure", args=[province.report.pk, "enforcement_filed"]))
    assert response.status_code == 200
    assert list(response.context["records"].values_list("number", flat=True)) == [
        "浙市监罚〔T〕1号",
        "浙市监罚〔T〕2号",
    ]
    assert client.get(reverse("reports:figure", args=[province.report.pk, "nonsense"])).status_code == 404


def test_frozen_figure_page_keeps_the_submitted_records(province, client):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    add_case("330106", "浙市监罚〔T〕3号", filed_on=timezone.localdate())
    client.force_login(province.lead)
    response = client.get(reverse("reports:figure", args=[report.pk, "enforcement_filed"]))
    assert response.context["records"].count() == EXPECTED["enforcement_filed"]


def test_bad_input_is_refused_with_a_message_and_changes_nothing(province, client):
    client.force_login(province.officer)
    url = reverse("reports:edit", args=[province.report.pk])
    response = client.post(url, {"contact_person": "张", "contact_phone": "1" * 51})
    assert response.status_code == 200 and response.context["form"].errors.keys() >= {"contact_phone"}
    province.report.refresh_from_db()
    assert province.report.contact_person == "" and province.report.contact_phone == ""
    response = client.post(reverse("reports:submit", args=[province.report.pk]), follow=True)
    assert province.report.__class__.objects.get(pk=province.report.pk).status == StatisticsReport.Status.DRAFT
    assert any("联系人" in str(message) for message in response.context["messages"])
    client.force_login(province.kjs_staff)
    assert client.get(reverse("reports:summary"), {"year": "abc", "period": "9"}).status_code == 200


def test_officer_fills_and_submits_through_the_pages(province, client):
    client.force_login(province.officer)
    data = {key: ("True" if value is True else "False" if value is False else value) for key, value in ANSWERS.items()}
    response = client.post(reverse("reports:edit", args=[province.report.pk]), data)
    assert response.status_code == 302
    submitted = client.post(reverse("reports:submit", args=[province.report.pk]))
    province.report.refresh_from_db()
    assert province.report.status == StatisticsReport.Status.AWAITING_APPROVAL
    # What follows and who acts (ADR 0039): the province's lead approves it.
    told = [str(message) for message in get_messages(submitted.wsgi_request)][-1]
    assert told.endswith("下一步：审核统计报告，由 浙江省市场监督管理局 负责人 办理。"), told
    assert province.report.brand_categories == ANSWERS["brand_categories"]
    assert client.get(reverse("reports:detail", args=[province.report.pk])).status_code == 200


def test_national_summary_adds_up_the_submitted_figures(province, client):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    report_lead_decide(actor=province.lead, report=report, approve=True)
    client.force_login(province.kjs_staff)
    response = client.get(reverse("reports:summary"), {"year": YEAR, "period": PERIOD})
    totals = response.context["summary"]["totals"]
    assert totals["checks"] == 3 and totals["enforcement_filed"] == 2 and totals["plans_city"] == 0
    body = client.get(reverse("reports:summary"), {"year": YEAR, "period": PERIOD, "format": "csv"}).content
    assert "浙江省" in body.decode("utf-8-sig")


def test_dashboard_numbers_match_a_direct_count(province, client):
    national = target_progress(Scope(province=None), YEAR)
    assert national["products"] == Application.objects.filter(status="protected", closed_at__year=YEAR).count()
    assert national["enterprises"] == (
        Declaration.objects.filter(declared_at__year=YEAR).values("enterprise").distinct().count()
    )
    zhejiang = Scope(province=province.report.province)
    context = dashboard_context(zhejiang, YEAR)
    month = timezone.localdate().month
    assert (
        context["months"]["cases_opened"][month - 1]
        == EnforcementCase.objects.filter(region__code__startswith="33", created_at__year=YEAR).count()
    )
    assert [row["code"] for row in context["provinces"]] == ["330000"]

    client.force_login(province.kjs_lead)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and b"<svg" in response.content
    client.force_login(province.officer)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_dashboard_queries_do_not_grow_with_the_records(province):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            dashboard_context(Scope(province=None), YEAR)
        return len(captured)

    before = queries()
    for number in range(5):
        add_case("330106", f"浙市监罚〔Q〕{number}号", filed_on=timezone.localdate())
    assert queries() == before


def _named_in_panel(html: str) -> list[str]:
    panel = html.split('<section class="next-step card">', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<li>([^<·]+?) ·", panel)


def test_the_draft_and_the_returned_report_name_their_statistics_officer(province, client):
    """No task is open before submission or after a return: the page names the province's officer,
    not another province's, and once submitted, the lead's task instead."""
    client.force_login(province.kjs_staff)
    page = client.get(reverse("reports:detail", args=[province.report.pk])).content.decode()
    assert "填写并提交统计报告" in page
    officer = province.officer.get_full_name() or province.officer.username
    assert _named_in_panel(page) == [officer]
    assert (province.other_officer.get_full_name() or province.other_officer.username) not in _named_in_panel(page)

    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "填写并提交统计报告" not in page
    assert _named_in_panel(page) == [province.lead.get_full_name() or province.lead.username]

    report_lead_decide(actor=province.lead, report=report, approve=True)
    report_national_decide(actor=province.kjs_staff, report=report, accept=False, comment="请补充阶段性工作报告。")
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "填写并提交统计报告" in page and _named_in_panel(page) == [officer]
