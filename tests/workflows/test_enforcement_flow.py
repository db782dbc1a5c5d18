"""Every path of an enforcement case through the task views; after each step the case's status
and the process's open task agree."""

import datetime
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from audit.models import AuditEvent
from audit.verification import verify_audit_chain
from cases.enforcement.penalties import late_fee
from cases.enforcement.selectors import case_clock
from cases.enforcement.services import case_add_evidence
from cases.models import CaseEvidence, EnforcementCase
from deadlines.models import Deadline
from documents.models import Document
from organizations.models import Role
from tests import flows
from tests.clock import working_day_on_or_after
from tests.factories import make_member
from tests.factories.cases import pdf_file
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.enforcement.flows import EnforcementCaseFlow

# Service, defence and payment are dated from today: a fixed day, the clock tests at the hard dates.
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

agree = partial(flows.agree, EnforcementCaseFlow)


@pytest.fixture
def bureau():
    return hangzhou_bureau()


D = datetime.date

# The 90-day clock of a case filed on each hard date (tests/clock.py); the tests also derive it
# from the calendar: the next working day on or after the 90th day.
CASE_DUE = {
    D(2026, 2, 13): D(2026, 5, 14),
    D(2026, 3, 31): D(2026, 6, 29),
    D(2026, 12, 7): D(2027, 3, 8),  # the 90th day is Sunday 7 March 2027 (provisional)
    D(2026, 12, 28): D(2027, 3, 29),  # the 90th day is Sunday 28 March 2027 (provisional)
}


def assert_case_clock_from(today: datetime.date, clock) -> None:
    due = clock.deadline.due_on
    assert due == working_day_on_or_after(today + datetime.timedelta(days=90)) == CASE_DUE[today]
    assert clock.deadline.provisional == (due.year == 2027)  # chinese-calendar knows up to 2026
    assert not clock.paused and clock.remaining_days == (due - today).days


def days_ago(n: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=n)).isoformat()


class Walk:
    def __init__(self, client, case):
        self.client, self.case = client, case
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # refusals are asserted by their English text

    def step(self, user, status, task_name, data, expect_error: str | None = None):
        task = agree(self.case, status, task_name)
        response = flows.complete(self.client, user, task, data, expect=200 if expect_error else 302)
        if expect_error:
            assert expect_error in response.content.decode()
            agree(self.case, status, task_name)  # nothing moved

    def refresh(self):
        return EnforcementCase.objects.get(pk=self.case.pk)


def file_case(client, bureau, *, is_major=False):
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk(client, case)
    walk.step(bureau.inspectors[0], "verifying", "verify", {"findings": "现场核实属实", "proposal": "file"})
    data = {"decision": "file", "officers": [i.pk for i in bureau.inspectors[:2]], "reason": "符合立案条件"}
    if is_major:
        data["is_major"] = "on"
    walk.step(bureau.lead, "filing_decision", "decide_filing", data)
    return walk


def add_evidence(walk, bureau):
    case_add_evidence(
        actor=bureau.inspectors[0],
        case=walk.case,
        kind="document",
        description="进货单据及销售记录",
        second_officer=bureau.inspectors[1],
    )


def report(walk, bureau, outcome="penalty", fine="20000"):
    add_evidence(walk, bureau)
    walk.step(
        bureau.inspectors[0],
        "investigating",
        "investigate",
        {"action": "report", "report": "当事人擅自使用专用标志", "proposed_outcome": outcome, "proposed_fine": fine},
    )


def test_not_filed(client, bureau):
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk(client, case)
    walk.step(bureau.inspectors[0], "verifying", "verify", {"findings": "举报内容不实", "proposal": "not_file"})
    walk.step(
        bureau.lead, "filing_decision", "decide_filing", {"decision": "not_file", "reason": ""}, "reason for not filing"
    )
    walk.step(bureau.lead, "filing_decision", "decide_filing", {"decision": "not_file", "reason": "无违法事实"})
    agree(case, "not_filed", None)
    assert verify_audit_chain().ok


def test_transfer(client, bureau):
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk(client, case)
    walk.step(bureau.inspectors[0], "verifying", "verify", {"findings": "属商标侵权", "proposal": "transfer"})
    walk.step(
        bureau.lead, "filing_decision", "decide_filing", {"decision": "transfer", "transfer_to": "某区知识产权局"}
    )
    agree(case, "transferred", None)
    assert walk.refresh().transferred_to == "某区知识产权局"


