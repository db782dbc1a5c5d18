"""Dates in a year whose official schedule is not entered (ADR 0041), on 7 December 2026: the
objection window is computed with the holidays set by law, shown as provisional (暂定) wherever it
is shown, and recomputed (audited, the people concerned told, the flow's timer moved) when 2027's
schedule is entered; a date that was already final is not touched."""

import datetime
import io
from functools import partial

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEvent
from cases.applications.progress import application_steps
from cases.applications.selectors import application_staff_history
from cases.models import Application, Regime
from deadlines.models import CalendarYear, Deadline
from deadlines.services import calendar_year_enter, deadline_start
from notifications.models import Notification
from tests import flows
from tests.factories.applications import Cast, draft_application
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-12-07")]
D = datetime.date

agree = partial(flows.agree, ApplicationFlow)

# A schedule as the State Council might publish it: 春节 5–12 Feb off, 20 Feb a working Saturday.
SCHEDULE_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
    "holidays": [(D(2027, 1, 1), "元旦")] + [(D(2027, 2, day), "春节") for day in (5, 8, 9, 10, 11, 12)],
    "working_days": [(D(2027, 2, 20), "春节调休")],
}


@pytest.fixture
def announced(client):
    """An application announced today: its objection window runs two months, into 2027."""
    cast = Cast()
    applicant, application = draft_application(regime=Regime.AQSIQ_2005)  # announced after the formal examination
    application_actions.submit(actor=applicant, application=application)
    task = agree(application, "preliminary_examination", "preliminary_examination")
    flows.complete(client, cast.province_staff, task, {"outcome": "accept"})
    task = agree(application, "formal_examination", "formal_examination")
    flows.complete(client, cast.kjs_staff, task, {"outcome": "accept"})
    task = agree(application, "announcement_pending", "approve_announcement")
    flows.complete(client, cast.kjs_lead, task, {"approve": "yes"})
    timer = agree(application, "objection_window", "objection_window")
    return applicant, Application.objects.get(pk=application.pk), timer


def test_the_window_does_not_end_in_the_spring_festival_and_is_provisional(announced):
    _applicant, application, timer = announced
    # +2 months is Sunday 7 Feb 2027; 8 Feb is 春节 and 9–10 Feb are in lieu of 6–7 Feb.
    assert application.objection_window_closes == D(2027, 2, 11)
    assert application.objection_window_provisional
    assert timezone.localtime(timer.scheduled).date() == D(2027, 2, 12)
    told = Notification.objects.get(kind="application.applicant.announced")
    assert "2027-02-11" in told.body and "该日期为暂定" in told.body


def test_the_provisional_date_is_shown_as_such_on_the_public_page_the_portal_and_the_api(client, announced):
    applicant, application, _timer = announced
    public = client.get(reverse("register:objection_new", args=[application.public_token])).content.decode()
    assert "2027-02-11" in public and "暂定" in public
    assert "暂定" in client.get(reverse("register:announcements")).content.decode()
    client.force_login(applicant)
    portal = client.get(reverse("portal_applications:detail", args=[application.pk])).content.decode()
    assert "2027-02-11" in portal and "暂定" in portal
    api = APIClient()
    api.force_authenticate(applicant)
    body = api.get(f"/api/applications/{application.pk}/").json()
    assert body["objection_window_closes"] == "2027-02-11"
    assert body["objection_window_provisional"] is True


