"""Login failure handling (登录失败处理, docs/adr/0040): django-axes counts, this module decides.

axes counts every refused password in Django's cache, once for the account name typed and once
for the address it came from (AXES_LOCKOUT_PARAMETERS). From those counts:

- from the 5th failure of an account or of an address, the next attempt waits, longer each time
  (2 s, 4 s, 8 s … at most a minute): it is refused with the time to wait, the password unread;
- the 10th failure of an account locks it for 15 minutes after its last failure, the right
  password included, until the time passes or an administrator unlocks it; an address is only
  ever slowed, never locked (a whole office can share one).

All numbers are settings (config/settings/base.py). The handler adds to axes' cache handler the
time of each count's latest failure, from which the waits and the end of a lock are told.
"""

import dataclasses
import datetime
import math

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cache, get_cache_timeout, get_client_ip_address, get_cool_off, make_cache_key_list
from django.conf import settings
from django.utils import timezone

# axes hashes a name and an address alike into its keys: without a prefix, typing an address as
# the account name would count against that address.
_NAME_PREFIX = "account:"


def username_key(name: str | None) -> str:
    """The account name as counted: case and surrounding spaces must not buy a fresh allowance."""
    name = (name or "").strip().lower()
    return name.removeprefix(_NAME_PREFIX)[:150]


def client_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: the name as counted, from the credentials or the posted form."""
    posted = credentials if credentials else getattr(request, "data", request.POST)
    return _NAME_PREFIX + username_key(posted.get("username"))


def _account_key(username: str) -> str:
    return make_cache_key_list([{"username": _NAME_PREFIX + username_key(username)}])[0]


def _address_key(address: str) -> str:
    return make_cache_key_list([{"ip_address": address}])[0]


def _last_key(key: str) -> str:
    return f"{key}-last"


class LoginLockoutHandler(AxesCacheHandler):
    """axes' cache handler, with the latest failure's time kept beside each count, and a lock
    that only the account's count sets (the address's count slows, it never locks)."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_failures_since_start is None:
            return  # not counted: no request, or refused while already locked
        timeout = get_cache_timeout(request)
        for key in (_account_key(client_username(request, credentials)), _address_key(request.axes_ip_address)):
            self.cache.set(_last_key(key), request.axes_attempt_time, timeout)
        # axes flags the request when either count reaches the limit; only the account's locks.
        request.axes_locked_out = self.is_locked(request, credentials)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        # A success clears the account's failures, not the address's: one account of one's own
        # must not buy a fresh allowance for guessing the others' from the same address.
        key = _account_key(user.get_username())
        self.cache.delete_many([key, _last_key(key)])

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return account_locked_until(client_username(request, credentials)) is not None

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        keys = []
        if username is not None:
            keys.append(_account_key(username))
        if ip_address is not None:
            keys.append(_address_key(ip_address))
        count = sum(1 for key in keys if self.cache.get(key))
        self.cache.delete_many([*keys, *map(_last_key, keys)])
        return count


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused before its password is read, and until when."""

    locked: bool  # the account is locked (else: a wait after repeated failures)
    until: datetime.datetime

    def seconds(self, now: datetime.datetime | None = None) -> int:
        return max(1, math.ceil((self.until - (now or timezone.now())).total_seconds()))


def to_the_minute(moment: datetime.datetime) -> datetime.datetime:
    """Rounded up to the minute, for people: trying at the minute shown must succeed."""
    rounded = moment + datetime.timedelta(minutes=1, microseconds=-1)
    return rounded.replace(second=0, microsecond=0)


def delay_after(failures: int) -> datetime.timedelta:
    """The wait after this many failures: none before TERROIR_LOGIN_DELAY_AFTER, then doubling."""
    if failures < settings.TERROIR_LOGIN_DELAY_AFTER:
        return datetime.timedelta(0)
    doublings = min(failures - settings.TERROIR_LOGIN_DELAY_AFTER, 16)
    seconds = settings.TERROIR_LOGIN_DELAY_FIRST * 2**doublings
    return datetime.timedelta(seconds=min(seconds, settings.TERROIR_LOGIN_DELAY_MAX))


def _state(key: str) -> tuple[int, datetime.datetime | None]:
    cache = get_cache()
    values = cache.get_many([key, _last_key(key)])
    return values.get(key, 0), values.get(_last_key(key))


def login_refusal(request, username: str) -> Refusal | None:
    """The refusal an attempt to log in as `username` from this request meets, if any."""
    if not settings.AXES_ENABLED:
        return None
    locked_until = account_locked_until(username)
    if locked_until is not None:
        return Refusal(locked=True, until=locked_until)
    now = timezone.now()
    account_failures, account_last = _state(_account_key(username))
    address_failures, address_last = _state(_address_key(get_client_ip_address(request) or ""))
    waits = [
        last + delay_after(failures)
        for failures, last in ((account_failures, account_last), (address_failures, address_last))
        if last is not None
    ]
    until = max(waits, default=now)
    return Refusal(locked=False, until=until) if until > now else None


def account_failures(username: str) -> int:
    return get_cache().get(_account_key(username), 0)


def account_locked_until(username: str) -> datetime.datetime | None:
    """When the account's lock ends, or None if it is not locked."""
    failures, last = _state(_account_key(username))
    if last is None or failures < settings.AXES_FAILURE_LIMIT:
        return None
    until = last + get_cool_off()
    return until if until > timezone.now() else None


def account_unlock(username: str) -> bool:
    """Forget the account's failures (its lock and waits); True if it had any."""
    return bool(AxesProxyHandler.reset_attempts(username=username))
