"""Supervision tours, the statistics-form figures and the dashboard's count, the register page,
the staff pages and the API."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organizations.models import Region, Role
from reports.dashboard import Scope, target_progress
from reports.figures import FIGURES, figure_count
from reports.form_layout import ROWS
from tests.clock import BEIJING
from tests.factories.organizations import make_member
from zones import actions
from zones.flows import ZoneFlow
from zones.models import Tour, Zone

from .conftest import complete, filled_zone, mark_users

pytestmark = pytest.mark.django_db
ZHEJIANG = "330000"


def at(day: str):
    return time_machine.travel(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10), BEIJING))


def named_zone(cast) -> Zone:
    """Submitted 2026-03-02, prepared from 2026-04-15, named 2029-04-16."""
    with at("2026-03-02"):
        mark_users(2)
        zone = actions.submit_zone(actor=cast.county_staff, zone=filled_zone(cast))
        zone = complete(zone, ZoneFlow.recommend, cast.province_staff, {"approve": True, "comment": ""})
        zone = complete(zone, ZoneFlow.approve_recommendation, cast.province_lead, {"approve": True, "comment": ""})
        zone = complete(zone, ZoneFlow.review, cast.kjs_staff, {"approve": True, "comment": ""})
        zone = complete(zone, ZoneFlow.approve_publication, cast.kjs_lead, {"approve": True, "comment": ""})
    with at("2026-04-15"):
        zone = complete(zone, ZoneFlow.approve_preparation, cast.kjs_lead, {"approve": True, "comment": ""})
    for year in (2026, 2027, 2028):
        with at(f"{year}-12-01"):
            actions.annual_report_submit(actor=cast.county_staff, zone=zone, progress="进展")
    with at("2029-04-16"):
        zone = actions.request_acceptance(actor=cast.county_staff, zone=zone)
        zone = complete(
            zone, ZoneFlow.site_visit, cast.province_staff, {"approve": True, "experts": "专家组", "findings": "良好"}
        )
        zone = complete(zone, ZoneFlow.assess, cast.kjs_staff, {"approve": True, "assessment": "通过"})
        return complete(zone, ZoneFlow.name_zone, cast.kjs_lead, {"approve": True, "comment": ""})


def tour(cast, zone, day="2029-05-10", result=Tour.Result.RECTIFY, items=None):
    bureau = cast.province_inspector.memberships.get().department
    return actions.tour_record(
        actor=cast.province_inspector,
        zone=zone,
        bureau=bureau,
        toured_on=datetime.date.fromisoformat(day),
        inspectors=[cast.province_inspector],
        findings={"standard": "标准齐全", "testing": "检测设备待更新", "quality": "追溯运行"},
        result=result,
        problems="检测能力不足",
        items=items if items is not None else [{"description": "更新检测设备", "due_on": datetime.date(2029, 8, 1)}],
    )


def _count(code, start, end):
    return figure_count(FIGURES[code], Region.objects.get(code=ZHEJIANG), start, end)["value"]


def test_tours_named_and_preparing_zones_are_counted_in_the_zones_row(cast):
    zone = named_zone(cast)
    with at("2029-06-01"):
        tour(cast, zone)
        tour(cast, zone, day="2029-05-20", result=Tour.Result.GOOD, items=[])
    row = next(row for row in ROWS if row.code == "zones")
    assert [cell.figures for cell in row.cells] == [("zone_tours",), ("zones_named", "zones_preparing"), ()]
    assert "zone_count" not in [field for cell in row.cells for field in cell.fields]
    year_2029 = (datetime.date(2029, 1, 1), datetime.date(2029, 12, 31))
    assert _count("zone_tours", *year_2029) == 2
    assert _count("zones_named", *year_2029) == 1
    assert _count("zones_preparing", *year_2029) == 0
    assert _count("zones_preparing", datetime.date(2028, 1, 1), datetime.date(2028, 12, 31)) == 1
    assert _count("zones_named", datetime.date(2028, 1, 1), datetime.date(2028, 12, 31)) == 0
    # Not counted for another province.
    assert figure_count(FIGURES["zone_tours"], Region.objects.get(code="350000"), *year_2029)["value"] == 0


def test_the_dashboard_counts_national_zones_named_in_the_year(cast):
    named_zone(cast)
    country, zhejiang = Scope(province=None), Scope(province=Region.objects.get(code=ZHEJIANG))
    assert target_progress(country, 2029)["zones"] == 1
    assert target_progress(zhejiang, 2029)["zones"] == 1
    assert target_progress(Scope(province=Region.objects.get(code="350000")), 2029)["zones"] == 0
    assert target_progress(country, 2028)["zones"] == 0


def test_a_tour_needs_rectification_deadlines_after_it_and_an_inspector_of_the_bureau(cast):
    zone = named_zone(cast)
    with at("2029-06-01"):
        with pytest.raises(ValidationError):
            tour(cast, zone, items=[])  # rectification required, no item
        with pytest.raises(ValidationError):
            tour(cast, zone, items=[{"description": "整改", "due_on": datetime.date(2029, 5, 1)}])
        with pytest.raises(ValidationError):
            tour(cast, zone, day="2029-06-02")  # not yet taken place
        fujian = make_member("AMR-350000", Role.INSPECTOR)
        with pytest.raises(PermissionDenied):
            actions.tour_record(
                actor=fujian,
                zone=zone,
                bureau=fujian.memberships.get().department,
                toured_on=datetime.date(2029, 5, 1),
                inspectors=[fujian],
                findings={},
                result=Tour.Result.GOOD,
            )
        assert not Tour.objects.exists()
        recorded = tour(cast, zone)
        item = recorded.items.get()
        with pytest.raises(PermissionDenied):
            actions.rectification_done(actor=cast.county_staff, item=item)
        assert actions.rectification_done(actor=cast.province_inspector, item=item).done_on == datetime.date(2029, 6, 1)


def test_the_register_lists_named_zones_by_pinyin_and_revoked_ones_with_the_reason(client, cast):
    zone = named_zone(cast)
    url = reverse("register:zones")
    for query in ("xhlj", "西湖区", "xihuqu"):
        page = client.get(url, {"q": query}).content.decode()
        assert "杭州市西湖区人民政府" in page and "西湖龙井" in page, query
    assert "杭州市西湖区人民政府" not in client.get(url, {"q": "wuchang"}).content.decode()
    with at("2029-07-01"):
        actions.zone_revoke(actor=cast.kjs_lead, zone=zone, reason="复核不合格，未按期整改")
    assert "复核不合格，未按期整改" in client.get(url).content.decode()
    assert client.get(url, {"q": "x" * 500}).status_code == 200


def test_zones_in_preparation_are_not_in_the_register(client, cast):
    with at("2026-03-02"):
        mark_users(2)
        actions.submit_zone(actor=cast.county_staff, zone=filled_zone(cast))
    assert "杭州市西湖区人民政府" not in client.get(reverse("register:zones")).content.decode()
    assert client.get("/api/register/zones/").json()["count"] == 0


def test_the_api_shows_named_zones_to_anyone_and_staff_zones_within_jurisdiction(client, cast):
    zone = named_zone(cast)
    public = client.get("/api/register/zones/").json()
    assert public["count"] == 1 and public["results"][0]["products"][0]["name"] == "西湖龙井"
    assert "eligibility" not in public["results"][0]
    assert client.get(f"/api/register/zones/{zone.reference}/").status_code == 200
    assert client.get("/api/staff/zones/").status_code in (401, 403)
    client.force_login(cast.province_staff)
    assert client.get("/api/staff/zones/").json()["count"] == 1
    assert client.get(f"/api/staff/zones/{zone.pk}/").json()["eligibility"]["eligible"] is True
    client.force_login(cast.other_staff)
    assert client.get("/api/staff/zones/").json()["count"] == 0
    assert client.get(f"/api/staff/zones/{zone.pk}/").status_code == 404


@pytest.mark.on_date("2026-03-02")
def test_staff_pages_show_the_zone_within_jurisdiction_only(client, cast):
    zone = filled_zone(cast)
    client.force_login(cast.county_staff)
    page = client.get(reverse("zones:detail", args=[zone.pk])).content.decode()
    assert "杭州市西湖区人民政府" in page and "submit" in page
    assert client.get(reverse("zones:edit", args=[zone.pk])).status_code == 200
    assert "杭州市西湖区人民政府" in client.get(reverse("zones:list")).content.decode()
    client.force_login(cast.other_staff)
    assert client.get(reverse("zones:detail", args=[zone.pk])).status_code == 404
    assert "杭州市西湖区人民政府" not in client.get(reverse("zones:list")).content.decode()
    client.force_login(cast.province_staff)
    assert client.get(reverse("zones:detail", args=[zone.pk])).status_code == 200
    assert client.get(reverse("zones:edit", args=[zone.pk])).status_code == 403


@pytest.mark.on_date("2026-03-02")
def test_a_bad_upload_is_refused_on_the_form(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    zone = filled_zone(cast)
    client.force_login(cast.county_staff)
    response = client.post(
        reverse("zones:policy_new", args=[zone.pk]),
        {"title": "伪装", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00", content_type="application/pdf")},
    )
    assert response.status_code == 200 and zone.policies.count() == 1
