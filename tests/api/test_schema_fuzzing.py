"""schemathesis against the live API: generated requests for every operation, bounded, must
never meet a 5xx nor a response that breaks the published schema."""

import re
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import UserRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import draft_application
from tests.factories.cases import draft_declaration, producer_with_enterprise
from workflows.declarations.actions import publish

pytestmark = pytest.mark.usefixtures("reference_data")

EXAMPLES_PER_OPERATION = 4
TIME_LIMIT_SECONDS = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def caller(monkeypatch):
    """A producer who is also bureau staff, with a declaration, an application and a task, so
    that generated ids sometimes meet real rows; the throttles opened wide for the run."""
    from api.base import PublicRateThrottle

    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "100000/min", "user": "100000/min"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"public": "100000/min", "user": "100000/min"})
    user, enterprise = producer_with_enterprise()
    make_member("AMR-330106", Role.STAFF, user=user)
    _user, declaration = draft_declaration(user=user, enterprise=enterprise)
    publish(actor=user, declaration=declaration, commitment_accepted=True)
    draft_application()
    return Token.objects.create(user=user)


def test_no_operation_answers_5xx_or_breaks_the_schema(live_server, caller):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    headers = {"Authorization": f"Token {caller.key}"}
    started = time.monotonic()
    # Revoking the token would sign the rest of the run out: that operation goes last.
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.method.upper() == "DELETE" and operation.path == "/api/auth/token/",
    )
    assert len(operations) > 30
    tried = 0
    for operation in operations:
        if time.monotonic() - started > TIME_LIMIT_SECONDS:
            break

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS)

        check()
        tried += 1
    assert tried == len(operations), f"only {tried} of {len(operations)} operations within the time limit"


def _fuzz(live_server, operations, headers: dict) -> None:
    base_url = live_server.url
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

        check()


SUPERVISION_PATHS = ("/api/staff/campaigns/", "/api/staff/conflicts/")


@pytest.mark.parametrize("persona", ["lead", "producer"])
def test_supervision_operations_as_an_allowed_and_a_forbidden_user(live_server, caller, persona):
    """The campaign and conflict operations (ADR 0048), as a lead of the province (with a planned
    campaign for ids to meet) and as a producer who may do none of them."""
    from tests.factories.supervision import provincial_campaign

    lead, _inspectors, _campaign = provincial_campaign()
    user = lead if persona == "lead" else producer_with_enterprise()[0]
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    operations = [
        result.ok() for result in schema.get_all_operations() if result.ok().path.startswith(SUPERVISION_PATHS)
    ]
    assert len(operations) == 8
    _fuzz(live_server, operations, headers)


# The remaining page actions (ADR 0057): objections, enforcement, notes, reassignment, rectification.
CASEWORK = re.compile(
    r"^/api/(register/objections/|staff/applications/\{[a-z_]+\}/objections/|applications/\{[a-z_]+\}/objections/"
    r"|staff/enforcement-cases/|staff/notes/|tasks/\{id\}/reassign/|declarations/\{id\}/rectification"
    r"|staff/rectification-reports/)"
)


@pytest.mark.parametrize("persona", ["lead", "producer"])
def test_casework_operations_as_an_allowed_and_a_forbidden_user(live_server, caller, persona):
    """As a Hangzhou lead with a case, a task and its notes for ids to meet, and as a producer who
    may do none of the staff operations (and has no rectification awaited)."""
    from tests.factories.enforcement import hangzhou_bureau, received_case

    bureau = hangzhou_bureau(inspector_count=2)
    received_case()
    user = bureau.lead if persona == "lead" else producer_with_enterprise()[0]
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations() if CASEWORK.match(result.ok().path)]
    assert len(operations) == 23, sorted(f"{o.method} {o.path}" for o in operations)
    _fuzz(live_server, operations, headers)


MARKS_PATHS = (
    "/api/staff/mark-printings/",
    "/api/staff/mark-issues/",
    "/api/staff/usage-totals/",
    "/api/usage-report-dues/",
)


@pytest.mark.parametrize("persona", ["clerk", "producer"])
def test_marks_operations_as_an_allowed_and_a_forbidden_user(live_server, caller, persona):
    """The special marks' operations (ADR 0060), as a county clerk with a print run and an issue
    for ids to meet, and as a producer who may only read its dues."""
    import datetime

    from marks.services import issue_record, printing_record
    from organizations.models import Department
    from tests.factories.supervision import published_declarations

    clerk, xihu = make_member("AMR-330106", Role.STAFF), Department.objects.get(code="AMR-330106")
    (declaration,) = published_declarations(1)
    day = datetime.date(2026, 5, 6)
    printing_record(actor=clerk, bureau=xihu, product=declaration.product, printed_on=day, serial_from=1, serial_to=50)
    issue_record(actor=clerk, bureau=xihu, declaration=declaration, issued_on=day, quantity=5)
    user = clerk if persona == "clerk" else producer_with_enterprise()[0]
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations() if result.ok().path.startswith(MARKS_PATHS)]
    assert len(operations) == 8
    _fuzz(live_server, operations, headers)
