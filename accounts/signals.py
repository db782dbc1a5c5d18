"""Thin receivers: each hands over to a service or to the session policy."""

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from organizations.selectors import persona_of

from . import lockout, services, session_policy


@receiver(user_logged_in)
def start_session_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_policy.session_start(request.session, persona=persona_of(user))


@receiver(user_locked_out)
def record_login_lock(sender, request, username, ip_address, **kwargs):
    # axes sends this for the failure that reaches the limit, and again for later ones (refused
    # while locked, an address's count, two attempts at once): only a counted failure that made
    # the account's count exactly the limit records the lock, so its holder is told once.
    counted = getattr(request, "axes_failures_since_start", None) is not None
    if not counted or lockout.account_failures(username) != settings.AXES_FAILURE_LIMIT:
        return
    until = request.axes_attempt_time + get_cool_off(request)
    services.login_lock_record(username=username, address=ip_address or "", until=until)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    # Any way of deactivating (admin, service, shell) ends the sessions: a deactivated user
    # must not keep working in a browser that is still open.
    if not instance.is_active:
        services.user_sessions_end(user=instance)
