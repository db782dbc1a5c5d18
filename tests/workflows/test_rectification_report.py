"""The producer's side of a rectification (issue 23, ADR 0047): the report with evidence in the
portal, what the re-inspection task shows of it, and the reminder before the deadline."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from audit.models import AuditEvent
from cases.declarations.notices import producer_accounts
from cases.models import CheckEvidence, RectificationReport, SupervisionCheck
from deadlines.calendar import WorkingCalendar
from notifications.models import Notification
from organizations.models import Role
from tests import flows
from tests.clock import travel
from tests.factories.cases import PDF_BYTES
from tests.factories.organizations import make_member
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.supervision.actions import remind_rectification_reports, report_rectification
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["terroir_language"] = "en"
    with translation.override("en"):
        yield


def pdf(name="整改后标签.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def ordered(client):
    """A check whose inspectors ordered rectification: (check, producer, first inspector)."""
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="rectify")[0]
    first = check.inspector_a
    task = flows.open_task(SupervisionCheckFlow, check, "inspect")
    findings = {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签未标注产地"}
    flows.complete(client, first, task, findings)
    client.logout()
    client.cookies["terroir_language"] = "en"  # logout() dropped the cookies
    check.refresh_from_db()
    assert check.status == SupervisionCheck.Status.RECTIFICATION and check.rectification_due
    return check, producer_accounts(check.declaration).get(), first


# The service


def test_the_producer_reports_with_evidence_audited_and_the_inspectors_told(ordered):
    check, producer, _first = ordered
    mail.outbox.clear()
    report = report_rectification(actor=producer, check=check, text="已重印标签，标注产地。", files=[pdf()])
    assert report.due_on == check.rectification_due and not report.late
    assert [f.original_name for f in report.files.all()] == ["整改后标签.pdf"]
    assert report.files.get().check_record_id == check.pk
    event = AuditEvent.objects.get(action="check.rectification_report")
    assert event.actor_id == producer.pk and event.data["late"] is False
    assert event.data["evidence"][0]["file"] == "整改后标签.pdf"
    told = set(
        Notification.objects.filter(kind="supervision.rectification_reported").values_list("recipient", flat=True)
    )
    assert told == {check.inspector_a_id, check.inspector_b_id}


def test_a_report_after_the_deadline_is_taken_but_marked_late(ordered):
    check, producer, _first = ordered
    with travel(check.rectification_due + datetime.timedelta(days=1)):
        report = report_rectification(actor=producer, check=check, text="逾期完成整改。", files=[pdf()])
    assert report.late
    assert AuditEvent.objects.get(action="check.rectification_report").data["late"] is True


def test_only_the_checked_enterprise_may_report(ordered):
    check, _producer, first = ordered
    other_producer = published_declarations(1)[0].created_by
    for outsider in (first, make_member("AMR-330000", Role.LEAD), other_producer):
        with pytest.raises(PermissionDenied):
            report_rectification(actor=outsider, check=check, text="x", files=[pdf()])
    assert not RectificationReport.objects.exists()


def test_only_while_the_check_awaits_re_inspection_and_once(ordered, client):
    check, producer, _first = ordered
    with pytest.raises(ValidationError):
        report_rectification(actor=producer, check=check, text="  ", files=[])
    report_rectification(actor=producer, check=check, text="已整改", files=[pdf()])
    with pytest.raises(ValidationError):
        report_rectification(actor=producer, check=check, text="再次提交", files=[])
    task = flows.open_task(SupervisionCheckFlow, check, "reinspect")
    flows.complete(client, check.inspector_b, task, {**PASSING, "outcome": "compliant"})
    with pytest.raises(ValidationError):
        report_rectification(actor=producer, check=check, text="检查已结束", files=[])
    assert RectificationReport.objects.count() == 1


def test_a_file_that_is_not_what_it_says_is_refused(ordered):
    check, producer, _first = ordered
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        report_rectification(actor=producer, check=check, text="已整改", files=[fake])
    assert not RectificationReport.objects.exists() and not CheckEvidence.objects.exists()


# The portal


def test_the_portal_shows_the_deadline_and_takes_the_report(ordered, client):
    check, producer, _first = ordered
    client.force_login(producer)
    detail = f"/portal/declarations/{check.declaration_id}/"
    page = client.get(detail).content.decode()
    assert f"Rectify by {check.rectification_due:%Y-%m-%d}" in page
    assert "Submit the rectification report" in page
    form_url = f"{detail}rectification/"
    assert "标签未标注产地" in client.get(form_url).content.decode()
    refused = client.post(form_url, {"fixed": "", "evidence": pdf()})
    assert refused.status_code == 200 and not RectificationReport.objects.exists()
    response = client.post(
        form_url, {"fixed": "已重印标签，标注产地。", "evidence": pdf(), "more_evidence": pdf("照片.pdf")}
    )
    assert response.status_code == 302 and response["Location"] == detail
    report = RectificationReport.objects.get()
    assert report.submitted_by == producer and report.files.count() == 2
    page = client.get(detail).content.decode()
    assert "Your rectification report was sent on" in page and "已重印标签，标注产地。" in page
    assert "Submit the rectification report" not in page
    # Sent once: the form is no longer offered.
    assert client.get(form_url)["Location"] == detail


def test_another_producer_gets_a_404(ordered, client):
    check, _producer, _first = ordered
    stranger = published_declarations(1)[0].created_by
    client.force_login(stranger)
    assert client.get(f"/portal/declarations/{check.declaration_id}/rectification/").status_code == 404


# The re-inspection task


def reinspection_page(client, check):
    task = flows.open_task(SupervisionCheckFlow, check, "reinspect")
    flows.take(client, check.inspector_a, task)
    return client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).content.decode()


def test_the_re_inspection_task_shows_that_no_report_came(ordered, client):
    check, _producer, _first = ordered
    page = reinspection_page(client, check)
    assert "The producer has not sent a rectification report yet." in page
    assert "The deadline has passed." not in page
    with travel(check.rectification_due + datetime.timedelta(days=1)):
        assert "The deadline has passed." in reinspection_page(client, check)


def test_the_re_inspection_task_shows_the_report_and_its_files(ordered, client):
    check, producer, _first = ordered
    report = report_rectification(actor=producer, check=check, text="已重印标签，标注产地。", files=[pdf()])
    page = reinspection_page(client, check)
    assert "已重印标签，标注产地。" in page and "not sent a rectification report" not in page
    assert f"/files/check-evidence/{report.files.get().pk}/" in page
    assert "Sent late" not in page
    assert "rectification evidence from the producer" in page  # the materials panel tells whose it is
    RectificationReport.objects.filter(pk=report.pk).update(late=True)
    assert "Sent late" in reinspection_page(client, check)


# The reminder


def test_the_producer_is_reminded_once_three_working_days_before(ordered):
    check, producer, _first = ordered
    due = check.rectification_due
    calendar = WorkingCalendar()
    five_before = next(
        d
        for d in (due - datetime.timedelta(days=n) for n in range(5, 15))
        if calendar.working_days_between(d, due) == 5
    )
    three_before = next(
        d
        for d in (due - datetime.timedelta(days=n) for n in range(3, 10))
        if calendar.working_days_between(d, due) == 3
    )
    reminders = Notification.objects.filter(kind="declaration.rectification_reminder", recipient=producer)
    with travel(five_before):
        assert remind_rectification_reports() == 0
    with travel(three_before):
        assert remind_rectification_reports() == 1
        assert remind_rectification_reports() == 0
    assert reminders.count() == 1
    assert f"{due.year}" in reminders.get().subject


def test_no_reminder_once_the_report_is_sent(ordered):
    check, producer, _first = ordered
    report_rectification(actor=producer, check=check, text="已整改", files=[pdf()])
    with travel(check.rectification_due - datetime.timedelta(days=1)):
        assert remind_rectification_reports() == 0
    assert not Notification.objects.filter(kind="declaration.rectification_reminder").exists()
