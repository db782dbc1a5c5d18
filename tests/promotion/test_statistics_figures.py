"""The statistics form's rows 制定工作方案情况, 地方馆 and 开展宣传情况 are counted from the
promotion records; each figure is checked against a count made here, in Python, over every row."""

import pytest

from promotion.models import MediaReport, PublicityActivity, SitePage, WorkPlan
from reports.figures import FIGURES, figure_count
from reports.form_layout import ANSWER_FIELDS, ROWS
from reports.models import Period, period_window
from reports.selectors import form_rows
from reports.services import report_live_content, reports_open_period

from .conftest import activity, day, media, plan, publish_page, region, submit_page

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

START, END = period_window(2026, Period.JULY)  # 2026-01-01 … 2026-07-30


@pytest.fixture
def records(people, products):
    tea, walnut, crab = products
    plan(people.province_staff, "AMR-330000", day(2026, 1, 1), day(2026, 12, 31))
    plan(people.province_staff, "AMR-330000", day(2024, 1, 1), day(2025, 12, 31), title="上期方案")  # before
    plan(people.city_staff, "AMR-330100", day(2025, 7, 1), day(2026, 6, 30))  # overlaps the period
    plan(people.city_staff, "AMR-330100", day(2026, 8, 1), day(2026, 12, 31), title="下半年方案")  # after it
    plan(people.county_staff, "AMR-330106", day(2026, 3, 1), day(2027, 2, 28))
    plan(people.jiangsu_staff, "AMR-320000", day(2026, 1, 1), day(2026, 12, 31))  # another province

    activity(people.county_staff, "AMR-330106", "330106", day(2026, 2, 10), products=[tea])
    activity(people.city_staff, "AMR-330100", "330100", day(2026, 7, 30), kind="exhibition", name="茶博会")
    activity(people.city_staff, "AMR-330100", "330100", day(2026, 8, 2), name="期后培训")  # after the period
    activity(people.jiangsu_staff, "AMR-320000", "320102", day(2026, 2, 10), products=[crab])

    media(people.province_staff, "AMR-330000", "330000", day(2026, 1, 5), "central")
    media(people.city_staff, "AMR-330100", "330100", day(2026, 2, 5), "local")
    media(people.county_staff, "AMR-330106", "330106", day(2026, 3, 1), "local")
    media(people.county_staff, "AMR-330106", "330106", day(2025, 12, 31), "local")  # before the period
    media(people.jiangsu_staff, "AMR-320000", "320102", day(2026, 2, 5), "central")

    published = submit_page(people.province_staff, tea)
    publish_page(published, people)
    submit_page(people.province_staff, walnut)  # submitted, not published
    submit_page(people.jiangsu_staff, crab, bureau_code="AMR-320000")
    return products


def by_hand() -> dict:
    """Every figure of the three rows, counted over all rows in Python (no query filters)."""
    inside = lambda code: code.startswith("33")  # noqa: E731
    overlaps = lambda plan: plan.covers_from <= END and plan.covers_to >= START  # noqa: E731
    plans = list(WorkPlan.objects.select_related("bureau__region"))
    activities = list(PublicityActivity.objects.select_related("region"))
    reports = list(MediaReport.objects.select_related("region"))
    pages = list(SitePage.objects.select_related("province", "product"))
    from cases.models import ProtectedProduct

    products = [p for p in ProtectedProduct.objects.select_related("province") if p.province.code == "330000"]
    products = [p for p in products if p.status == "protected"]
    covered = {page.product_id for page in pages if page.status == "published"}
    return {
        "plans_provincial": sum(
            1 for p in plans if p.bureau.kind == "provincial" and p.bureau.region.code == "330000" and overlaps(p)
        ),
        "plans_city": sum(1 for p in plans if p.bureau.kind == "city" and inside(p.bureau.region.code) and overlaps(p)),
        "plans_county": sum(
            1 for p in plans if p.bureau.kind == "county" and inside(p.bureau.region.code) and overlaps(p)
        ),
        "site_pages_submitted": sum(
            1 for p in pages if p.province.code == "330000" and START <= p.submitted_at.date() <= END
        ),
        "site_coverage": round(100 * sum(1 for p in products if p.pk in covered) / len(products)),
        "publicity_events": sum(1 for a in activities if inside(a.region.code) and START <= a.held_on <= END),
        "media_central": sum(
            1 for r in reports if r.level == "central" and inside(r.region.code) and START <= r.published_on <= END
        ),
        "media_local": sum(
            1 for r in reports if r.level == "local" and inside(r.region.code) and START <= r.published_on <= END
        ),
    }


def test_each_figure_matches_a_count_made_by_hand(records):
    expected = by_hand()
    # The world is built so that every figure counts something and leaves something out.
    assert expected == {
        "plans_provincial": 1,
        "plans_city": 1,
        "plans_county": 1,
        "site_pages_submitted": 2,
        "site_coverage": 50,
        "publicity_events": 2,
        "media_central": 1,
        "media_local": 2,
    }
    province = region("330000")
    counted = {code: figure_count(FIGURES[code], province, START, END)["value"] for code in expected}
    assert counted == expected


def test_the_statistics_form_shows_them_in_their_rows_instead_of_typed_fields(records):
    report = next(
        r for r in reports_open_period(actor=None, year=2026, period=Period.JULY) if r.province.code == "330000"
    )
    content = report_live_content(report)
    rows = {row.code: row for row in form_rows(content)}
    shown = {
        row: [[f.code for f in cell.figures] for cell in rows[row].cells] for row in ("plans", "site", "publicity")
    }
    assert shown == {
        "plans": [["plans_provincial"], ["plans_city"], ["plans_county"]],
        "site": [["site_pages_submitted", "site_coverage"], [], []],
        "publicity": [["publicity_events"], ["media_central"], ["media_local"]],
    }
    values = {f.code: f.value for row in rows.values() for cell in row.cells for f in cell.figures}
    assert {code: values[code] for code in by_hand()} == by_hand()
    moved = {"plan_provincial", "plan_city_count", "plan_county_count", "central_media_reports", "local_media_reports"}
    assert moved.isdisjoint(ANSWER_FIELDS)
    assert [row.code for row in ROWS if row.code in ("plans", "site", "publicity")] == ["plans", "site", "publicity"]


def test_no_products_means_a_coverage_of_nothing_not_a_division_by_zero(people):
    assert figure_count(FIGURES["site_coverage"], region("350000"), START, END)["value"] == 0


def test_the_records_page_of_a_figure_lists_its_records(records, client, people):
    from django.urls import reverse

    report = next(
        r for r in reports_open_period(actor=None, year=2026, period=Period.JULY) if r.province.code == "330000"
    )
    client.force_login(people.province_lead)
    page = client.get(reverse("reports:figure", args=[report.pk, "publicity_events"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "茶博会" in text and "期后培训" not in text
    for code in ("plans_city", "site_pages_submitted", "site_coverage", "media_local"):
        assert client.get(reverse("reports:figure", args=[report.pk, code])).status_code == 200
