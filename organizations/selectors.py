"""Reads on organisations: who a user is, where they work, what region they may see."""

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import StartsWith

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
    if user.is_superuser or _staff_memberships(user).exists():
        return "staff"
    if user.enterprise_accounts.filter(is_active=True).exists():
        return "portal"
    return "public"


def staff_membership_exists(user) -> Exists:
    """Whether the user is staff, as a column of a query that is read anyway (then
    remember_staff_member): no query of its own."""
    return Exists(_staff_memberships(user))


def remember_staff_member(user) -> None:
    """The user was found staff in this request (staff_membership_exists)."""
    setattr(user, _PERSONA_CACHE, "staff")


def forget_persona(user) -> None:
    """After a change of memberships or enterprise accounts: the next question reads again."""
    user.__dict__.pop(_PERSONA_CACHE, None)


def _staff_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True)


def is_staff_member(user) -> bool:
    return persona_of(user) == "staff"


def staff_member_filter(user) -> Q:
    """A condition that holds when the user is staff, for a query that asks anyway: no query of its
    own (a check of one object needs one query, not two); nothing in SQL once known this request."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    persona = getattr(user, _PERSONA_CACHE, None)
    if user.is_superuser or persona == "staff":
        return Q()
    if persona is not None:
        return Q(pk__in=[])
    return Q(Exists(_staff_memberships(user)))


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


def _jurisdiction_memberships(user) -> QuerySet[Membership]:
    # The expert committee is national, but an expert sees only the applications they are asked
    # to review (through their opinions), never the country's cases.
    return Membership.objects.filter(user=user, is_active=True).exclude(role=Role.EXPERT)


def jurisdiction_prefixes(user) -> list[str]:
    """Region code prefixes the user's bureaus cover; "" means the whole country."""
    if user.is_superuser:
        return [""]
    already_read = _PREFIXES_READ.get()
    if already_read is not None and user.pk in already_read:
        return list(already_read[user.pk])
    prefixes = set()
    memberships = _jurisdiction_memberships(user)
    for department in Department.objects.filter(pk__in=memberships.values("department_id")).select_related("region"):
        prefixes.add(department.region.prefix if department.region is not None else "")
    answer = [""] if "" in prefixes else sorted(prefixes)
    if already_read is not None:
        already_read[user.pk] = tuple(answer)
    return answer


# Set by jurisdiction_read_once(): the prefixes read in the block, by user id.
_PREFIXES_READ: ContextVar[dict[int, tuple[str, ...]] | None] = ContextVar(
    "terroir_jurisdiction_prefixes_read", default=None
)


@contextmanager
def jurisdiction_read_once() -> Iterator[None]:
    """For a page that asks the selectors of several case kinds about the same user (the 案件
    search): the user's bureaus are read at the first question, not once per selector. Only for
    the block: outside it a change of memberships is seen at once."""
    token = _PREFIXES_READ.set({})
    try:
        yield
    finally:
        _PREFIXES_READ.reset(token)


# Set by jurisdiction_in_sql(): region_code_filter then reads the user's bureaus inside the query.
_JURISDICTION_IN_SQL = ContextVar("terroir_jurisdiction_in_sql", default=False)


@contextmanager
def jurisdiction_in_sql() -> Iterator[None]:
    """For a check of one object: region filters built inside ask no query of their own.

    The user's bureaus become a correlated subquery of the query that checks the object, one query
    instead of two. Lists keep the prefixes read first: a plain LIKE on each prefix can use the
    index on the region code, a subquery per row cannot.
    """
    token = _JURISDICTION_IN_SQL.set(True)
    try:
        yield
    finally:
        _JURISDICTION_IN_SQL.reset(token)


def region_code_filter(user, field: str = "region__code") -> Q:
    """A filter for anything with a region: only what lies inside the user's jurisdiction."""
    if _JURISDICTION_IN_SQL.get():
        return _region_code_subquery(user, field)
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return Q()
    if not prefixes:
        return Q(pk__in=[])
    condition = Q()
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    return condition


def _region_code_subquery(user, field: str) -> Q:
    """region_code_filter as one EXISTS: a bureau of the user without a region (national) or whose
    region's prefix starts the object's region code."""
    if user.is_superuser:
        return Q()
    covering = (
        _jurisdiction_memberships(user)
        .filter(department__isnull=False)
        .filter(Q(department__region__isnull=True) | StartsWith(OuterRef(field), F("department__region__prefix")))
    )
    return Q(Exists(covering))


