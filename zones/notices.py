"""What a zone's decisions tell the bureau that entered its application (and, for the zone's
standing, the province's leads); queued inside the services' transactions. The steps that wait for
someone are in their 我的工作 already: these are the outcomes the applicant's office waits for."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event
from organizations.models import Role
from organizations.selectors import members_of

from .audit_actions import ZoneAction
from .models import Zone
from .selectors import province_bureau

EVENTS = {
    "declined": _("A demonstration zone was not recommended or not approved"),
    "draft_list": _("A demonstration zone was published on the draft list"),
    "preparation": _("A demonstration zone was approved for preparation"),
    "acceptance_failed": _("A demonstration zone did not pass its acceptance"),
    "named": _("A demonstration zone was named"),
    "revoked": _("A demonstration zone was revoked"),
}

# The zone's own standing changes: the province answers for its zones, so its leads hear of them too.
_PROVINCE_TOO = {"preparation", "named", "revoked"}


_EVENT_OF: dict[str, str] = {
    ZoneAction.DECLINE: "declined",
    ZoneAction.PUBLISH: "draft_list",
    ZoneAction.PREPARE: "preparation",
    ZoneAction.NAME: "named",
    ZoneAction.REVOKE: "revoked",
}


def register_kinds() -> None:
    register_event_kinds("zone", EVENTS, "zone")


def event_of(action: str, data: dict | None) -> str | None:
    """The notice a change of a zone's status gives, or None (a step that only moves it on)."""
    if action in (ZoneAction.SITE_VISIT, ZoneAction.ASSESS):
        return "acceptance_failed" if data and data.get("passed") is False else None
    return _EVENT_OF.get(action)


def tell_applicant(zone: Zone, event: str, comment: str = "") -> None:
    recipients = [*members_of(zone.bureau_id, Role.STAFF), *members_of(zone.bureau_id, Role.LEAD)]
    if event in _PROVINCE_TOO:
        province = province_bureau(zone)
        if province.pk != zone.bureau_id:  # a provincial zone's own bureau is told once
            recipients += members_of(province.pk, Role.LEAD)
    notify_event(
        prefix="zone",
        events=EVENTS,
        event=event,
        recipients=recipients,
        target=zone,  # the link is the zone's page (its get_absolute_url)
        context={"reference": zone.reference, "government": zone.government, "comment": comment},
    )
