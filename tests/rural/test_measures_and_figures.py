"""Measures and effects entered through their pages within the bureau's region, and the poverty
row of the statistics form counted from them: Zhejiang's only, in the period only."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from organizations.models import Department, Region, Role
from reports.figures import figures_count
from reports.form_layout import FIGURE_CODES
from rural import actions
from rural.models import EffectReport, Measure, MeasureKind
from tests.factories.organizations import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def _effects(cast, region, bureau, user, start, end, people, sales):
    return actions.effect_record(
        actor=user,
        bureau=bureau,
        region=region,
        period_start=start,
        period_end=end,
        people_reached=people,
        households_reached=people // 3,
        poor_employed=people // 10,
        income_per_capita=None,
        gi_output=Decimal("100.50"),
        online_sales=Decimal(sales),
    )


def test_the_poverty_row_counts_measures_and_sums_effects_of_the_province_in_the_period(cast):
    assert {"rural_measures", "rural_people", "rural_online_sales"} <= set(FIGURE_CODES)
    anxi_bureau = Department.objects.get(code="AMR-350524")
    province_staff = make_member("AMR-330000", Role.STAFF)
    province = Department.objects.get(code="AMR-330000")
    for user, bureau, held_on, regions in (
        (cast.county_staff, cast.county, datetime.date(2026, 3, 1), [cast.xihu]),
        # Two regions of the province: counted once.
        (province_staff, province, datetime.date(2026, 5, 1), [cast.xihu, Region.objects.get(code="330100")]),
        (cast.county_staff, cast.county, datetime.date(2025, 12, 31), [cast.xihu]),  # last year
    ):
        actions.measure_record(
            actor=user,
            bureau=bureau,
            kind=MeasureKind.TRAINING,
            title="培训",
            held_on=held_on,
            regions=regions,
            products=[cast.product],
            participants=30,
        )
    actions.measure_record(
        actor=cast.other_staff,
        bureau=anxi_bureau,
        kind=MeasureKind.ECOMMERCE,
        title="电商",
        held_on=datetime.date(2026, 3, 1),
        regions=[cast.anxi],
        products=[],
        participants=5,
    )
    _effects(
        cast,
        cast.xihu,
        cast.county,
        cast.county_staff,
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
        300,
        "10.25",
    )
    _effects(
        cast, cast.xihu, cast.county, cast.county_staff, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), 200, "5"
    )
    _effects(
        cast,
        cast.xihu,
        cast.county,
        cast.county_staff,
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
        999,
        "99",
    )
    _effects(
        cast, cast.anxi, anxi_bureau, cast.other_staff, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), 777, "77"
    )

    zhejiang = Region.objects.get(code="330000")
    figures = figures_count(zhejiang, datetime.date(2026, 1, 1), datetime.date(2026, 7, 30))
    assert figures["rural_measures"]["value"] == 2
    assert figures["rural_people"]["value"] == 500
    assert figures["rural_households"]["value"] == 100 + 66
    assert figures["rural_poor_employed"]["value"] == 50
    assert figures["rural_output"]["value"] == 201
    assert figures["rural_online_sales"]["value"] == 15.25
    first_quarter = figures_count(zhejiang, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert first_quarter["rural_people"]["value"] == 300 and first_quarter["rural_measures"]["value"] == 1


def test_effect_periods_of_a_region_may_not_overlap(cast):
    _effects(
        cast, cast.xihu, cast.county, cast.county_staff, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), 1, "1"
    )
    with pytest.raises(ValidationError):
        _effects(
            cast,
            cast.xihu,
            cast.county,
            cast.county_staff,
            datetime.date(2026, 3, 1),
            datetime.date(2026, 4, 30),
            1,
            "1",
        )
    assert EffectReport.objects.count() == 1


def test_a_measure_through_its_page_and_a_refused_one_changes_nothing(client, cast):
    client.force_login(cast.county_staff)
    form = client.get(reverse("rural:measure_new"))
    assert form.status_code == 200
    data = {
        "kind": "training",
        "title": "专用标志使用培训",
        "held_on": "2026-06-01",
        "regions": [cast.xihu.pk],
        "products": [cast.product.pk],
        "participants": "40",
    }
    refused = client.post(reverse("rural:measure_new"), {**data, "regions": [cast.anxi.pk]})
    assert refused.status_code == 200 and not Measure.objects.exists()
    bad_file = client.post(
        reverse("rural:measure_new"),
        {**data, "material": __import__("io").BytesIO(b"MZ not a pdf")},
    )
    assert bad_file.status_code == 200 and not Measure.objects.exists()
    response = client.post(reverse("rural:measure_new"), data)
    measure = Measure.objects.get()
    assert response.status_code == 302 and measure.organiser == cast.county
    assert AuditEvent.objects.filter(action="rural.measure_record").count() == 1
    client.force_login(cast.other_staff)
    assert client.get(reverse("rural:measure", args=[measure.pk])).status_code == 404


def test_someone_without_a_bureau_enters_nothing(client, cast):
    client.force_login(cast.jcs_staff)  # the 计财司 follows; the bureaus enter
    assert client.get(reverse("rural:measure_new")).status_code == 403
    assert client.get(reverse("rural:measures")).status_code == 200
