"""Writes on organisations. Each runs in a transaction and records an audit event."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from accounts.types import Actor
from audit.services import audit_record

from .audit_actions import OrganizationAction
from .models import ROLE_PERMISSIONS, Department, Enterprise, EnterpriseAccount, Membership, Region, Role
from .selectors import forget_persona


def _ensure_may_manage(actor: Actor, department: Department) -> None:
    """Administrators manage every department; a lead manages the staff of their own."""
    if actor is None or actor.is_superuser:
        return
    if not actor.has_perm("organizations.work_as_lead", department):
        raise PermissionDenied("Only the department's lead or an administrator can change its members.")


@transaction.atomic
def membership_grant(*, actor: Actor, user, department: Department, role: Role | str) -> Membership:
    """Give a user a role in a department, with the guardian grant that routes tasks to them."""
    role = Role(role)
    _ensure_may_manage(actor, department)
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, department=department, role=role
    )
    if not created and membership.is_active:
        return membership
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    assign_perm(f"organizations.{ROLE_PERMISSIONS[role]}", user, department)
    forget_persona(user)
    audit_record(
        actor=actor,
        action=OrganizationAction.MEMBERSHIP_GRANT,
        target=membership,
        to_state="active",
        data={"user": user.username, "department": department.code, "role": role.value},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership, comment: str = "") -> Membership:
    membership = Membership.objects.select_for_update().select_related("department", "user").get(pk=membership.pk)
    _ensure_may_manage(actor, membership.department)
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    remove_perm(f"organizations.{ROLE_PERMISSIONS[Role(membership.role)]}", membership.user, membership.department)
    forget_persona(membership.user)
    audit_record(
        actor=actor,
        action=OrganizationAction.MEMBERSHIP_REVOKE,
        target=membership,
        from_state="active",
        to_state="inactive",
        comment=comment,
    )
    return membership


@transaction.atomic
def enterprise_register(
    *,
    actor: Actor,
    name: str,
    credit_code: str,
    kind: Enterprise.Kind | str,
    region: Region,
    address: str = "",
    legal_representative: str = "",
    contact_phone: str = "",
) -> Enterprise:
    """Register a producer or applicant body; a wrong credit code raises ValidationError."""
    enterprise = Enterprise(
        name=name,
        credit_code=credit_code,
        kind=kind,
        region=region,
        address=address,
        legal_representative=legal_representative,
        contact_phone=contact_phone,
    )
    enterprise.credit_code = enterprise.credit_code.strip().upper()
    enterprise.full_clean()
    enterprise.save()
    audit_record(
        actor=actor,
        action=OrganizationAction.ENTERPRISE_REGISTER,
        target=enterprise,
        data={"credit_code": enterprise.credit_code},
    )
    return enterprise


@transaction.atomic
def enterprise_account_link(*, actor: Actor, user, enterprise: Enterprise) -> EnterpriseAccount:
    """Let a user act for an enterprise."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("Only an administrator can link accounts to enterprises.")
    account, created = EnterpriseAccount.objects.get_or_create(user=user, enterprise=enterprise)
    if created or not account.is_active:
        account.is_active = True
        account.save(update_fields=["is_active"])
        forget_persona(user)
        audit_record(
            actor=actor,
            action=OrganizationAction.ENTERPRISE_ACCOUNT_LINK,
            target=enterprise,
            data={"user": user.username},
        )
    return account
