import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from guardian.shortcuts import get_users_with_perms

from audit.models import AuditEvent
from organizations.models import Department, Enterprise, Membership, Region, Role
from organizations.services import enterprise_register, membership_grant, membership_revoke
from tests.factories import UserFactory, make_member, valid_credit_code

pytestmark = pytest.mark.django_db


def test_grant_gives_object_permission_on_that_department_only():
    bureau = Department.objects.get(code="AMR-330106")
    other = Department.objects.get(code="AMR-330102")
    user = make_member("AMR-330106", Role.STAFF)
    assert user.has_perm("organizations.work_as_staff", bureau)
    assert not user.has_perm("organizations.work_as_staff", other)
    assert not user.has_perm("organizations.work_as_lead", bureau)
    assert user in get_users_with_perms(bureau, only_with_perms_in=["work_as_staff"])
    event = AuditEvent.objects.get(action="membership.grant")
    assert event.data == {"user": user.username, "department": "AMR-330106", "role": "staff"}


def test_user_may_hold_several_roles():
    user = make_member("AMR-330000", Role.STAFF)
    make_member("AMR-330000", Role.STATISTICS_OFFICER, user=user)
    make_member("ZFS", Role.INSPECTOR, user=user)
    assert Membership.objects.filter(user=user).count() == 3
    assert user.has_perm("organizations.work_as_statistics_officer", Department.objects.get(code="AMR-330000"))
    assert user.has_perm("organizations.work_as_inspector", Department.objects.get(code="ZFS"))


def test_grant_twice_is_idempotent():
    user = make_member("KJS", Role.STAFF)
    membership_grant(actor=None, user=user, department=Department.objects.get(code="KJS"), role=Role.STAFF)
    assert Membership.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.filter(action="membership.grant").count() == 1


def test_revoke_removes_the_grant_and_is_audited():
    user = make_member("KJS", Role.STAFF)
    lead = make_member("KJS", Role.LEAD)
    membership = Membership.objects.get(user=user)
    membership_revoke(actor=lead, membership=membership, comment="调岗")
    user = type(user).objects.get(pk=user.pk)  # drop guardian's per-user cache
    assert not user.has_perm("organizations.work_as_staff", Department.objects.get(code="KJS"))
    event = AuditEvent.objects.get(action="membership.revoke")
    assert (event.actor, event.from_state, event.to_state, event.comment) == (lead, "active", "inactive", "调岗")


def test_only_the_lead_or_an_administrator_manages_members():
    outsider = make_member("FGS", Role.LEAD)
    with pytest.raises(PermissionDenied):
        membership_grant(
            actor=outsider, user=UserFactory(), department=Department.objects.get(code="KJS"), role="staff"
        )
    assert not Membership.objects.filter(department__code="KJS").exists()


def test_enterprise_register_refuses_bad_code_and_creates_nothing():
    with pytest.raises(ValidationError):
        enterprise_register(
            actor=None,
            name="坏代码",
            credit_code="914403001922038217",
            kind="producer",
            region=Region.objects.get(code="440300"),
        )
    assert not Enterprise.objects.exists()
    assert not AuditEvent.objects.exists()


def test_enterprise_register_normalises_and_audits():
    code = valid_credit_code(7)
    enterprise = enterprise_register(
        actor=None, name="好代码", credit_code=code.lower(), kind="producer", region=Region.objects.get(code="330106")
    )
    assert enterprise.credit_code == code
    assert AuditEvent.objects.filter(action="enterprise.register", target_id=str(enterprise.pk)).exists()