def test_entering_2027_recomputes_the_window_its_timer_and_the_provisional_clocks(announced):
    applicant, application, timer = announced
    department = application.province  # any model with an integer key
    officer = Cast().kjs_staff
    moving = deadline_start(
        actor=None, rule_code="enforcement.defence", target=department, assignee=officer, start=D(2027, 2, 3)
    )
    staying = deadline_start(actor=None, rule_code="enforcement.review", target=department, start=D(2026, 12, 25))
    final = deadline_start(actor=None, rule_code="enforcement.review", target=department)
    assert (moving.due_on, moving.provisional) == (D(2027, 2, 16), True)  # 4, 11, 12, 15, 16 Feb by law
    assert (staying.due_on, staying.provisional) == (D(2027, 1, 11), True)  # 1 Jan off by law
    assert (final.due_on, final.provisional) == (D(2026, 12, 21), False)
    Deadline.objects.filter(pk=final.pk).update(due_on=D(2027, 2, 8))  # a final date is never recomputed

    _year, moved = calendar_year_enter(actor=None, **SCHEDULE_2027)

    assert moved == 2
    application.refresh_from_db()
    # Sunday 7 Feb, 8–12 Feb off, 13–14 Feb the weekend: Monday 15 Feb, now final.
    assert (application.objection_window_closes, application.objection_window_provisional) == (D(2027, 2, 15), False)
    timer.refresh_from_db()
    assert timezone.localtime(timer.scheduled) == timezone.make_aware(datetime.datetime(2027, 2, 16))
    moving = Deadline.objects.get(pk=moving.pk)
    assert (moving.due_on, moving.provisional) == (D(2027, 2, 18), False)  # 4, 15, 16, 17, 18 Feb
    staying = Deadline.objects.get(pk=staying.pk)
    assert (staying.due_on, staying.provisional) == (D(2027, 1, 11), False)
    final = Deadline.objects.get(pk=final.pk)
    assert final.due_on == D(2027, 2, 8) and not final.provisional

    window_moves = AuditEvent.objects.filter(action="application.objection_window.move")
    assert [(event.data["closes_before"], event.data["closes"]) for event in window_moves] == [
        ("2027-02-11", "2027-02-15")
    ]
    clock_moves = AuditEvent.objects.filter(action="deadline.recompute")
    assert [(event.target_id, event.data["from"], event.data["to"]) for event in clock_moves] == [
        (str(moving.pk), "2027-02-16", "2027-02-18")
    ]
    said = [sentence.what for sentence in application_staff_history(application).sentences]
    assert "异议期届满日期已重新计算（由 2027-02-11 调整为 2027-02-15）" in said
    told = Notification.objects.get(kind="application.applicant.window_moved")
    assert told.recipient == applicant
    assert "2027-02-15" in told.body and "2027-02-11" in told.body
    assert Notification.objects.get(kind="deadline.moved").recipient == officer


def test_entering_a_year_again_moves_nothing_that_is_final(announced):
    _applicant, application, _timer = announced
    calendar_year_enter(actor=None, **SCHEDULE_2027)
    events = AuditEvent.objects.count()
    _year, moved = calendar_year_enter(actor=None, **{**SCHEDULE_2027, "holidays": SCHEDULE_2027["holidays"][:1]})
    assert moved == 0
    application.refresh_from_db()
    assert application.objection_window_closes == D(2027, 2, 15)
    assert AuditEvent.objects.count() == events + 1  # the year's entry only


def test_the_public_tracking_step_says_the_closing_date_is_provisional(announced):
    _applicant, application, _timer = announced
    notes = [step.note for step in application_steps(application) if step.note]
    assert [str(note) for note in notes] == [
        "异议期至2027-02-11（暂定：该年度节假日安排公布后可能调整），任何单位和个人均可提出异议。"
    ]


def test_the_schedule_is_entered_from_a_file(tmp_path, announced):
    _applicant, application, _timer = announced
    schedule = tmp_path / "2027.txt"
    schedule.write_text(
        "# 国务院办公厅关于2027年部分节假日安排的通知\n休 2027-01-01 元旦\n休 2027-02-05 春节\n"
        "休 2027-02-08..2027-02-12 春节\n班 2027-02-20 春节调休\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("enter_calendar_year", "2027", str(schedule), "--source", "国办发明电（测试）", stdout=out)
    assert "1 date(s) moved" in out.getvalue()
    assert CalendarYear.objects.get(year=2027).days.count() == 8
    application.refresh_from_db()
    assert application.objection_window_closes == D(2027, 2, 15)
    assert AuditEvent.objects.filter(action="calendar.enter_year").count() == 1


def test_a_bad_line_in_the_file_changes_nothing(tmp_path):
    schedule = tmp_path / "2027.txt"
    schedule.write_text("休 2027-01-01 元旦\n放 2027-02-05 春节\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("enter_calendar_year", "2027", str(schedule), "--source", "x")
    assert not CalendarYear.objects.exists()


def test_open_provisional_dates_are_recomputed_on_demand(announced):
    """After deploying: a window counted Monday to Friday (on 2027-02-08, 春节) is recomputed."""
    _applicant, application, timer = announced
    Application.objects.filter(pk=application.pk).update(objection_window_closes=D(2027, 2, 8))
    out = io.StringIO()
    call_command("recompute_provisional_dates", stdout=out)
    assert "1 provisional date(s) moved" in out.getvalue()
    application.refresh_from_db()
    assert (application.objection_window_closes, application.objection_window_provisional) == (D(2027, 2, 11), True)
    timer.refresh_from_db()
    assert timezone.localtime(timer.scheduled).date() == D(2027, 2, 12)
