import datetime

from django.conf import settings
from django.db import transaction

from accounts.types import Actor
from audit.services import audit_record
from notifications.services import notify

from . import lockout
from .audit_actions import AccountAction
from .models import User, UserSession

LOGIN_LOCKED_KIND = "account.login_locked"


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_sessions_end(*, user: User) -> int:
    """End every session of the user server-side (deactivation); returns how many were ended."""
    deleted, _by_model = UserSession.objects.filter(user=user).delete()
    return deleted


def _accounts_named(username: str):
    # The lock counts the name as typed, case aside (accounts.lockout.username_key).
    return User.objects.filter(username__iexact=lockout.username_key(username))


@transaction.atomic
def login_lock_record(*, username: str, address: str, until: datetime.datetime) -> list[User]:
    """The account just got locked: audit it and tell its holder (who may not be the one typing).

    A name no account has is locked all the same (the refusal must not tell who exists), with
    nobody to tell and nothing to audit; axes' log line records it.
    """
    users = list(_accounts_named(username))
    for user in users:
        audit_record(
            actor=None,
            action=AccountAction.LOGIN_LOCK,
            target=user,
            data={"address": address, "failures": settings.AXES_FAILURE_LIMIT, "until": until},
        )
    notify(
        recipients=users,
        kind=LOGIN_LOCKED_KIND,
        context={"until": lockout.to_the_minute(until), "address": address, "failures": settings.AXES_FAILURE_LIMIT},
    )
    return users


@transaction.atomic
def login_unlock(*, actor: Actor, user: User) -> bool:
    """Lift the lock (and any wait) on the user's login; False if there was nothing to lift."""
    if not lockout.account_failures(user.username):
        return False
    locked_until = lockout.account_locked_until(user.username)
    audit_record(
        actor=actor,
        action=AccountAction.LOGIN_UNLOCK,
        target=user,
        data={"locked_until": locked_until, "failures": lockout.account_failures(user.username)},
    )
    # Last, so that a refused audit leaves the lock in place.
    lockout.account_unlock(user.username)
    return True
