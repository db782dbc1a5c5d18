"""The public register through the API: anonymous, read-only, the same selectors as the pages."""

import secrets

import pytest

from cases.declarations.services import declaration_withdraw
from tests.factories.cases import longjing

pytestmark = pytest.mark.django_db


def test_products_are_public_and_searchable_by_pinyin(api):
    product = longjing()
    body = api.get("/api/register/products/", {"q": "xhlj"}).json()
    assert [row["token"] for row in body["results"]] == [product.public_token]
    assert body["results"][0]["province"]["code"] == "330000"
    assert api.get("/api/register/products/", {"q": "wuchang"}).json()["count"] == 0


def test_product_filters_are_validated_with_field_messages(api):
    longjing()
    response = api.get("/api/register/products/", {"category": "nonsense"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "category" in error["fields"]


def test_product_detail_by_token_and_unknown_token_is_not_found(api):
    product = longjing()
    body = api.get(f"/api/register/products/{product.public_token}/").json()
    assert [region["code"] for region in body["protected_area"]] == ["330106"]
    assert body["history"][0]["status"]  # recorded as protected
    missing = api.get(f"/api/register/products/{secrets.token_urlsafe(16)}/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_authorised_users_search_by_credit_code(api, published):
    _user, declaration = published
    code = declaration.enterprise.credit_code
    rows = api.get("/api/register/authorised-users/", {"q": code.lower()}).json()["results"]
    assert [row["reference"] for row in rows] == [declaration.reference]
    assert rows[0]["enterprise"] == {"name": declaration.enterprise.name, "credit_code": code}


def test_verification_follows_the_declaration_at_once(api, published):
    user, declaration = published
    url = f"/api/register/verify/{declaration.verification_token}/"
    answer = api.get(url)
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    assert answer.json()["verdict"] == "authorised" and answer.json()["may_use_mark"] is True
    declaration_withdraw(actor=user, declaration=declaration, reason="停产")
    answer = api.get(url).json()
    assert answer["verdict"] == "withdrawn" and answer["may_use_mark"] is False and answer["ended_on"]


def test_unknown_token_reveals_nothing(api, published):
    _user, declaration = published
    response = api.get(f"/api/register/verify/{secrets.token_urlsafe(18)}/")
    assert response.status_code == 404
    assert declaration.enterprise.name not in response.content.decode()
    assert response.json() == {
        "error": {"code": "not_found", "message": response.json()["error"]["message"], "fields": {}}
    }


def test_public_endpoints_are_throttled_per_address(api, settings, monkeypatch):
    from api.base import PublicRateThrottle

    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "3/min"})
    statuses = [api.get("/api/register/announcements/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/register/announcements/")
    assert refused.json()["error"]["code"] == "throttled" and refused["Retry-After"]


def test_register_is_read_only(api):
    response = api.post("/api/register/products/", {"name": "假产品"})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
