"""The audit actions of demonstration zones (registry: audit/actions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class ZoneAction(models.TextChoices):
    CREATE = "zone.create", _("Zone application entered")
    UPDATE = "zone.update", _("Zone application changed")
    ADD_POLICY = "zone.add_policy", _("Policy document added to a zone")
    SUBMIT = "zone.submit", _("Zone application submitted")
    RECOMMEND = "zone.recommend", _("Zone recommended by the province")
    DECLINE = "zone.decline", _("Zone not recommended or not approved")
    PROPOSE = "zone.propose", _("Zone proposed for the draft list")
    PUBLISH = "zone.publish", _("Zone published on the draft list")
    OBJECTION = "zone.objection", _("Objection to a zone recorded")
    OBJECTION_DECIDE = "zone.objection_decide", _("Objection to a zone decided")
    PREPARE = "zone.prepare", _("Zone approved for preparation")
    ANNUAL_REPORT = "zone.annual_report", _("Annual report of a zone submitted")
    REQUEST_ACCEPTANCE = "zone.request_acceptance", _("Acceptance of a zone requested")
    SITE_VISIT = "zone.site_visit", _("Site visit of a zone recorded")
    ASSESS = "zone.assess", _("National assessment of a zone recorded")
    NAME = "zone.name", _("Zone named")
    REVIEW = "zone.review", _("Periodic review of a zone recorded")
    REVOKE = "zone.revoke", _("Zone revoked")
    TOUR = "zone.tour", _("Supervision tour of a zone recorded")
    RECTIFIED = "zone.rectified", _("Rectification item of a zone tour done")
