"""A case page tells its whole history in the same number of queries with 10 events or 1,000,
however many people of however many bodies wrote them (each sentence names the body and person)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audit.services import Change, audit_record_many
from cases.enforcement.choices import EnforcementAction
from cases.models import Declaration
from cases.supervision.choices import SupervisionAction
from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import draft_declaration
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db


def add_events(target, action, count: int, people: list) -> None:
    audit_record_many(
        [
            Change(actor=people[n % len(people)], action=action, target=target, comment=f"第{n}条意见")
            for n in range(count)
        ]
    )


def queries_of(client, url: str) -> tuple[int, str]:
    client.get(url)  # one-off lookups (content types, the session) are not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def people(count: int) -> list:
    """Staff of several bodies (none who may take the open task: the panel of who acts next lists
    those, one check each, and it is the history that is measured here)."""
    codes = ["AMR-330100", "AMR-330000", "FGS", "KJS"]
    return [make_member(codes[n % len(codes)], Role.STAFF) for n in range(count)]


def test_the_enforcement_case_page_with_a_thousand_events():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    client = Client()
    client.force_login(bureau.lead)
    url = f"/enforcement/{case.pk}/?history=all"
    add_events(case, EnforcementAction.NOTE, 9, [bureau.inspectors[0]])
    few, _ = queries_of(client, url)
    add_events(case, EnforcementAction.NOTE, 990, people(12))
    many, page = queries_of(client, url)
    assert page.count('<li><time datetime="') == 1000
    assert many == few, (few, many)


def test_a_process_page_with_a_thousand_events():
    staff = make_member("AMR-330106", Role.STAFF)
    producer, draft = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
    declaration = Declaration.objects.get(pk=draft.pk)
    process = DeclarationFlow.process_class.objects.get(flow_class=DeclarationFlow, artifact_object_id=declaration.pk)
    client = Client()
    client.force_login(staff)
    url = DeclarationFlow.instance.reverse("process_detail", args=[process.pk]) + "?history=all"
    few, _ = queries_of(client, url)
    # Any declared action will do: what is counted is the reading, not the meaning.
    add_events(declaration, SupervisionAction.CONFLICT_DECLARE, 990, [*people(12), producer])
    many, page = queries_of(client, url)
    assert page.count('<li><time datetime="') > 990
    assert many == few, (few, many)
