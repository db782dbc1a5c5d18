"""Reads on organisations: who a user is, where they work, what region they may see."""

from typing import Literal

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .models import Department, Enterprise, Membership, Region, Role

Persona = Literal["staff", "portal", "public"]


def active_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True, department__isnull=False).select_related(
        "department", "department__region"
    )


# Kept on the user object for the request (as Django keeps its permission cache there): a staff
# page asks a dozen times, once per flow's permission check.
_PERSONA_CACHE = "_terroir_persona"


def persona_of(user) -> Persona:
    """Staff (members of a body) work in the inbox; producers and applicants in the portal."""
    if not user.is_authenticated:
        return "public"
    persona = getattr(user, _PERSONA_CACHE, None)
    if persona is None:
        persona = _persona_from_database(user)
        setattr(user, _PERSONA_CACHE, persona)
    return persona


def _persona_from_database(user) -> Persona:
    if user.is_superuser or Membership.objects.filter(user=user, is_active=True).exists():
        return "staff"
    if user.enterprise_accounts.filter(is_active=True).exists():
        return "portal"
    return "public"


def forget_persona(user) -> None:
    """After a change of memberships or enterprise accounts: the next question reads again."""
    user.__dict__.pop(_PERSONA_CACHE, None)


def is_staff_member(user) -> bool:
    return persona_of(user) == "staff"


def departments_of(user, role: Role | str | None = None) -> QuerySet[Department]:
    memberships = Membership.objects.filter(user=user, is_active=True)
    if role is not None:
        memberships = memberships.filter(role=role)
    return Department.objects.filter(pk__in=memberships.values("department_id")).select_related("region")


def members_of(department_id: int | None, role: Role | str):
    """Active users holding a role in a department (the queue of a task, the leads to escalate to)."""
    User = get_user_model()
    if department_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        memberships__department_id=department_id,
        memberships__role=role,
        memberships__is_active=True,
    ).distinct()


def jurisdiction_prefixes(user) -> list[str]:
    """Region code prefixes the user's bureaus cover; "" means the whole country."""
    if user.is_superuser:
        return [""]
    prefixes = set()
    # The expert committee is national, but an expert sees only the applications they are asked
    # to review (through their opinions), never the country's cases.
    memberships = Membership.objects.filter(user=user, is_active=True).exclude(role=Role.EXPERT)
    for department in Department.objects.filter(pk__in=memberships.values("department_id")).select_related("region"):
        prefixes.add(department.region.prefix if department.region_id else "")
    if "" in prefixes:
        return [""]
    return sorted(prefixes)


def region_code_filter(user, field: str = "region__code") -> Q:
    """A filter for anything with a region: only what lies inside the user's jurisdiction."""
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return Q()
    if not prefixes:
        return Q(pk__in=[])
    condition = Q()
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    return condition


def regions_within(region: Region) -> QuerySet[Region]:
    """The region and every division inside it."""
    return Region.objects.filter(code__startswith=region.prefix)


def enterprises_of(user) -> QuerySet[Enterprise]:
    return Enterprise.objects.filter(accounts__user=user, accounts__is_active=True).select_related("region")


def bureau_of(region: Region) -> Department:
    return Department.objects.get(region=region)
