"""Enforcement services: the clocks across a holiday and a suspension, extensions, refusals, late fees."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from cases.enforcement import services
from cases.enforcement.penalties import late_fee
from cases.enforcement.selectors import accepts_evidence, case_clock, defence_due, defence_window_open
from cases.models import CaseExtension, EnforcementCase
from deadlines.models import Deadline
from tests.clock import moment, travel
from tests.factories.enforcement import hangzhou_bureau, received_case

# Any plain working Monday; the clock tests set their own days.
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]
D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # refusals are matched by their English text
        yield


class Today:
    """Moves the clock to a day (10:00 in Beijing) within the test: what the services call "today"."""

    def __init__(self, traveller):
        self._traveller = traveller

    @property
    def day(self) -> D:
        return timezone.localdate()

    @day.setter
    def day(self, value: D) -> None:
        self._traveller.move_to(moment(value))


@pytest.fixture
def today():
    with travel(timezone.localdate()) as traveller:
        yield Today(traveller)


@pytest.fixture
def bureau():
    return hangzhou_bureau()


def filed(bureau, today, on: D) -> EnforcementCase:
    today.day = on
    case = received_case(actor=bureau.inspectors[0])
    services.case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    return services.case_decide_filing(
        actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2], reason="立案"
    )


# --------------------------------------------------------------- late fee (pure)


@pytest.mark.parametrize(
    ("paid_on", "expected"),
    [
        (D(2026, 3, 10), Decimal("0.00")),  # before the due date
        (D(2026, 3, 16), Decimal("0.00")),  # on the due date: on time
        (D(2026, 3, 17), Decimal("300.00")),  # one day late: 3 %
        (D(2026, 3, 26), Decimal("3000.00")),  # ten days
        (D(2026, 4, 18), Decimal("9900.00")),  # 33 days: 99 %
        (D(2026, 4, 19), Decimal("10000.00")),  # 34 days would be 102 %: capped at the fine
        (D(2027, 1, 1), Decimal("10000.00")),
    ],
)
def test_late_fee_is_three_percent_a_day_and_never_more_than_the_fine(paid_on, expected):
    assert late_fee(fine=Decimal("10000"), due_on=D(2026, 3, 16), paid_on=paid_on) == expected


def test_late_fee_rounds_to_the_cent():
    assert late_fee(fine=Decimal("333.33"), due_on=D(2026, 3, 16), paid_on=D(2026, 3, 17)) == Decimal("10.00")
    assert late_fee(fine=Decimal("0"), due_on=D(2026, 3, 16), paid_on=D(2026, 5, 1)) == Decimal("0.00")
    with pytest.raises(ValueError):
        late_fee(fine=Decimal("-1"), due_on=D(2026, 3, 16), paid_on=D(2026, 3, 17))


# --------------------------------------------------------------- clocks


def test_verification_counts_working_days_over_the_spring_festival(bureau, today):
    today.day = D(2026, 2, 10)
    case = received_case(actor=bureau.inspectors[0])
    # 11–13 Feb, 14 Feb (make-up Saturday), 24–27 Feb, 28 Feb (make-up Saturday), 2–6 Mar, 9 Mar;
    # 15–23 Feb off.
    clock = case_clock(case)
    assert clock.deadline.due_on == D(2026, 3, 9)
    assert clock.remaining_days == 15
    # Testing from 12 Feb to 2 Mar is not counted: 13 working days were left, they run from 2 Mar.
    today.day = D(2026, 2, 12)
    services.case_pause_clock(actor=bureau.inspectors[0], case=case, reason="testing")
    assert case_clock(case).paused and case_clock(case).remaining_days == 13
    today.day = D(2026, 3, 2)
    services.case_resume_clock(actor=bureau.inspectors[0], case=case)
    clock = case_clock(case)
    assert not clock.paused and clock.deadline.due_on == D(2026, 3, 19) and clock.remaining_days == 13


def test_verification_extended_once_by_15_working_days_by_the_lead(bureau, today):
    today.day = D(2026, 3, 2)
    case = received_case(actor=bureau.inspectors[0])
    with pytest.raises(PermissionDenied):
        services.case_extend_verification(actor=bureau.inspectors[0], case=case, reason="需检测")
    services.case_extend_verification(actor=bureau.lead, case=case, reason="需检测")
    assert case_clock(case).deadline.due_on == WorkingDays.after(D(2026, 3, 2), 30)
    with pytest.raises(ValidationError, match="already extended"):
        services.case_extend_verification(actor=bureau.lead, case=case, reason="再次")


class WorkingDays:
    @staticmethod
    def after(start, count):
        from deadlines.calendar import WorkingCalendar

        return WorkingCalendar().add_working_days(start, count).date


def test_the_90_day_clock_pauses_during_suspension_and_keeps_the_remaining_days(bureau, today):
    case = filed(bureau, today, D(2026, 2, 10))
    clock = case_clock(case)
    assert clock.deadline.due_on == D(2026, 5, 11) and clock.remaining_days == 90
    today.day = D(2026, 3, 2)
    assert case_clock(case).remaining_days == 70
    services.case_investigate(actor=bureau.inspectors[0], case=case, action="suspend", report="当事人下落不明")
    case = services.case_decide_interruption(actor=bureau.lead, case=case, approve=True, comment="中止")
    assert case.status == "suspended" and case.clock_pause_reason == "suspension"
    today.day = D(2026, 3, 20)  # 18 days suspended: not counted
    clock = case_clock(case)
    assert clock.paused and clock.remaining_days == 70
    case = services.case_resume(actor=bureau.lead, case=case, comment="恢复")
    clock = case_clock(case)
    assert clock.deadline.due_on == D(2026, 5, 29) and clock.remaining_days == 70
    # A manual pause (testing) cannot be lifted as if it were the suspension, and vice versa.
    with pytest.raises(ValidationError):
        services.case_resume_clock(actor=bureau.inspectors[0], case=case)


def test_extension_plus_30_needs_the_lead_and_further_ones_a_collective_decision(bureau, today):
    case = filed(bureau, today, D(2026, 3, 2))
    # 90 days from 2 Mar is Sunday 31 May: the period ends on the next working day.
    assert case_clock(case).deadline.due_on == D(2026, 6, 1)
    with pytest.raises(PermissionDenied):
        services.case_extend_clock(actor=bureau.inspectors[0], case=case, days=30, reason="案情复杂")
    with pytest.raises(ValidationError, match="at most 30"):
        services.case_extend_clock(actor=bureau.lead, case=case, days=31, reason="案情复杂")
    services.case_extend_clock(actor=bureau.lead, case=case, days=30, reason="案情复杂")
    assert case_clock(case).deadline.due_on == D(2026, 6, 30)  # 120 days from 2 Mar
    with pytest.raises(ValidationError, match="collective"):
        services.case_extend_clock(actor=bureau.lead, case=case, days=30, reason="仍需鉴定")
    services.case_extend_clock(
        actor=bureau.lead, case=case, days=30, reason="仍需鉴定", participants="局长、副局长、法规科科长"
    )
    assert list(case.extensions.values_list("kind", flat=True)) == [CaseExtension.Kind.LEAD, "collective"]
    assert case_clock(case).deadline.extended_by == 60


# --------------------------------------------------------------- refusals


def test_assigning_the_same_officer_twice_is_refused(bureau, today):
    case = received_case(actor=bureau.inspectors[0])
    services.case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    first = bureau.inspectors[0]
    with pytest.raises(ValidationError, match="twice"):
        services.case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=[first, first])
    case = services.case_decide_filing(
        actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2], reason="立案"
    )
    with pytest.raises(ValidationError, match="already assigned"):
        services.case_assign_officer(actor=bureau.lead, case=case, officer=first)
    services.case_assign_officer(actor=bureau.lead, case=case, officer=bureau.inspectors[2])
    assert case.officers.count() == 3


def test_evidence_needs_a_second_different_officer_and_a_real_file(bureau, today):
    from tests.factories.cases import pdf_file

    case = filed(bureau, today, timezone.localdate())
    first, second = bureau.inspectors[:2]
    with pytest.raises(ValidationError, match="two different"):
        services.case_add_evidence(actor=first, case=case, kind="photo", description="现场照片", second_officer=first)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError):
        services.case_add_evidence(
            actor=first, case=case, kind="photo", description="现场照片", second_officer=second, uploaded_file=fake
        )
    assert not case.evidence.exists()
    item = services.case_add_evidence(
        actor=first,
        case=case,
        kind="lab_result",
        description="检测报告",
        second_officer=second,
        uploaded_file=pdf_file(),
    )
    assert item.sha256 and item.file_type == "PDF"


@pytest.mark.parametrize("state", ["filing_decision", "suspended", "review", "recheck", "decision", "closed"])
def test_evidence_is_refused_outside_the_investigation_and_nothing_is_stored(bureau, today, state):
    from audit.models import AuditEvent
    from tests.factories.cases import pdf_file

    case = filed(bureau, today, timezone.localdate())
    EnforcementCase.objects.filter(pk=case.pk).update(status=state)
    case.refresh_from_db()
    events = AuditEvent.objects.count()
    first, second = bureau.inspectors[:2]
    with pytest.raises(ValidationError) as error:
        services.case_add_evidence(
            actor=first, case=case, kind="photo", description="照片", second_officer=second, uploaded_file=pdf_file()
        )
    assert "only while case" in error.value.messages[0] and case.get_status_display() in error.value.messages[0]
    assert not case.evidence.exists() and AuditEvent.objects.count() == events
    assert not accepts_evidence(case)


def in_defence(bureau, today, served_on: D) -> EnforcementCase:
    case = filed(bureau, today, served_on)
    EnforcementCase.objects.filter(pk=case.pk).update(status="defence", notice_served_on=served_on)
    return EnforcementCase.objects.get(pk=case.pk)


def test_the_defence_window_holds_the_case_until_it_ends(bureau, today):
    from audit.models import AuditEvent

    # Served Thursday 5 March 2026: Fri 6, Mon 9 … Thu 12 March are the 5 working days.
    case = in_defence(bureau, today, D(2026, 3, 5))
    assert defence_due(case) == D(2026, 3, 12)
    officer = bureau.inspectors[0]
    events = AuditEvent.objects.count()
    for day in (D(2026, 3, 6), D(2026, 3, 12)):
        today.day = day
        assert defence_window_open(case)
        with pytest.raises(ValidationError, match="until 2026-03-12"):
            services.case_record_defence(actor=officer, case=case, defence="当事人称系初犯")
    case.refresh_from_db()
    assert case.status == "defence" and case.defence == "" and AuditEvent.objects.count() == events
    today.day = D(2026, 3, 13)
    assert not defence_window_open(case)
    case = services.case_record_defence(actor=officer, case=case, defence="当事人称系初犯")
    assert case.status == "recheck"


def test_a_written_waiver_ends_the_window_and_must_be_dated_within_it(bureau, today):
    from audit.models import AuditEvent
    from tests.factories.cases import pdf_file

    case = in_defence(bureau, today, D(2026, 3, 5))
    today.day = D(2026, 3, 6)
    officer = bureau.inspectors[0]
    for waived_on, message in ((None, "signed the waiver"), (D(2026, 3, 7), "future"), (D(2026, 3, 4), "2026-03-05")):
        with pytest.raises(ValidationError, match=message):
            services.case_record_defence(actor=officer, case=case, waived=True, waived_on=waived_on)
    assert EnforcementCase.objects.get(pk=case.pk).defence_waived_on is None
    case = services.case_record_defence(
        actor=officer, case=case, waived=True, waived_on=D(2026, 3, 6), waiver_document=pdf_file("waiver.pdf")
    )
    assert case.status == "recheck" and case.defence_waived_on == D(2026, 3, 6)
    assert not defence_window_open(case)
    event = AuditEvent.objects.get(action="enforcement.defence.waived")
    assert event.data["waived_on"] == "2026-03-06" and event.data["window_until"] == "2026-03-12"
    assert event.data["waiver_sha256"] == case.evidence.get(kind="waiver").sha256


def test_a_hearing_seven_days_ahead_counts_its_beijing_day_whatever_zone_it_is_given_in(bureau, today):
    # The notice period is counted in Beijing days: 07:00 on 13 March in Beijing is 23:00 on 12 March in UTC.
    case = in_defence(bureau, today, D(2026, 3, 5))
    today.day = D(2026, 3, 6)
    officer = bureau.inspectors[0]
    six_days_ahead = datetime.datetime(2026, 3, 12, 23, 30, tzinfo=timezone.get_current_timezone())
    with pytest.raises(ValidationError, match="at least 7 days"):
        services.case_record_defence(
            actor=officer,
            case=case,
            hearing_requested=True,
            hearing_at=six_days_ahead.astimezone(datetime.UTC),
            hearing_place="听证室",
        )
    seven_days_ahead = datetime.datetime(2026, 3, 12, 23, 0, tzinfo=datetime.UTC)
    case = services.case_record_defence(
        actor=officer, case=case, hearing_requested=True, hearing_at=seven_days_ahead, hearing_place="听证室"
    )
    assert case.status == "hearing" and timezone.localdate(case.hearing_at) == D(2026, 3, 13)


def test_closing_before_execution_is_refused(bureau, today):
    case = filed(bureau, today, timezone.localdate())
    with pytest.raises(ValidationError, match="executed"):
        services.case_close(actor=bureau.inspectors[0], case=case, summary="结案")
    assert EnforcementCase.objects.get(pk=case.pk).status == "investigating"


def test_case_numbers_are_gap_free_per_bureau_and_year(bureau):
    first = received_case(actor=bureau.inspectors[0])
    second = received_case(actor=bureau.inspectors[0])
    year = timezone.localdate().year
    assert first.number == f"地标执法〔{year}〕330100-0001号"
    assert second.number == f"地标执法〔{year}〕330100-0002号"


def test_termination_cancels_the_clock(bureau, today):
    case = filed(bureau, today, timezone.localdate())
    services.case_investigate(actor=bureau.inspectors[0], case=case, action="terminate", report="当事人注销")
    services.case_decide_interruption(actor=bureau.lead, case=case, approve=True, comment="终止")
    assert Deadline.objects.get(rule_code="enforcement.case").state == "cancelled"


def test_the_proposed_interruption_is_kept_on_the_case_until_the_lead_answers(bureau, today):
    case = filed(bureau, today, timezone.localdate())
    with pytest.raises(ValidationError):  # nothing proposed: nothing to decide
        services.case_decide_interruption(actor=bureau.lead, case=case, approve=True, comment="中止")
    services.case_investigate(actor=bureau.inspectors[0], case=case, action="suspend", report="当事人下落不明")
    assert EnforcementCase.objects.get(pk=case.pk).proposed_interruption == "suspend"
    case = services.case_decide_interruption(actor=bureau.lead, case=case, approve=False, comment="继续调查")
    assert case.status == "investigating" and case.proposed_interruption == ""
    assert EnforcementCase.objects.get(pk=case.pk).proposed_interruption == ""
