"""What a round's results feed: the statistics form's brand row, the dashboard's top-50 target, the
public register's top 50 and product pages, and the API."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from organizations.models import Region
from reports.dashboard import Scope, target_progress
from reports.figures import FIGURES, figure_count
from reports.form_layout import ANSWER_FIELDS, ROWS
from tests.brands.conftest import open_round, recommend, run_round

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

FIGURES_2026 = {"西湖龙井": ("886", "70.10"), "绍兴酒": ("850", "200.00"), "安溪铁观音": ("905", "1380.00")}


@pytest.fixture
def published(people, products):
    brand_round = open_round(people, year=2026)
    for name in FIGURES_2026:
        recommend(people, brand_round, products[name], has_plan=name == "西湖龙井")
    return run_round(people, brand_round, FIGURES_2026)


def test_the_statistics_row_counts_the_provinces_recommendations(people, products):
    brand_round = open_round(people)
    zhejiang = Region.objects.get(code="330000")
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 7, 30)
    plan, count = FIGURES["brand_recommendations_with_plan"], FIGURES["brand_recommendations"]
    assert figure_count(count, zhejiang, start, end)["value"] == 0
    recommend(people, brand_round, products["西湖龙井"], has_plan=False)
    recommend(people, brand_round, products["绍兴酒"], has_plan=False)
    recommend(people, brand_round, products["安溪铁观音"], has_plan=True)  # Fujian's: not counted for Zhejiang
    counted = figure_count(count, zhejiang, start, end)
    assert counted["value"] == 2 and counted["breakdown"] == {"alcohol": 1, "tea": 1}
    assert figure_count(plan, zhejiang, start, end)["value"] == 0  # no organising plan: 否
    recommend(people, brand_round, products["安吉白茶"], has_plan=True)
    assert figure_count(plan, zhejiang, start, end)["value"] == 1
    # Outside the period: nothing.
    assert figure_count(count, zhejiang, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))["value"] == 0
    # The row shows the counted figures in place of the typed count and plan.
    row = next(row for row in ROWS if row.code == "brands")
    assert [cell.figures for cell in row.cells[:2]] == [
        ("brand_recommendations_with_plan",),
        ("brand_recommendations",),
    ]
    assert "brand_count" not in ANSWER_FIELDS and "brand_plan" not in ANSWER_FIELDS


def test_the_dashboard_counts_the_published_top_50(published):
    assert target_progress(Scope(province=None), 2026)["brands"] == 3
    assert target_progress(Scope(province=Region.objects.get(code="330000")), 2026)["brands"] == 2
    assert target_progress(Scope(province=None), 2025)["brands"] == 0


def test_nothing_is_public_before_publication(people, products, client):
    brand_round = open_round(people)
    recommend(people, brand_round, products["西湖龙井"])
    page = client.get(reverse("register:brands"))
    assert page.status_code == 200 and "西湖龙井" not in page.content.decode()
    assert APIClient().get("/api/register/brand-results/").json()["count"] == 0


def test_the_register_lists_the_top_50_searchable_by_pinyin(published, products, client):
    page = client.get(reverse("register:brands")).content.decode()
    assert page.index("安溪铁观音") < page.index("绍兴酒") < page.index("西湖龙井")
    found = client.get(reverse("register:brands"), {"q": "xhlj"}).content.decode()
    assert "西湖龙井" in found and "安溪铁观音" not in found
    assert client.get(reverse("register:brands"), {"year": "abc"}).status_code == 200  # refused quietly
    product_page = client.get(reverse("register:product", args=[products["西湖龙井"].public_token])).content.decode()
    assert "70.10" in product_page
    other = client.get(reverse("register:product", args=[products["安吉白茶"].public_token])).content.decode()
    assert "brand-result" not in other


def test_the_api_reads_published_results_and_staff_rounds_within_jurisdiction(published, people):
    results = APIClient().get("/api/register/brand-results/", {"q": "xihu"}).json()["results"]
    assert [(r["product"], r["rank"], r["value"]) for r in results] == [("西湖龙井", 3, "70.10")]
    assert APIClient().get("/api/register/brand-results/", {"year": "20x6"}).status_code == 400
    assert APIClient().get(f"/api/staff/brand-rounds/{published.pk}/").status_code in (401, 403)

    def recommendations_seen_by(user):
        client = APIClient()
        client.force_authenticate(user)
        answer = client.get(f"/api/staff/brand-rounds/{published.pk}/")
        assert answer.status_code == 200
        return sorted(r["product"] for r in answer.json()["recommendations"])

    assert recommendations_seen_by(people.zls_staff) == ["安溪铁观音", "绍兴酒", "西湖龙井"]
    assert recommendations_seen_by(people.zj_staff) == ["绍兴酒", "西湖龙井"]
    assert recommendations_seen_by(people.city_staff) == []
    assert Decimal(
        next(r for r in APIClient().get("/api/register/brand-results/").json()["results"] if r["rank"] == 1)["value"]
    ) == Decimal("1380.00")