def holds_object_permission(user, perm: str, *, content_type_id: int, object_pk) -> bool:
    """user.has_perm(perm, obj) as guardian answers it, in one query instead of two (the user's
    grants, then their groups'), and without loading the object: its content type and id suffice.

    Like Django and guardian: an inactive user holds nothing, an active superuser everything.
    Only object grants count (guardian's generic tables, the only ones Terroir uses); a global
    permission is user.has_perm(perm).
    """
    return _holds_grant(user, perm, content_type_id, "%s", [str(object_pk)])  # guardian keeps ids as text


def holds_permission_at_bureau_of(user, perm: str, *, region_id: int) -> bool:
    """holds_object_permission on the bureau (Department) of a region, found inside the same query."""
    from django.contrib.contenttypes.models import ContentType

    bureau = f"(SELECT CAST(id AS varchar) FROM {_table(Department)} WHERE region_id = %s)"  # noqa: S608 (model name)
    return _holds_grant(user, perm, ContentType.objects.get_for_model(Department).pk, bureau, [region_id])


def holds_object_permission_column(user, perm: str, *, content_type_id: int, object_pk) -> Expression:
    """holds_object_permission as a column of a query that is read anyway (ADR 0059)."""
    return _grant_column(user, perm, content_type_id, "%s", [str(object_pk)])


def holds_permission_at_bureau_column(user, perm: str, *, region_column: str) -> Expression:
    """holds_permission_at_bureau_of as a column of a query on the case: `region_column` is the
    SQL of the case's region id column in that query (a column name, never input)."""
    from django.contrib.contenttypes.models import ContentType

    bureau = f"(SELECT CAST(id AS varchar) FROM {_table(Department)} WHERE region_id = {region_column})"  # noqa: S608
    return _grant_column(user, perm, ContentType.objects.get_for_model(Department).pk, bureau, [])


def _grant_column(user, perm: str, content_type_id: int, object_sql: str, object_params: list) -> Expression:
    query = _grant_query(user, perm, content_type_id, object_sql, object_params)
    if isinstance(query, bool):
        return Value(query)
    sql, params = query
    return RawSQL(f"EXISTS ({sql})", params, output_field=BooleanField())  # noqa: S611 (parameters only)


def _grant_query(user, perm: str, content_type_id: int, object_sql: str, object_params: list) -> bool | tuple:
    """The grant check's statement and parameters, or its answer when no statement is needed."""
    from django.contrib.contenttypes.models import ContentType

    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    app_label, codename = perm.split(".", 1)
    if ContentType.objects.get_for_id(content_type_id).app_label != app_label:
        return False  # guardian refuses a permission of another app than the object's
    on_grant: list = [content_type_id, codename, content_type_id]
    return _grant_sql(object_sql), [user.pk, *on_grant, *object_params, user.pk, *on_grant, *object_params]


def _holds_grant(user, perm: str, content_type_id: int, object_sql: str, object_params: list) -> bool:
    from django.db import connection

    query = _grant_query(user, perm, content_type_id, object_sql, object_params)
    if isinstance(query, bool):
        return query
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return cursor.fetchone() is not None


@functools.cache
def _grant_sql(object_sql: str) -> str:
    """The grant check as plain SQL, written once per shape (table names from the models; every
    value is a parameter).

    Building it with the ORM (a Permission query with two correlated EXISTS) cost more than running
    it: about a fifth of a task completion's time (bench_completions.py). The statement is the same
    one guardian's two queries answer together: a grant of the permission on the object, to the user
    or to one of their groups.
    """
    from django.contrib.auth.models import Permission
    from guardian.models import GroupObjectPermission, UserObjectPermission

    grant = "p.content_type_id = %s AND p.codename = %s AND g.content_type_id = %s AND g.object_pk = "
    permission = f"JOIN {_table(Permission)} p ON p.id = g.permission_id"
    user_grants = f"SELECT 1 FROM {_table(UserObjectPermission)} g {permission} WHERE g.user_id = %s"  # noqa: S608
    group_grants = (
        f"SELECT 1 FROM {_table(GroupObjectPermission)} g {permission}"  # noqa: S608 (model names only)
        f" JOIN {_table(get_user_model().groups.through)} ug ON ug.group_id = g.group_id WHERE ug.user_id = %s"
    )
    on_object = f" AND {grant}{object_sql}"
    return f"{user_grants}{on_object} UNION ALL {group_grants}{on_object} LIMIT 1"


def _table(model) -> str:
    from django.db import connection

    return connection.ops.quote_name(model._meta.db_table)


def regions_within(region: Region) -> QuerySet[Region]:
    """The region and every division inside it."""
    return Region.objects.filter(code__startswith=region.prefix)


def enterprises_of(user) -> QuerySet[Enterprise]:
    return Enterprise.objects.filter(accounts__user=user, accounts__is_active=True).select_related("region")


def bureau_of(region: Region) -> Department:
    return Department.objects.get(region=region)
