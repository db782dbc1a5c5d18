"""The fine's payment date, 15 days from the service of the decision (ADR 0041): in a year with no
entered schedule it keeps the law's holidays, is marked provisional on the case page, and moves
(audited, the officers told) when the year is entered."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.enforcement.services import case_serve_decision
from cases.models import CaseOfficer, EnforcementCase
from deadlines.services import calendar_year_enter
from notifications.models import Notification
from tests.factories.enforcement import hangzhou_bureau, received_case

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2027-01-27")]
D = datetime.date


@pytest.fixture
def served():
    """A penalty decision served by mail on Monday 25 January 2027."""
    bureau = hangzhou_bureau()
    case = received_case()
    for officer in bureau.inspectors[:2]:
        CaseOfficer.objects.create(case=case, officer=officer)
    EnforcementCase.objects.filter(pk=case.pk).update(status="service", outcome="penalty", fine=Decimal("20000"))
    case = EnforcementCase.objects.get(pk=case.pk)
    case = case_serve_decision(actor=bureau.inspectors[0], case=case, served_on=D(2027, 1, 25), method="mail")
    return bureau, case


def test_the_payment_date_keeps_the_laws_holidays_and_is_provisional(client, served):
    bureau, case = served
    # The 15th day is Tuesday 9 Feb 2027, a day off in lieu of the Spring Festival's weekend, as is the 10th.
    assert (case.payment_due, case.payment_due_provisional) == (D(2027, 2, 11), True)
    client.force_login(bureau.inspectors[0])
    page = client.get(reverse("enforcement:detail", args=[case.pk])).content.decode()
    assert "2027-02-11" in page and "暂定" in page


def test_entering_2027_moves_the_payment_date_and_tells_the_officers(served):
    bureau, case = served
    _year, moved = calendar_year_enter(
        actor=None,
        year=2027,
        source="国务院办公厅关于2027年部分节假日安排的通知（测试）",
        holidays=[(D(2027, 2, day), "春节") for day in (5, 8, 9, 10, 11, 12)],
        working_days=[(D(2027, 2, 20), "春节调休")],
    )
    # The payment date, and the case's own clock (verification, started today) that crosses the festival.
    assert moved == 1 + AuditEvent.objects.filter(action="deadline.recompute").count()
    case = EnforcementCase.objects.get(pk=case.pk)
    assert (case.payment_due, case.payment_due_provisional) == (D(2027, 2, 15), False)
    event = AuditEvent.objects.get(action="enforcement.payment_due.move")
    assert (event.data["payment_due_before"], event.data["payment_due"]) == ("2027-02-11", "2027-02-15")
    told = Notification.objects.filter(kind="enforcement.payment_due_moved")
    assert {notification.recipient for notification in told} == set(bureau.inspectors[:2])
    assert "2027-02-15" in told[0].body
