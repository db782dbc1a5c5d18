"""Rural revitalisation and the promotion programme through the API (ADR 0062): each bureau reads
its jurisdiction's records, and records effects, publicity and media reports through the page forms,
refused alike; files open with the API token."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEvent
from promotion.models import MediaReport, PublicityActivity
from rural.models import EffectReport
from tests.api.conftest import signed_in
from tests.factories.cases import producer_with_enterprise
from tests.promotion.conftest import bureau, people, plan, products  # noqa: F401  (fixtures)
from tests.rural.conftest import apply, cast  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-01")]

EFFECTS = "/api/staff/rural-effects/"

FIGURES = {
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
    "people_reached": 120,
    "households_reached": 40,
    "poor_employed": 12,
    "income_per_capita": "15800.00",
    "gi_output": "320.50",
    "online_sales": "88.00",
}


def test_a_county_reports_its_effects_and_reads_them_back(cast):  # noqa: F811
    client = signed_in(cast.county_staff)
    response = client.post(EFFECTS, {"region": "330106", **FIGURES}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["region"] == "330106" and body["reporter"] == cast.county.name and body["people_reached"] == 120
    report = EffectReport.objects.get()
    assert AuditEvent.objects.filter(action="rural.effect_record", target_id=str(report.pk)).exists()
    assert [row["id"] for row in client.get(EFFECTS).json()["results"]] == [report.pk]
    # Another county (安溪, Fujian) sees none of Zhejiang's.
    assert signed_in(cast.other_staff).get(EFFECTS).json()["count"] == 0
    assert signed_in(cast.other_staff).get(f"{EFFECTS}{report.pk}/").status_code == 404


def test_refused_effects_say_why_and_change_nothing(cast):  # noqa: F811
    client = signed_in(cast.county_staff)
    assert client.post(EFFECTS, {"region": "330106", **FIGURES}, format="json").status_code == 201
    overlapping = client.post(
        EFFECTS, {"region": "330106", **FIGURES, "period_start": "2026-03-01", "period_end": "2026-04-30"}, "json"
    )
    assert overlapping.status_code == 400 and "2026" in overlapping.json()["error"]["message"]
    outside = client.post(EFFECTS, {"region": "350524", **FIGURES}, format="json")  # Fujian's county
    assert outside.status_code == 400 and "region" in outside.json()["error"]["fields"]
    unknown = client.post(EFFECTS, {"region": "99999999", **FIGURES}, format="json")
    assert unknown.status_code == 400 and "region" in unknown.json()["error"]["fields"]
    garbage = client.post(EFFECTS, {"region": "330106", **FIGURES, "people_reached": "很多"}, format="json")
    assert garbage.status_code == 400 and "people_reached" in garbage.json()["error"]["fields"]
    assert EffectReport.objects.count() == 1
    producer, _enterprise = producer_with_enterprise()
    assert signed_in(producer).post(EFFECTS, {"region": "330106", **FIGURES}, format="json").status_code == 403
    assert signed_in(cast.jcs_staff).post(EFFECTS, {"region": "330106", **FIGURES}, format="json").status_code == 403


def test_projects_and_measures_are_read_within_the_jurisdiction(cast):  # noqa: F811
    project = apply(cast)
    mine = signed_in(cast.county_staff).get("/api/staff/rural-projects/").json()
    assert [row["reference"] for row in mine["results"]] == [project.reference]
    assert mine["results"][0]["status_label"] and mine["results"][0]["products"] == [cast.product.name]
    assert signed_in(cast.other_staff).get("/api/staff/rural-projects/").json()["count"] == 0
    assert signed_in(cast.jcs_staff).get(f"/api/staff/rural-projects/{project.pk}/").status_code == 200
    assert signed_in(cast.county_staff).get("/api/staff/rural-measures/").status_code == 200


def test_a_bureau_records_publicity_and_media_reports(people, products):  # noqa: F811
    tea, _walnut, crab = products
    client = signed_in(people.province_staff)
    province = bureau("AMR-330000").pk
    activity = {"bureau": province, "name": "专用标志培训", "kind": "training", "held_on": "2026-05-20"}
    created = client.post("/api/staff/publicity-activities/", {**activity, "region": "330106", "products": [tea.pk]})
    assert created.status_code == 201, created.content
    assert created.json()["products"] == [tea.name] and created.json()["kind_label"]
    # Another province's product, a kind that does not exist: refused, field by field.
    refused = client.post(
        "/api/staff/publicity-activities/",
        {**activity, "region": "330106", "products": [crab.pk], "kind": "party"},
        format="json",
    )
    assert refused.status_code == 400 and {"products", "kind"} <= set(refused.json()["error"]["fields"])
    assert PublicityActivity.objects.count() == 1
    assert signed_in(people.jiangsu_staff).get("/api/staff/publicity-activities/").json()["count"] == 0

    report = {"bureau": province, "title": "龙井开采", "outlet": "人民日报", "level": "central"}
    report |= {"published_on": "2026-04-01", "region": "330000"}
    assert client.post("/api/staff/media-reports/", report, format="json").status_code == 201
    bad_link = client.post("/api/staff/media-reports/", {**report, "link": "javascript:alert(1)"}, format="json")
    assert bad_link.status_code == 400 and "link" in bad_link.json()["error"]["fields"]
    assert MediaReport.objects.count() == 1


def test_a_work_plan_s_document_opens_with_the_token(people):  # noqa: F811
    made = plan(people.province_staff, "AMR-330000", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    token, _ = Token.objects.get_or_create(user=people.province_staff)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    [row] = client.get("/api/staff/work-plans/").json()["results"]
    assert row["id"] == made.pk and row["sha256"] == made.sha256
    download = client.get(row["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert signed_in(people.jiangsu_staff).get("/api/staff/work-plans/").json()["count"] == 0
