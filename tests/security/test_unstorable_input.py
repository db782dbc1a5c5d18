"""No 500 on any input (issue 19 item 1): a NUL, a lone surrogate or an overlong value is a 400
with a clear message, for pages and the API, anonymously too, and nothing is stored. On
PostgreSQL these reached a query and failed there; the suite runs on both databases."""

import json
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from cases.models import Declaration, EnforcementCase
from tests.factories.cases import longjing, producer_with_enterprise

pytestmark = pytest.mark.usefixtures("reference_data")

CHINESE = "请求中含有无法保存的字符"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    from django.core.cache import cache

    cache.clear()


@pytest.mark.parametrize("path", ["/verify/%00/", "/products/%00/", "/objections/%00/", "/?q=%00"])
def test_a_nul_in_a_public_address_is_a_clear_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert CHINESE in page and "cannot be stored" in page


def test_the_api_refuses_a_nul_in_its_own_error_format():
    response = APIClient().get("/api/register/verify/%00/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("region", ["33\u00000106", "33\ud8000106"])
def test_a_json_field_the_database_cannot_store_changes_nothing(region):
    user, _enterprise = producer_with_enterprise()
    product = longjing()
    api = APIClient()
    api.force_authenticate(user)
    body = json.dumps({"product": product.pk, "production_region": region, "declared_output": 5})
    response = api.generic("POST", "/api/declarations/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not Declaration.objects.exists()


def test_a_form_with_a_nul_changes_nothing():
    response = Client().post("/report/", {"seller": "某超市\x00", "description": "x"})
    assert response.status_code == 400
    assert not EnforcementCase.objects.exists()


def test_an_overlong_value_is_refused_with_its_limit(settings):
    settings.TERROIR_MAX_FIELD_CHARACTERS = 100
    response = Client().post("/report/", {"seller": "某" * 101})
    assert response.status_code == 400
    assert "100" in response.content.decode()
    assert Client().get("/", {"q": "某" * 100}).status_code == 200


def test_ordinary_input_passes(client):
    assert client.get("/", {"q": "西湖龙井"}).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=40))
def test_any_bytes_in_a_search_or_an_address_are_answered_never_a_500(raw):
    """Any bytes, percent-encoded as a client sends them: NULs, broken UTF-8, encoded surrogates."""
    value = quote_from_bytes(raw, safe="")
    client = Client(raise_request_exception=False)
    for address in (f"/?q={value}", f"/authorised-users/?q={value}&region={value}", f"/verify/{value or 'x'}/"):
        assert client.get(address).status_code in (200, 400, 404), address
    api = APIClient(raise_request_exception=False)
    assert api.get(f"/api/register/products/?search={value}").status_code in (200, 400)
