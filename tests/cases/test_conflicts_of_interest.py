"""Declared conflicts of interest (ADR 0046): who may declare, the audit, and the draw and the
check's routing honouring an enterprise, a product or a region while the period covers today."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.models import User
from audit.models import AuditEvent
from cases.models import SupervisionCampaign, SupervisionCheck
from cases.supervision.services import conflict_declare, conflict_withdraw
from organizations.models import Region, Role
from tests.factories import make_member
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.eligibility import RULES, eligible_tasks, task_allows
from workflows.supervision.actions import draw_campaign
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def test_an_inspector_declares_their_own_and_it_is_audited():
    inspector = make_member("AMR-330000", Role.INSPECTOR)
    conflict = conflict_declare(actor=inspector, region=Region.objects.get(code="330100"), reason="配偶在当地经营茶企")
    assert conflict.inspector == conflict.declared_by == inspector and conflict.valid_from == TODAY
    event = AuditEvent.objects.get(action="conflict.declare")
    assert event.actor_id == inspector.pk and event.comment == "配偶在当地经营茶企"


def test_a_lead_declares_for_a_member_of_their_bureau_and_nobody_else_may():
    lead = make_member("AMR-330000", Role.LEAD)
    member = make_member("AMR-330000", Role.INSPECTOR)
    stranger = make_member("AMR-320000", Role.INSPECTOR)
    colleague = make_member("AMR-330000", Role.INSPECTOR)
    region = Region.objects.get(code="330100")
    conflict = conflict_declare(actor=lead, inspector=member, region=region, reason="亲属")
    assert conflict.inspector == member and conflict.declared_by == lead
    assert AuditEvent.objects.get(action="conflict.declare").data["for_another"] is True
    with pytest.raises(PermissionDenied):
        conflict_declare(actor=lead, inspector=stranger, region=region, reason="亲属")
    with pytest.raises(PermissionDenied):
        conflict_declare(actor=colleague, inspector=member, region=region, reason="亲属")
    with pytest.raises(PermissionDenied):
        conflict_withdraw(actor=colleague, conflict=conflict)
    conflict_withdraw(actor=member, conflict=conflict)
    assert AuditEvent.objects.filter(action="conflict.withdraw").count() == 1
    with pytest.raises(ValidationError):
        conflict_withdraw(actor=lead, conflict=conflict)


@pytest.mark.parametrize(
    "declaration",
    [{}, {"reason": " "}, {"valid_from": TODAY, "valid_until": TODAY - DAY}],
    ids=["names-nothing", "no-reason", "ends-before-it-starts"],
)
def test_a_bad_declaration_is_refused_with_a_message(declaration):
    inspector = make_member("AMR-330000", Role.INSPECTOR)
    what = {} if declaration == {} else {"region": Region.objects.get(code="330100")}
    with pytest.raises(ValidationError):
        conflict_declare(actor=inspector, **{"reason": "亲属", **what, **declaration})
    assert not AuditEvent.objects.filter(action="conflict.declare").exists()


def _what(kind: str, declaration) -> dict:
    return {
        "enterprise": {"enterprise": declaration.enterprise},
        "product": {"product": declaration.product},
        "region": {"region": Region.objects.get(code="330100")},
        "province": {"region": Region.objects.get(code="330000")},
    }[kind]


@pytest.mark.parametrize("kind", ["enterprise", "product", "region", "province"])
def test_the_draw_skips_a_conflict_in_force_and_publishes_only_its_count(kind):
    (declaration,) = published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(inspector_count=3, sample_size=1)
    conflict_declare(actor=inspectors[0], reason="亲属", **_what(kind, declaration))
    (check,) = draw_campaign(actor=lead, campaign=campaign, seed="any")
    assert {check.inspector_a_id, check.inspector_b_id} == {inspectors[1].pk, inspectors[2].pk}
    assert SupervisionCampaign.objects.get(pk=campaign.pk).conflicts_excluded == 1


@pytest.mark.parametrize("kind", ["enterprise", "product", "region"])
def test_a_conflict_in_force_leaves_too_few_inspectors(kind):
    (declaration,) = published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    conflict_declare(actor=inspectors[0], reason="亲属", **_what(kind, declaration))
    with pytest.raises(ValidationError):
        draw_campaign(actor=lead, campaign=campaign, seed="any")


@pytest.mark.parametrize("period", ["expired", "not-yet", "withdrawn", "elsewhere"])
def test_a_conflict_not_in_force_or_elsewhere_does_not_keep_the_inspector_out(period):
    published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    what = {"region": Region.objects.get(code="110000" if period == "elsewhere" else "330100")}
    dates = {
        "expired": {"valid_from": TODAY - 30 * DAY, "valid_until": TODAY - DAY},
        "not-yet": {"valid_from": TODAY + DAY},
    }.get(period, {})
    conflict = conflict_declare(actor=inspectors[0], reason="亲属", **what, **dates)
    if period == "withdrawn":
        conflict_withdraw(actor=inspectors[0], conflict=conflict)
    (check,) = draw_campaign(actor=lead, campaign=campaign, seed="any")
    assert {check.inspector_a_id, check.inspector_b_id} == {inspectors[0].pk, inspectors[1].pk}
    assert SupervisionCampaign.objects.get(pk=campaign.pk).conflicts_excluded == 0


@pytest.mark.parametrize("kind", ["product", "region"])
def test_a_conflict_declared_after_the_draw_keeps_the_check_from_the_inspector(kind):
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    (check,) = draw_and_open(actor=lead, campaign=campaign, seed="fixed")
    check = SupervisionCheck.objects.select_related("declaration", "inspector_a", "inspector_b").get(pk=check.pk)
    conflicted, other = check.inspector_a, check.inspector_b
    conflict_declare(actor=conflicted, reason="亲属", **_what(kind, check.declaration))
    task = Task.objects.get(flow_task=SupervisionCheckFlow.inspect, process__artifact_object_id=check.pk)
    assert not task_allows(conflicted, task) and task_allows(other, task)
    tasks = Task.objects.filter(pk=task.pk)
    assert not eligible_tasks(conflicted, tasks).exists() and eligible_tasks(other, tasks).exists()
    (rule,) = [rule for rule in RULES if rule.name == "inspector_without_conflict_of_interest"]
    assert rule.refused_users is not None
    refused = set(User.objects.filter(rule.refused_users(task)).values_list("pk", flat=True))
    assert refused == {conflicted.pk}
