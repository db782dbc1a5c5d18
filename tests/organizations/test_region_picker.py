"""The region picker's server side: chained selects, their consistency, the two small reads."""

import pytest
from django import forms
from django.http import QueryDict

from organizations.region_picker import RegionField, RegionsField, prefix_of

pytestmark = pytest.mark.django_db


class CountyForm(forms.Form):
    region = RegionField(min_level=3)


class AreaForm(forms.Form):
    area = RegionsField(max_level=2)


def test_prefixes():
    assert [prefix_of(c) for c in ("330000", "330100", "330106", "500000", "110101")] == [
        "33",
        "3301",
        "330106",
        "50",
        "110101",
    ]


def test_the_deepest_consistent_select_is_the_value():
    form = CountyForm(QueryDict("region__1=330000&region__2=330100&region__3=330106"))
    assert form.is_valid() and form.cleaned_data["region"].code == "330106"
    # Without the script, a county left over under a newly chosen province is not taken.
    stale = CountyForm(QueryDict("region__1=110000&region__2=330100&region__3=330106"))
    assert not stale.is_valid() and "region" in stale.errors


def test_a_region_above_the_required_level_is_refused_with_a_message():
    form = CountyForm(
        QueryDict("region__1=330000&region__2=330100"),
    )
    assert not form.is_valid()
    assert form.errors["region"] == ["请选择到县（区）。"]


def test_the_multiple_variant_adds_what_is_left_chosen_in_the_selects():
    form = AreaForm(QueryDict("area=330100&area=320000&area__1=110000"))
    assert form.is_valid()
    assert sorted(r.code for r in form.cleaned_data["area"]) == ["110000", "320000", "330100"]
    assert not AreaForm(QueryDict("area=330106")).is_valid()  # a county is below this field's level


def test_rendering_shows_the_chain_of_the_value_and_never_every_county():
    html = str(CountyForm(initial={"region": "330106"})["region"])
    assert html.count("<option") < 34 + 20 + 20  # provinces, 杭州's cities' peers, 杭州's districts
    assert 'value="330106" selected' in html and 'value="330100" selected' in html


def test_the_levels_and_search_reads(client):
    levels = client.get("/regions/levels/", {"name": "region", "code": "330100", "max_level": 3}).content.decode()
    assert 'name="region__3"' in levels and "西湖区" in levels
    results = client.get("/regions/search/", {"q": "西湖", "max_level": 3}).json()["results"]
    assert {"code": "330106", "label": "浙江省 / 杭州市 / 西湖区"} in results
    assert client.get("/regions/search/", {"q": "西湖", "max_level": 2}).json()["results"] == []
    assert client.get("/regions/search/", {"q": "", "max_level": "x"}).json()["results"] == []
