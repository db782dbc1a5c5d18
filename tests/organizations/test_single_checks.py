"""Checks of one object in one query: guardian grants and the region filter (ADRs 0022, 0024)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from cases.models import Declaration
from organizations.models import Department, Role
from organizations.selectors import holds_object_permission, jurisdiction_in_sql, region_code_filter
from tests.factories import UserFactory, make_member
from tests.workflows.test_declaration_flow import publish
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db

PERMISSION = "organizations.work_as_staff"


def holds(user, department) -> bool:
    department_type = ContentType.objects.get_for_model(Department)
    return holds_object_permission(user, PERMISSION, content_type_id=department_type.pk, object_pk=department.pk)


@pytest.fixture
def bureau():
    return Department.objects.get(code="AMR-330106")


def test_grants_answer_as_guardian_does(bureau):
    other = Department.objects.get(code="KJS")
    direct, through_group, stranger = UserFactory(), UserFactory(), UserFactory()
    assign_perm(PERMISSION, direct, bureau)
    group = Group.objects.create(name="西湖区核查组")
    assign_perm(PERMISSION, group, bureau)
    through_group.groups.add(group)
    inactive = UserFactory(is_active=False)
    assign_perm(PERMISSION, inactive, bureau)
    superuser = UserFactory(is_superuser=True)
    for user, department in [(direct, bureau), (through_group, bureau), (stranger, bureau), (direct, other),
                             (inactive, bureau), (superuser, other)]:  # fmt: skip
        fresh = type(user).objects.get(pk=user.pk)
        assert holds(fresh, department) == fresh.has_perm(PERMISSION, department), (user, department)
    with CaptureQueriesContext(connection) as queries:
        assert holds(type(direct).objects.get(pk=direct.pk), bureau)
    assert len(queries) == 2  # the user, then one query for user and group grants


def test_a_permission_of_another_app_is_not_held(bureau):
    user = UserFactory()
    assign_perm(PERMISSION, user, bureau)
    department_type = ContentType.objects.get_for_model(Department)
    other_app = "cases.work_as_staff"
    assert not holds_object_permission(user, other_app, content_type_id=department_type.pk, object_pk=bureau.pk)


# (department, role) → whether a member sees a declaration of 西湖区, Hangzhou, Zhejiang.
MEMBERS = [
    ("AMR-330106", Role.STAFF, True),  # the county of the declaration
    ("AMR-330100", Role.LEAD, True),  # its city
    ("AMR-330000", Role.STAFF, True),  # its province
    ("KJS", Role.STAFF, True),  # a national department
    ("AMR-350000", Role.STAFF, False),  # another province
    ("EXPERTS", Role.EXPERT, False),  # the expert committee sees no declaration
]


@pytest.mark.parametrize("department_code, role, sees", MEMBERS)
def test_region_filter_in_sql_and_the_compiled_check_agree_with_the_prefixes(department_code, role, sees):
    _producer, declaration = publish()
    if not Department.objects.filter(code=department_code).exists():
        pytest.skip(f"no department {department_code} in the fixture regions")
    user = make_member(department_code, role)
    by_prefixes = Declaration.objects.filter(region_code_filter(user, "production_region__code"), pk=declaration.pk)
    with jurisdiction_in_sql():
        in_sql = Declaration.objects.filter(region_code_filter(user, "production_region__code"), pk=declaration.pk)
    assert by_prefixes.exists() == in_sql.exists() == sees
    # The one-case check compiled once (workflows/visibility.py, ADR 0024), for a fresh request's user.
    process = DeclarationFlow.process_class.objects.get(flow_class=DeclarationFlow, artifact_object_id=declaration.pk)
    assert DeclarationFlow.instance.process_visible_to(type(user).objects.get(pk=user.pk), process) == sees
