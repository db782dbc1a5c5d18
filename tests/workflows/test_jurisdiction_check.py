"""The one-case visibility check of jurisdiction flows: a statement compiled once (ADR 0024).

Its answers for every kind of member are compared with the list filter's in
tests/organizations/test_single_checks.py."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from cases.models import Declaration, SupervisionCheck
from organizations.models import Department, Role
from tests.factories import UserFactory, make_member
from tests.factories.cases import producer_with_enterprise
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.organizations.test_single_checks import MEMBERS
from tests.workflows.test_declaration_flow import publish
from workflows.declarations.flows import DeclarationFlow
from workflows.registry import FLOW_VIEWSETS
from workflows.supervision.flows import SupervisionCheckFlow
from workflows.visibility import JurisdictionCheck

pytestmark = pytest.mark.django_db


def process_of(flow_class, artifact):
    return flow_class.process_class.objects.get(flow_class=flow_class, artifact_object_id=artifact.pk)


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # no remembered persona or visible processes


def test_people_without_a_bureau_see_no_case():
    producer, declaration = publish()
    other_producer, _enterprise = producer_with_enterprise()
    process = process_of(DeclarationFlow, declaration)
    for user in (producer, other_producer, UserFactory()):
        assert not DeclarationFlow.instance.process_visible_to(fresh(user), process)
    revoked = make_member("AMR-330106", Role.STAFF)
    revoked.memberships.update(is_active=False)
    assert not DeclarationFlow.instance.process_visible_to(fresh(revoked), process)


def test_a_supervision_check_is_seen_through_its_declaration_region():
    published_declarations(3)
    lead, _inspectors, campaign = provincial_campaign()
    draw_and_open(actor=lead, campaign=campaign, seed="jurisdiction")
    check = SupervisionCheck.objects.filter(campaign=campaign).first()
    process = process_of(SupervisionCheckFlow, check)
    for department_code, role, sees in MEMBERS:
        if Department.objects.filter(code=department_code).exists():
            user = make_member(department_code, role)
            assert SupervisionCheckFlow.instance.process_visible_to(fresh(user), process) == sees, department_code


def test_the_second_check_compiles_nothing_and_asks_once():
    _producer, declaration = publish()
    process = process_of(DeclarationFlow, declaration)
    user = make_member("AMR-330106", Role.STAFF)
    DeclarationFlow.instance.process_visible_to(fresh(user), process)
    user = fresh(user)
    with (
        mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled,
        CaptureQueriesContext(connection) as queries,
    ):
        assert DeclarationFlow.instance.process_visible_to(user, process)
    assert compiled.call_count == 0
    assert len(queries) == 1


def test_every_jurisdiction_flow_compiles_its_check():
    checks = [viewset._flow_class.seen_by_jurisdiction for viewset in FLOW_VIEWSETS]
    checks = [check for check in checks if check is not None]
    assert len(checks) >= 3  # declarations, supervision checks, product revocations
    for check in checks:
        assert not check.holds(user_id=UserFactory().pk, case_id=1)


def test_a_check_that_ignores_the_user_is_refused():
    class Everyone(JurisdictionCheck):
        def artifacts_visible_to(self, user):
            return self.model.objects.all()

    with pytest.raises(ValueError, match="does not take the user and case ids"):
        Everyone(Declaration, "production_region__code").holds(user_id=1, case_id=1)
