"""Apps add their own statistics figures; a figure may be a sum over its records instead of a count."""

import datetime

import pytest

from cases.models import ProtectedProduct
from organizations.models import Region
from reports.figures import FIGURES, Figure, figure_count, register_figures

pytestmark = pytest.mark.django_db


def _products(province, start, end):
    return ProtectedProduct.objects.filter(province=province)


def test_a_registered_figure_is_counted_and_a_total_sums_its_field(monkeypatch):
    monkeypatch.setattr("reports.figures.FIGURES", dict(FIGURES))
    from reports import figures

    province = Region.objects.get(code="330000")
    for name, year in (("甲", 2010), ("乙", 2016)):
        ProtectedProduct.objects.create(name=name, category="tea", province=province, announcement_year=year)
    count = Figure("test_products", "products", "counted", "个", _products)
    total = Figure("test_years", "years", "summed", "", _products, total="announcement_year")
    register_figures(count, total)

    assert figures.FIGURES["test_products"] is count
    day = datetime.date(2026, 6, 1)
    assert figure_count(count, province, day, day)["value"] == 2
    assert figure_count(total, province, day, day)["value"] == 4026
    with pytest.raises(ValueError):
        register_figures(Figure("test_products", "again", "again", "个", _products))
