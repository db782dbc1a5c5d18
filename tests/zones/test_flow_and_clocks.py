"""A zone from submission to naming through its tasks, on frozen dates: the quota, the 30 working
days of the draft list, the annual reports due 31 December, the preparation's end."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from tests.clock import BEIJING
from zones import actions
from zones.clocks import ANNUAL_REPORT, DRAFT_LIST
from zones.flows import ZoneFlow
from zones.models import Zone, ZoneQuota

from .conftest import complete, filled_zone, mark_users, open_tasks

pytestmark = pytest.mark.django_db


def at(day: str):
    return time_machine.travel(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10), BEIJING))


def submitted(cast) -> Zone:
    mark_users(2)
    return actions.submit_zone(actor=cast.county_staff, zone=filled_zone(cast))


def on_draft_list(cast) -> Zone:
    zone = submitted(cast)
    zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    zone = complete(zone, ZoneFlow.approve_recommendation, cast.province_lead, {"approve": True, "comment": ""})
    assert zone.status == Zone.Status.RECOMMENDED and open_tasks(zone) == ["review"]
    zone = complete(zone, ZoneFlow.review, cast.kjs_staff, {"approve": True, "comment": "材料齐全"})
    return complete(zone, ZoneFlow.approve_publication, cast.kjs_lead, {"approve": True, "comment": ""})


@pytest.mark.on_date("2026-03-02")
def test_the_province_recommends_only_within_its_quota(cast):
    ZoneQuota.objects.create(province=cast.province_staff.memberships.get().department.region, year=2026, quota=0)
    zone = submitted(cast)
    with pytest.raises(ValidationError) as refusal:
        complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    assert "0" in refusal.value.messages[0]
    assert open_tasks(zone) == ["recommend"]
    ZoneQuota.objects.update(quota=1)
    zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    assert open_tasks(zone) == ["approve_recommendation"]


@pytest.mark.on_date("2026-03-02")
def test_steps_belong_to_their_bodies(cast):
    zone = submitted(cast)
    with pytest.raises(PermissionDenied):
        complete(zone, ZoneFlow.recommend, cast.other_staff, {"approve": True, "comment": ""})
    with pytest.raises(PermissionDenied):
        complete(zone, ZoneFlow.recommend, cast.kjs_lead, {"approve": True, "comment": ""})
    zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    # The staff member proposes; only the province's lead approves the stage.
    with pytest.raises(PermissionDenied):
        complete(zone, ZoneFlow.approve_recommendation, cast.province_staff, {"approve": True, "comment": ""})
    assert zone.status == Zone.Status.AWAITING_RECOMMENDATION


@pytest.mark.on_date("2026-03-02")
def test_the_lead_may_refuse_the_recommendation_with_a_reason(cast):
    zone = submitted(cast)
    zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
    with pytest.raises(ValidationError):
        complete(zone, ZoneFlow.approve_recommendation, cast.province_lead, {"approve": False, "comment": ""})
    zone = complete(
        zone, ZoneFlow.approve_recommendation, cast.province_lead, {"approve": False, "comment": "名额已满"}
    )
    assert zone.status == Zone.Status.REJECTED and open_tasks(zone) == []


def test_from_the_draft_list_to_naming_on_the_calendar(cast):
    with at("2026-03-02"):
        zone = on_draft_list(cast)
        assert zone.status == Zone.Status.ON_DRAFT_LIST and open_tasks(zone) == ["approve_preparation"]
        window = deadlines_for(zone).get(rule_code=DRAFT_LIST)
        # 30 working days from 2 March 2026 (Qingming 5 April is a Sunday, made up on Monday 6 April).
        assert window.due_on == datetime.date(2026, 4, 14)
        actions.objection_record(actor=cast.kjs_staff, zone=zone, objector="某茶叶合作社", grounds="用标比例数据有误")
    with at("2026-04-14"), pytest.raises(ValidationError, match="2026-04-14"):
        complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
    with at("2026-04-15"):
        with pytest.raises(ValidationError):  # the objection is not decided yet
            complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
        actions.objection_decide(
            actor=cast.kjs_staff, objection=zone.objections.get(), sustained=False, reason="经核实数据无误"
        )
        zone = complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": "同意筹建"})
        assert zone.status == Zone.Status.PREPARING
        assert zone.preparation_until == datetime.date(2029, 4, 15)
        assert deadlines_for(zone).get(rule_code=DRAFT_LIST).state == Deadline.State.MET
        clock = deadlines_for(zone).get(rule_code=ANNUAL_REPORT)
        assert clock.due_on == datetime.date(2026, 12, 31) and clock.department == zone.bureau
        with pytest.raises(ValidationError, match="2029-04-15"):
            actions.request_acceptance(actor=cast.county_staff, zone=zone)
    with at("2029-04-15"), pytest.raises(ValidationError):  # the reports are not in yet
        actions.request_acceptance(actor=cast.county_staff, zone=zone)
    # Each year's report meets its clock and starts the next; none after the preparation's end.
    for year in (2026, 2027, 2028):
        with at(f"{year}-12-20"):
            report = actions.annual_report_submit(actor=cast.county_staff, zone=zone, progress=f"{year}年进展")
            assert report.year == year
    clocks = deadlines_for(zone).filter(rule_code=ANNUAL_REPORT).order_by("due_on")
    # 31 December 2028 is a Sunday and 1 January a holiday: 2028's report is due on 2 January 2029.
    assert [c.due_on for c in clocks] == [
        datetime.date(2026, 12, 31),
        datetime.date(2027, 12, 31),
        datetime.date(2029, 1, 2),
    ]
    assert {c.state for c in clocks} == {Deadline.State.MET}
    with at("2029-04-15"):
        zone = actions.request_acceptance(actor=cast.county_staff, zone=zone)
        assert open_tasks(zone) == ["site_visit"]
        zone = complete(
            zone,
            ZoneFlow.site_visit,
            cast.province_staff,
            {"approve": True, "experts": "张教授、李研究员", "findings": "三大体系运行良好"},
        )
        zone = complete(zone, ZoneFlow.assess, cast.kjs_staff, {"approve": True, "assessment": "评估通过"})
        assert zone.status == Zone.Status.PUBLIC_NOTICE and open_tasks(zone) == ["name_zone"]
        zone = complete(zone, ZoneFlow.name_zone, cast.kjs_lead, {"approve": True, "comment": ""})
        assert zone.status == Zone.Status.NAMED and zone.named_on == datetime.date(2029, 4, 15)
        assert open_tasks(zone) == []


def test_a_missed_annual_report_is_escalated_to_the_bureaus_lead(cast):
    from deadlines.jobs import check_deadlines
    from notifications.models import Notification
    from organizations.models import Role
    from tests.factories.organizations import make_member

    lead = make_member("AMR-330106", Role.LEAD)
    with at("2026-03-02"):
        zone = on_draft_list(cast)
    with at("2026-04-15"):
        complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
    with at("2026-12-18"):  # 9 working days before 31 December: reminded
        check_deadlines()
        assert Notification.objects.filter(recipient=cast.county_staff).exists()
    with at("2027-01-04"):
        check_deadlines()
        clock = deadlines_for(zone).get(rule_code=ANNUAL_REPORT)
        assert clock.state == Deadline.State.OVERDUE
        assert Notification.objects.filter(recipient=lead).exists()
        # A late report still meets it (late) and starts 2027's.
        actions.annual_report_submit(actor=cast.county_staff, zone=zone, progress="补报")
        assert Deadline.objects.get(pk=clock.pk).state == Deadline.State.MET
        assert deadlines_for(zone).filter(rule_code=ANNUAL_REPORT, due_on__year=2027).exists()


def test_a_provincial_zone_is_reviewed_by_the_province_and_prepares_two_years(cast):
    with at("2026-03-02"):
        mark_users(1)
        zone = filled_zone(cast, producers=2, output_share="55", level="provincial")
        zone = actions.submit_zone(actor=cast.county_staff, zone=zone)
        assert zone.status == Zone.Status.RECOMMENDED and open_tasks(zone) == ["review"]
        with pytest.raises(PermissionDenied):
            complete(zone, ZoneFlow.review, cast.kjs_staff, {"approve": True, "comment": ""})
        zone = complete(zone, ZoneFlow.review, cast.province_staff, {"approve": True, "comment": ""})
        zone = complete(zone, ZoneFlow.approve_publication, cast.province_lead, {"approve": True, "comment": ""})
    with at("2026-05-06"):
        zone = complete(zone, ZoneFlow.approve_preparation, cast.province_lead, {"approve": True, "comment": ""})
        assert zone.preparation_until == datetime.date(2028, 5, 6)


def test_revocation_needs_a_reason_and_the_lead(cast):
    with at("2026-03-02"):
        zone = on_draft_list(cast)
    with at("2026-04-15"):
        zone = complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
        with pytest.raises(PermissionDenied):
            actions.zone_revoke(actor=cast.kjs_staff, zone=zone, reason="体系运行不达标")
        with pytest.raises(ValidationError):
            actions.zone_revoke(actor=cast.kjs_lead, zone=zone, reason=" ")
        zone = actions.zone_revoke(actor=cast.kjs_lead, zone=zone, reason="体系运行不达标")
        assert zone.status == Zone.Status.REVOKED and zone.revoked_on == datetime.date(2026, 4, 15)
        assert not deadlines_for(zone).filter(state=Deadline.State.RUNNING).exists()