def test_filing_with_the_same_officer_twice_or_one_officer_is_refused(client, bureau):
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk(client, case)
    walk.step(bureau.inspectors[0], "verifying", "verify", {"findings": "属实", "proposal": "file"})
    one = [bureau.inspectors[0].pk]
    walk.step(bureau.lead, "filing_decision", "decide_filing", {"decision": "file", "officers": one}, "at least two")
    assert not Document.objects.exists()


@pytest.mark.on_hard_dates
def test_full_penalty_path_with_send_back_hearing_and_late_payment(client, bureau, hard_date):
    walk = file_case(client, bureau)
    case = walk.refresh()
    assert case.officers.count() == 2 and case.filed_on == timezone.localdate() == hard_date.day
    assert_case_clock_from(hard_date.day, case_clock(case))
    report(walk, bureau)
    # 案件审核 by the bureau's staff; an investigating officer may not review, even holding the staff role.
    make_member("AMR-330100", Role.STAFF, user=bureau.inspectors[0])
    # The task is not even offered to them: taking it is refused (workflows/eligibility.py).
    task = agree(walk.case, "review", "review")
    client.force_login(bureau.inspectors[0])
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 403
    assert agree(walk.case, "review", "review").owner_id is None
    walk.step(bureau.reviewer, "review", "review", {"approve": "no", "opinion": "证据不足，补充调查"})
    report(walk, bureau)
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "事实清楚，证据确凿"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes", "comment": "同意"})
    assert Document.objects.filter(kind="enforcement.notice").count() == 1
    # Served three weeks ago: the defence window (5 working days) has ended whatever the holidays.
    walk.step(bureau.inspectors[1], "notice", "serve_notice", {"served_on": days_ago(21), "method": "direct"})
    soon = timezone.localtime() + datetime.timedelta(days=3)
    walk.step(
        bureau.inspectors[1],
        "defence",
        "record_defence",
        {"hearing_requested": "on", "hearing_at": soon.strftime("%Y-%m-%d %H:%M"), "hearing_place": "听证室"},
        "at least 7 days",
    )
    later = timezone.localtime() + datetime.timedelta(days=8)
    walk.step(
        bureau.inspectors[1],
        "defence",
        "record_defence",
        {"hearing_requested": "on", "hearing_at": later.strftime("%Y-%m-%d %H:%M"), "hearing_place": "听证室"},
    )
    assert case_clock(walk.refresh()).paused
    walk.step(bureau.reviewer, "hearing", "hold_hearing", {"record": "提前记录"}, "once it has been held")
    EnforcementCase.objects.filter(pk=walk.case.pk).update(hearing_at=timezone.now() - datetime.timedelta(hours=1))
    walk.step(bureau.reviewer, "hearing", "hold_hearing", {"record": "当事人陈述申辩意见"})
    assert not case_clock(walk.refresh()).paused
    walk.step(bureau.inspectors[0], "recheck", "recheck", {"opinion": "维持原处罚意见"})
    walk.step(
        bureau.lead,
        "decision",
        "decide",
        {"outcome": "penalty", "fine": "20000", "confiscation": "3500", "grounds": "依据《地理标志产品保护规定》"},
    )
    assert Document.objects.filter(kind="enforcement.decision").count() == 1
    assert Deadline.objects.get(rule_code="enforcement.case").state == Deadline.State.MET
    walk.step(bureau.inspectors[0], "service", "serve_decision", {"served_on": days_ago(40), "method": "mail"})
    case = walk.refresh()
    served = hard_date.day - datetime.timedelta(days=40)
    assert case.payment_due == working_day_on_or_after(served + datetime.timedelta(days=15))
    fee = late_fee(fine=Decimal("20000"), due_on=case.payment_due, paid_on=timezone.localdate())
    days_late = (hard_date.day - case.payment_due).days
    assert 20 <= days_late <= 25 and fee == Decimal(600 * days_late)  # 3 % of the fine a day
    walk.step(
        bureau.inspectors[0],
        "execution",
        "record_execution",
        {"paid_on": timezone.localdate().isoformat(), "amount_paid": "20000"},
        "late fee",
    )
    walk.step(
        bureau.inspectors[0],
        "execution",
        "record_execution",
        {"paid_on": timezone.localdate().isoformat(), "amount_paid": str(Decimal("20000") + fee)},
    )
    assert walk.refresh().late_fee == fee
    walk.step(bureau.inspectors[1], "closure", "close", {"summary": "罚没款已缴清"})
    walk.step(bureau.reviewer, "closed", "archive", {"confirm": "on"})
    agree(walk.case, "archived", None)
    kinds = set(Document.objects.values_list("kind", flat=True))
    assert {
        "enforcement.filing_form",
        "enforcement.notice",
        "enforcement.decision",
        "enforcement.service_proof",
        "enforcement.closure_form",
    } <= kinds
    assert verify_audit_chain().ok


