"""A service's transaction inside a caller's that rolls back everything on any error (ADR 0059).

A one-door service opens its own transaction; called inside another, Django makes it a savepoint
(two statements) so that the caller may catch its refusal and go on. workflows.task_actions does
not catch: any error leaves its lock's transaction and rolls all of it back. It says so with
errors_roll_back_everything(), and the services decorated with one_door_atomic then join its
transaction without a savepoint. The task pages, which catch a refusal and show the form again,
keep theirs.
"""

import functools
from collections.abc import Callable
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.db import transaction

_WHOLE = "_terroir_errors_roll_back_everything"

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def errors_roll_back_everything():
    """Inside: no error is caught before the enclosing transaction ends (it rolls back)."""
    connection = transaction.get_connection()
    before = getattr(connection, _WHOLE, False)
    setattr(connection, _WHOLE, True)
    try:
        yield
    finally:
        setattr(connection, _WHOLE, before)


def one_door_atomic(service: Callable[P, R]) -> Callable[P, R]:
    """transaction.atomic, without its savepoint inside errors_roll_back_everything()."""

    @functools.wraps(service)
    def in_transaction(*args: P.args, **kwargs: P.kwargs) -> R:
        whole = getattr(transaction.get_connection(), _WHOLE, False)
        with transaction.atomic(savepoint=not whole):
            return service(*args, **kwargs)

    return in_transaction
