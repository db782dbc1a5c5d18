"""The check "may this user see this case?" for flows whose cases are seen by jurisdiction alone,
as one SQL statement compiled once per flow (ADR 0024); and the one answer of a page about a case
to anyone who may not see it: 404, as for an id no row has (staff_or_404, ADR 0042).

Every task action asks it (assign, then complete: twice per completion). Built with the ORM each
time, the region EXISTS took four times as long to build and compile as PostgreSQL took to answer
it (bench/bench_completions.py). For these flows the statement's only inputs are the user's id and
the case's id: the user's bureaus and their regions are read inside it (jurisdiction_in_sql), so
nothing about the user is decided in Python and the compiled text fits every user. Flows whose
visibility says more (enforcement cases, applications) keep building their check each time.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404

from organizations.selectors import is_staff_member, jurisdiction_in_sql, region_code_filter


def staff_or_404(user) -> None:
    """Before a staff page looks up its case: someone who is no member of any body sees no case, so
    they get the 404 that staff of another province get, and an id no row has (ADR 0042). (A list
    page, which names no case, answers them 403.)"""
    if not is_staff_member(user):
        raise Http404


# Stand-ins compiled into the statement where the user's and the case's ids go; no row has them.
_USER_ID = -900_000_001
_CASE_ID = -900_000_002


class JurisdictionCheck:
    """Whether the case `case_id` of `model` lies in the jurisdiction of the user `user_id`."""

    def __init__(self, model, region_code_field: str):
        self.model = model
        self.region_code_field = region_code_field

    def artifacts_visible_to(self, user):
        return self.model.objects.filter(region_code_filter(user, self.region_code_field))

    def holds(self, *, user_id: int, case_id, using: str = "default") -> bool:
        with connections[using].cursor() as cursor:
            cursor.execute(*self._bound(user_id, case_id, using))
            return cursor.fetchone() is not None

    def holds_column(self, *, user_id: int, case_id, using: str = "default") -> RawSQL:
        """holds() as a column of a query that is read anyway (workflows.task_actions, ADR 0059):
        the same statement, compiled once."""
        sql, params = self._bound(user_id, case_id, using)
        return RawSQL(f"EXISTS ({sql})", params, output_field=BooleanField())  # noqa: S611 (parameters only)

    def _bound(self, user_id: int, case_id, using: str) -> tuple[str, list]:
        sql, params = self._statement(using)
        values = {_USER_ID: user_id, _CASE_ID: case_id}
        return sql, [values.get(param, param) if type(param) is int else param for param in params]

    @functools.cache  # noqa: B019 (one per flow and database, for the life of the process)
    def _statement(self, using: str) -> tuple[str, tuple]:
        stand_in = get_user_model()(pk=_USER_ID, is_superuser=False)
        with jurisdiction_in_sql():
            cases = self.artifacts_visible_to(stand_in).filter(pk=_CASE_ID)
        sql, params = cases.query.exists().get_compiler(using).as_sql()
        found = [param for param in params if type(param) is int and param in (_USER_ID, _CASE_ID)]
        # A statement that did not take both ids as parameters would answer for another user or case.
        if _USER_ID not in found or _CASE_ID not in found:
            raise ValueError(f"{self.model.__name__}: the visibility check does not take the user and case ids")
        return sql, tuple(params)
