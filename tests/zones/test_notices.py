"""The bureau that entered a zone's application hears of each decision on it (and the province's
leads of the zone's standing), in its own language, by e-mail unless switched off; a step that
only moves the zone on tells no one (its next holder finds it in 我的工作)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from notifications.models import EmailDelivery, Notification
from tests.clock import BEIJING
from zones import actions
from zones.flows import ZoneFlow

from .conftest import complete
from .test_flow_and_clocks import on_draft_list, submitted

pytestmark = pytest.mark.django_db


def at(day: str):
    return time_machine.travel(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10), BEIJING))


def told(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@pytest.mark.on_date("2026-03-02")
def test_the_entering_bureau_hears_that_the_province_declined_and_why(cast):
    zone = submitted(cast)
    zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    assert not Notification.objects.filter(kind__startswith="zone.").exists()  # moved on: no notice
    complete(zone, ZoneFlow.approve_recommendation, cast.province_lead, {"approve": False, "comment": "名额已满"})
    assert told("zone.declined") == {cast.county_staff.pk}
    notice = Notification.objects.get(kind="zone.declined")
    assert zone.reference in notice.subject and "未获批准" in notice.subject
    assert "名额已满" in notice.body and zone.government in notice.body
    assert notice.link == zone.get_absolute_url()
    assert EmailDelivery.objects.filter(notification=notice).exists()


def test_the_draft_list_preparation_naming_and_revocation_reach_the_bureau_and_the_province(cast):
    with at("2026-03-02"):
        zone = on_draft_list(cast)
        assert told("zone.draft_list") == {cast.county_staff.pk}
    with at("2026-04-15"):
        zone = complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": "同意筹建"})
        # The zone's standing: the province answers for it, so its lead hears too; not its staff.
        assert told("zone.preparation") == {cast.county_staff.pk, cast.province_lead.pk}
        assert "12 月 31 日" in Notification.objects.filter(kind="zone.preparation").first().body
        actions.zone_revoke(actor=cast.kjs_lead, zone=zone, reason="体系运行不达标")
    assert told("zone.revoked") == {cast.county_staff.pk, cast.province_lead.pk}
    assert all(
        "体系运行不达标" in body
        for body in Notification.objects.filter(kind="zone.revoked").values_list("body", flat=True)
    )


def test_a_refused_step_tells_no_one(cast):
    with at("2026-03-02"):
        zone = on_draft_list(cast)
    before = Notification.objects.count()
    with at("2026-04-15"), pytest.raises(ValidationError):
        actions.zone_revoke(actor=cast.kjs_lead, zone=zone, reason=" ")
    assert Notification.objects.count() == before


def test_a_failed_acceptance_says_what_the_experts_found(cast):
    with at("2026-03-02"):
        zone = on_draft_list(cast)
    with at("2026-04-15"):
        zone = complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
    for year in (2026, 2027, 2028):
        with at(f"{year}-12-20"):
            actions.annual_report_submit(actor=cast.county_staff, zone=zone, progress=f"{year}年进展")
    with at("2029-04-16"):
        zone = actions.request_acceptance(actor=cast.county_staff, zone=zone)
        complete(
            zone,
            ZoneFlow.site_visit,
            cast.province_staff,
            {"approve": False, "experts": "张教授", "findings": "检测体系未建立"},
        )
    [notice] = Notification.objects.filter(kind="zone.acceptance_failed")
    assert notice.recipient == cast.county_staff and "检测体系未建立" in notice.body