def noticed_case(client, bureau, served_on):
    walk = file_case(client, bureau)
    report(walk, bureau)
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "同意"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes"})
    walk.step(bureau.inspectors[1], "notice", "serve_notice", {"served_on": served_on.isoformat(), "method": "direct"})
    return walk


def test_defence_window_must_pass_before_the_case_goes_on(client, bureau):
    # Served on Friday 25 September 2026 (Mid-Autumn Festival): the 5 working days are 28, 29, 30
    # September and 8, 9 October, across the National Day holiday; the window runs until 9 October.
    with time_machine.travel(datetime.datetime(2026, 9, 28, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk = noticed_case(client, bureau, datetime.date(2026, 9, 25))
        page = client.get(f"/enforcement/{walk.case.pk}/").content.decode()
        assert "until 2026-10-09" in page and "still running" in page
        task = agree(walk.case, "defence", "record_defence")
        client.force_login(bureau.inspectors[1])
        client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
        task_page = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).content.decode()
        assert "until 2026-10-09" in task_page
        events = AuditEvent.objects.count()
        # Neither an empty nor a stated defence moves the case on inside the window.
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": ""}, "until 2026-10-09")
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": "当事人称系初犯"}, "waives the rest")
        assert AuditEvent.objects.count() == events and walk.refresh().defence == ""
    with time_machine.travel(datetime.datetime(2026, 10, 9, 17, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": "当事人称系初犯"}, "until 2026-10-09")
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": "当事人称系初犯，请求从轻"})
        agree(walk.case, "recheck", "recheck")
        assert AuditEvent.objects.filter(action="enforcement.defence").count() == 1


def test_a_written_waiver_ends_the_window_early_and_is_audited(client, bureau):
    with time_machine.travel(datetime.datetime(2026, 9, 28, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk = noticed_case(client, bureau, datetime.date(2026, 9, 25))

        def waiver():
            return {"waived": "on", "waived_on": "2026-09-28", "waiver_document": pdf_file("放弃陈述申辩.pdf")}

        # A waiver without its date, dated before the notice, or with a hearing request: refused.
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"waived": "on"}, "signed the waiver")
        walk.step(
            bureau.inspectors[1], "defence", "record_defence", {"waived": "on", "waived_on": "2026-09-24"}, "2026-09-25"
        )
        hearing = {"hearing_requested": "on", "hearing_at": "2026-10-20 10:00", "hearing_place": "听证室"}
        walk.step(bureau.inspectors[1], "defence", "record_defence", {**hearing, **waiver()}, "has not waived")
        assert not CaseEvidence.objects.filter(kind="waiver").exists()
        walk.step(bureau.inspectors[1], "defence", "record_defence", {"defence": "无异议", **waiver()})
        agree(walk.case, "recheck", "recheck")
        case = walk.refresh()
        assert case.defence_waived_on == datetime.date(2026, 9, 28) and case.defence == "无异议"
        copy = CaseEvidence.objects.get(case=case, kind="waiver")
        event = AuditEvent.objects.get(action="enforcement.defence.waived")
        assert event.data["waived_on"] == "2026-09-28" and event.data["waiver_sha256"] == copy.sha256
        page = client.get(f"/enforcement/{case.pk}/").content.decode()
        assert "waived in writing by the party on 2026-09-28" in page
        walk.step(bureau.inspectors[0], "recheck", "recheck", {"opinion": "维持原处罚意见"})
        agree(walk.case, "decision", "decide")


def test_after_an_early_hearing_the_recheck_still_waits_for_the_window(client, bureau):
    with time_machine.travel(datetime.datetime(2026, 9, 28, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk = noticed_case(client, bureau, datetime.date(2026, 9, 25))
        hearing = {"hearing_requested": "on", "hearing_at": "2026-10-06 10:00", "hearing_place": "听证室"}
        walk.step(bureau.inspectors[1], "defence", "record_defence", hearing)
    with time_machine.travel(datetime.datetime(2026, 10, 6, 15, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk.step(bureau.reviewer, "hearing", "hold_hearing", {"record": "当事人陈述申辩意见"})
        walk.step(bureau.inspectors[0], "recheck", "recheck", {"opinion": "维持"}, "until 2026-10-09")
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        walk.step(bureau.inspectors[0], "recheck", "recheck", {"opinion": "维持"})
        agree(walk.case, "decision", "decide")


def test_no_penalty_is_served_then_closed(client, bureau):
    walk = file_case(client, bureau)
    report(walk, bureau, outcome="no_penalty", fine="")
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "违法情节轻微并及时改正"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes"})
    # Without a served notice, a penalty cannot be decided.
    walk.step(bureau.lead, "decision", "decide", {"outcome": "penalty", "fine": "5000", "grounds": "依据"}, "notice")
    walk.step(bureau.lead, "decision", "decide", {"outcome": "no_penalty", "grounds": "首违不罚"})
    walk.step(bureau.inspectors[0], "service", "serve_decision", {"served_on": days_ago(0), "method": "direct"})
    walk.step(bureau.inspectors[0], "closure", "close", {"summary": "不予处罚"})
    walk.step(bureau.reviewer, "closed", "archive", {"confirm": "on"})
    agree(walk.case, "archived", None)


@pytest.mark.parametrize("outcome", ["not_established", "criminal", "transfer"])
def test_decisions_that_close_without_service(client, bureau, outcome):
    walk = file_case(client, bureau, is_major=True)
    report(walk, bureau, outcome=outcome, fine="")
    # A major case is reviewed by 法规司 (法制审核), not by the bureau.
    task = agree(walk.case, "review", "review")
    client.force_login(bureau.reviewer)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code != 302
    walk.step(bureau.legal_reviewer, "review", "review", {"approve": "yes", "opinion": "同意"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes"})
    walk.step(bureau.lead, "decision", "decide", {"outcome": outcome, "grounds": "理由"}, "collectively")
    walk.step(
        bureau.lead,
        "decision",
        "decide",
        {"outcome": outcome, "grounds": "理由", "collective_decision": "局务会讨论决定"},
    )
    walk.step(bureau.inspectors[0], "closure", "close", {"summary": "结案"})
    walk.step(bureau.reviewer, "closed", "archive", {"confirm": "on"})
    agree(walk.case, "archived", None)


@pytest.mark.on_hard_dates
def test_suspension_stops_the_clock_and_resume_restarts_it(client, bureau, hard_date):
    walk = file_case(client, bureau)
    walk.step(bureau.inspectors[0], "investigating", "investigate", {"action": "suspend", "report": "当事人下落不明"})
    walk.step(bureau.lead, "investigating", "decide_interruption", {"approve": "yes", "comment": "同意中止"})
    agree(walk.case, "suspended", "resume")
    clock = case_clock(walk.refresh())
    # Suspended on the day of filing: all 90 days are kept, whatever day the deadline fell on.
    assert clock.paused and clock.remaining_days == 90
    walk.step(bureau.lead, "suspended", "resume", {"comment": "中止情形消除"})
    assert_case_clock_from(hard_date.day, case_clock(walk.refresh()))
    agree(walk.case, "investigating", "investigate")


def test_refused_suspension_returns_to_investigation(client, bureau):
    walk = file_case(client, bureau)
    walk.step(bureau.inspectors[0], "investigating", "investigate", {"action": "suspend", "report": "理由"})
    walk.step(bureau.lead, "investigating", "decide_interruption", {"approve": "no", "comment": "继续调查"})
    agree(walk.case, "investigating", "investigate")


def test_termination(client, bureau):
    walk = file_case(client, bureau)
    walk.step(bureau.inspectors[0], "investigating", "investigate", {"action": "terminate", "report": "当事人已注销"})
    walk.step(bureau.lead, "investigating", "decide_interruption", {"approve": "yes", "comment": "同意终止"})
    agree(walk.case, "terminated", None)
    assert Deadline.objects.get(rule_code="enforcement.case").state == Deadline.State.CANCELLED


def test_report_without_evidence_is_refused(client, bureau):
    walk = file_case(client, bureau)
    walk.step(
        bureau.inspectors[0],
        "investigating",
        "investigate",
        {"action": "report", "report": "报告", "proposed_outcome": "penalty", "proposed_fine": "100"},
        "evidence",
    )


def test_an_officer_of_another_case_cannot_take_the_task(client, bureau):
    walk = file_case(client, bureau)
    task = agree(walk.case, "investigating", "investigate")
    client.force_login(bureau.inspectors[2])  # an inspector of the bureau, not assigned
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code != 302
