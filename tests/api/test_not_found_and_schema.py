"""The API says "not found" in its own JSON for an unknown address and for what the caller may not
see, alike (ADR 0042); its schema describes the data it sends (a product that is still null) and
the province filter it takes (a province's six-digit code, anything else a 400 that says why)."""

import pytest
import schemathesis
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import response_schema_conformance

from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import draft_application
from tests.factories.cases import longjing

from .conftest import signed_in

pytestmark = pytest.mark.django_db

MISSING = 987_654_321


def _not_found(response) -> dict:
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"]["code"] == "not_found"
    return body


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/nonexistent/"),
        ("get", "/api/nonexistent"),
        ("post", "/api/nonexistent/deeper/"),
        ("get", "/api/declarations/not-a-number/"),
        ("delete", "/api/staff/declarations/1/2/"),
    ],
)
def test_an_unknown_api_address_is_not_found_in_json(api, producer, method, path):
    anonymous = _not_found(getattr(api, method)(path))
    signed = _not_found(getattr(signed_in(producer[0]), method)(path))
    # The same body as an id no row has: an address tells nothing more than an object.
    assert anonymous == signed == _not_found(signed_in(producer[0]).get(f"/api/declarations/{MISSING}/"))


def test_another_provinces_declaration_is_not_found_as_a_missing_one(published):
    _producer, declaration = published  # in 杭州市西湖区
    fujian = signed_in(make_member("AMR-350000", Role.STAFF))
    seen = fujian.get(f"/api/staff/declarations/{declaration.pk}/")
    assert seen.content == fujian.get(f"/api/staff/declarations/{MISSING}/").content
    _not_found(seen)
    # The portal's route: a declaration of another enterprise, for staff and producers alike.
    assert (
        fujian.get(f"/api/declarations/{declaration.pk}/").content
        == fujian.get(f"/api/declarations/{MISSING}/").content
    )
    assert (
        signed_in(make_member("AMR-330106", Role.STAFF)).get(f"/api/staff/declarations/{declaration.pk}/").status_code
        == 200
    )


def _operation_parameter(schema: dict, path: str, name: str) -> dict:
    return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)


@pytest.mark.parametrize("path", ["/api/register/products/", "/api/register/authorised-users/"])
def test_the_province_filter_takes_a_provinces_code_and_refuses_anything_else(api, path):
    longjing()
    schema = api.get("/api/schema/", {"format": "json"}).json()
    parameter = _operation_parameter(schema, path, "province")["schema"]
    assert parameter["pattern"] == "^[1-9][0-9]0000$" and parameter["maxLength"] == parameter["minLength"] == 6
    assert api.get(path, {"province": "330000"}).status_code == 200
    for bad in ("33", "330106", "990000", "zhejiang", "3300000"):
        response = api.get(path, {"province": bad})
        assert response.status_code == 400, bad
        error = response.json()["error"]
        assert error["code"] == "invalid" and list(error["fields"]) == ["province"]
        assert bad in error["fields"]["province"][0] and "330000" in error["fields"]["province"][0]


def test_products_filtered_by_province(api):
    product = longjing()  # 浙江
    found = api.get("/api/register/products/", {"province": "330000"}).json()
    assert [row["token"] for row in found["results"]] == [product.public_token]
    assert api.get("/api/register/products/", {"province": "350000"}).json()["count"] == 0


def test_an_application_without_its_product_yet_matches_the_schema(live_server, reference_data):
    """A draft application has no product nor amended product: both null, and the schema says they may be."""
    applicant, application = draft_application()
    assert application.product_id is None and application.amends_id is None
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    token = Token.objects.create(user=applicant)
    operation = schema["/api/applications/{id}/"]["GET"]
    case = operation.Case(path_parameters={"id": application.pk})
    response = case.call(base_url=live_server.url, headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 200 and response.json()["product"] is None
    case.validate_response(response, checks=[response_schema_conformance])


def test_every_field_over_a_nullable_column_is_declared_nullable():
    """A nested serializer over a column that may be empty must say allow_null, or the schema
    promises an object where the API sends null (drf-spectacular reads allow_null)."""
    import inspect

    from rest_framework import serializers

    from api.serializers import notifications, portal, register, staff

    checked, problems = 0, []
    for module in (portal, staff, register, notifications):
        for name, serializer in inspect.getmembers(module, inspect.isclass):
            if not issubclass(serializer, serializers.ModelSerializer) or serializer.__module__ != module.__name__:
                continue
            model = serializer.Meta.model
            for field_name, field in serializer().fields.items():
                column = (field.source if field.source != "*" else field_name).split(".")[0]
                model_field = next((f for f in model._meta.get_fields() if f.name == column), None)
                if model_field is None or getattr(field, "many", False):
                    continue
                checked += 1
                if getattr(model_field, "null", False) and not field.allow_null:
                    problems.append(f"{name}.{field_name}")
    assert problems == []
    assert checked > 30
