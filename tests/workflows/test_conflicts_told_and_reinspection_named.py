"""Issue 23's remaining conflict and rectification rows (docs/adr/0057): the lead is told of a
declared conflict, inspectors and leads find 利益冲突申报 in the staff menu, and the declaration's
page names the re-inspection task and who holds it while the check awaits it."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from cases.models import Declaration
from cases.supervision.services import conflict_declare
from notifications.models import Notification
from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import longjing
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.factories.tracking import complete
from workflows.navigation import staff_menu
from workflows.next_step import next_steps
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def told(kind="supervision.conflict_declared"):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_the_lead_is_told_when_an_inspector_declares_and_the_member_when_a_lead_records():
    lead = make_member("AMR-330000", Role.LEAD)
    inspector = make_member("AMR-330000", Role.INSPECTOR)
    elsewhere = make_member("AMR-320000", Role.LEAD)
    conflict_declare(actor=inspector, product=longjing(), reason="亲属经营茶企")
    assert told() == [lead.pk]
    notice = Notification.objects.get()
    assert "亲属经营茶企" in notice.body and notice.link == "/supervision/conflicts/"

    Notification.objects.all().delete()
    conflict_declare(actor=lead, inspector=inspector, product=longjing(), reason="曾任顾问")
    assert told() == [inspector.pk]  # the lead who recorded it is not told of their own act
    assert elsewhere.pk not in told()


def menu_titles(user) -> list[str]:
    request = RequestFactory().get("/work/")
    request.user = user
    with translation.override("en"):
        return [
            child.title
            for item in staff_menu(request)
            for child in (item.children or [item])
            if item.title == "Supervision"
        ]


def test_inspectors_and_leads_find_the_conflicts_in_the_staff_menu():
    for role in (Role.INSPECTOR, Role.LEAD):
        assert menu_titles(make_member("AMR-330000", role)) == ["Supervision campaigns", "Conflicts of interest"]
    assert menu_titles(make_member("AMR-330000", Role.STAFF)) == ["Supervision"]


def test_the_declarations_next_step_is_the_reinspection_and_who_holds_it():
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    check = draw_and_open(actor=lead, campaign=campaign, seed="rectify")[0]
    findings = {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签未标注产地"}
    complete(check.inspector_a, SupervisionCheckFlow, check, SupervisionCheckFlow.inspect, findings)
    declaration = Declaration.objects.get(pk=check.declaration_id)

    with translation.override("en"):
        (step,) = next_steps(declaration)
    assert str(step.title) == "Re-inspect after rectification"
    named = {handler.user.pk for handler in step.handlers}
    assert named == {check.inspector_a_id, check.inspector_b_id}
