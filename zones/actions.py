"""The door of demonstration zones: pages, task views, the API and the demo change a zone only
through these functions; each runs in one transaction with the service's audit event, and starts
the zone's process where the step calls for it."""

from django.db import transaction

from accounts.models import User

# The module, not the class: flows imports the task views, which import these actions.
from . import flows, services
from .models import Zone

zone_create = services.zone_create
zone_update = services.zone_update
policy_add = services.policy_add
annual_report_submit = services.annual_report_submit
objection_record = services.objection_record
objection_decide = services.objection_decide
zone_review = services.zone_review
zone_revoke = services.zone_revoke
tour_record = services.tour_record
rectification_done = services.rectification_done


@transaction.atomic
def submit_zone(*, actor: User, zone: Zone) -> Zone:
    """Check and snapshot the eligibility, and put the zone in the province's (or office's) inbox."""
    zone = services.zone_submit(actor=actor, zone=zone)
    flows.ZoneFlow.start.run(zone=zone)
    return zone


@transaction.atomic
def request_acceptance(*, actor: User, zone: Zone) -> Zone:
    zone = services.zone_request_acceptance(actor=actor, zone=zone)
    flows.ZoneFlow.start_acceptance.run(zone=zone)
    return zone


def decide_recommendation(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_propose_recommendation(actor=actor, zone=zone, recommend=approve, comment=comment)


def decide_recommendation_approval(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_recommend(actor=actor, zone=zone, recommend=approve, comment=comment)


def decide_review(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_national_review(actor=actor, zone=zone, propose=approve, comment=comment)


def decide_publication(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_publish(actor=actor, zone=zone, publish=approve, comment=comment)


def decide_preparation(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_decide_preparation(actor=actor, zone=zone, approve=approve, comment=comment)


def decide_site_visit(*, actor: User, zone: Zone, approve: bool, experts: str, findings: str) -> Zone:
    return services.zone_site_visit(actor=actor, zone=zone, passed=approve, experts=experts, findings=findings)


def decide_assessment(*, actor: User, zone: Zone, approve: bool, assessment: str) -> Zone:
    return services.zone_assess(actor=actor, zone=zone, passed=approve, assessment=assessment)


def decide_naming(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    return services.zone_name(actor=actor, zone=zone, approve=approve, comment=comment)
