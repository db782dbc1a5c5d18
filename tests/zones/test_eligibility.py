"""The 办法's rule on the register's figures and the stated ones: ≥ 3 years protected, mark users
≥ 60 % of producers and of output (50 % for a provincial zone)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from cases.models import ProtectedProduct
from organizations.models import Region
from tests.factories.cases import longjing
from zones import actions
from zones.eligibility import eligibility_snapshot, full_years_between, protected_since
from zones.models import Zone

from .conftest import filled_zone, mark_users, open_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]
TODAY = datetime.date(2026, 3, 2)


def test_two_of_three_producers_and_70_percent_of_output_is_eligible(cast):
    mark_users(2)
    zone = filled_zone(cast, producers=3, output_share="70")
    snapshot = eligibility_snapshot(zone, TODAY)
    assert snapshot["eligible"], snapshot["failures"]
    assert snapshot["authorised_users"] == 2 and snapshot["users_share"] == "66.67"
    assert snapshot["products"] == [{"name": "西湖龙井", "since": "2001-12-31", "years": 24}]


def test_half_the_producers_is_too_few_for_a_national_zone_but_enough_for_a_provincial_one(cast):
    mark_users(2)
    national = filled_zone(cast, producers=4)
    assert not eligibility_snapshot(national, TODAY)["eligible"]
    assert "50.00" in eligibility_snapshot(national, TODAY)["failures"][0]
    national.level = "provincial"
    assert eligibility_snapshot(national, TODAY)["eligible"]


def test_output_share_below_the_threshold_fails(cast):
    mark_users(2)
    zone = filled_zone(cast, producers=3, output_share="59.99")
    snapshot = eligibility_snapshot(zone, TODAY)
    assert not snapshot["eligible"] and len(snapshot["failures"]) == 1


def test_mark_users_outside_the_governments_area_do_not_count(cast):
    mark_users(2, region_code="330102")  # 上城区, outside 西湖区
    zone = filled_zone(cast, producers=3)
    assert eligibility_snapshot(zone, TODAY)["authorised_users"] == 0


def test_revoked_declarations_do_not_count(cast):
    mark_users(1)
    from tests.factories.organizations import EnterpriseFactory
    from tests.reports.conftest import add_declaration

    add_declaration(EnterpriseFactory(), longjing(), status="revoked")
    zone = filled_zone(cast, producers=2)
    assert eligibility_snapshot(zone, TODAY)["authorised_users"] == 1


def test_years_protected_count_from_the_announcement_or_the_last_day_of_its_year():
    product = ProtectedProduct(name="x", announcement_year=2023)
    assert protected_since(product) == datetime.date(2023, 12, 31)
    assert full_years_between(datetime.date(2023, 12, 31), datetime.date(2026, 12, 30)) == 2
    assert full_years_between(datetime.date(2023, 12, 31), datetime.date(2026, 12, 31)) == 3
    product.protected_since = datetime.date(2023, 5, 10)
    assert protected_since(product) == datetime.date(2023, 5, 10)


def test_a_product_protected_for_less_than_three_years_makes_the_zone_ineligible(cast):
    mark_users(2)
    zone = filled_zone(cast)
    product = longjing()
    ProtectedProduct.objects.filter(pk=product.pk).update(protected_since=datetime.date(2023, 3, 3))
    snapshot = eligibility_snapshot(zone, TODAY)
    assert not snapshot["eligible"] and "西湖龙井" in snapshot["failures"][0]
    ProtectedProduct.objects.filter(pk=product.pk).update(protected_since=datetime.date(2023, 3, 2))
    assert eligibility_snapshot(zone, TODAY)["eligible"]


def test_an_ineligible_application_is_refused_and_nothing_changes(cast):
    mark_users(1)
    zone = filled_zone(cast, producers=3)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refusal:
        actions.submit_zone(actor=cast.county_staff, zone=zone)
    assert "60" in " ".join(refusal.value.messages)
    zone.refresh_from_db()
    assert zone.status == Zone.Status.DRAFT and zone.eligibility == {}
    assert AuditEvent.objects.count() == events and open_tasks(zone) == []


def test_the_snapshot_is_frozen_at_submission(cast):
    mark_users(2)
    zone = actions.submit_zone(actor=cast.county_staff, zone=filled_zone(cast))
    mark_users(1)  # a later mark user does not change what was submitted
    zone.refresh_from_db()
    assert zone.eligibility["authorised_users"] == 2 and zone.eligibility["eligible"]
    assert zone.status == Zone.Status.AWAITING_RECOMMENDATION
    assert open_tasks(zone) == ["recommend"]


def test_one_zone_for_each_government(cast):
    filled_zone(cast)
    with pytest.raises(ValidationError):
        actions.zone_create(
            actor=cast.county_staff, government="杭州市西湖区人民政府", region=Region.objects.get(code="330106")
        )


def test_a_product_not_protected_in_the_area_is_refused(cast):
    zone = filled_zone(cast)
    shaoxing, _ = ProtectedProduct.objects.get_or_create(
        name="测试产品", defaults={"category": "tea", "province": Region.objects.get(code="330000")}
    )
    shaoxing.protected_area.set([Region.objects.get(code="330602")])
    with pytest.raises(ValidationError):
        actions.zone_update(actor=cast.county_staff, zone=zone, answers={}, products=[shaoxing])
    assert list(zone.products.values_list("name", flat=True)) == ["西湖龙井"]


def test_bad_numbers_are_refused(cast):
    zone = filled_zone(cast)
    with pytest.raises(ValidationError):
        actions.zone_update(actor=cast.county_staff, zone=zone, answers={"output_share": Decimal("120")})
    with pytest.raises(ValidationError):
        actions.zone_update(actor=cast.county_staff, zone=zone, answers={"status": "named"})
    zone.refresh_from_db()
    assert zone.output_share == Decimal("70") and zone.status == Zone.Status.DRAFT
