"""Thin receivers: each hands over to a service or to the session policy."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from organizations.selectors import persona_of

from . import services, session_policy


@receiver(user_logged_in)
def start_session_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_policy.session_start(request.session, persona=persona_of(user))


@receiver(user_login_failed)
def count_login_failure(sender, credentials, **kwargs):
    username = credentials.get("username")
    if username:
        services.login_failure_record(username=username)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    # Any way of deactivating (admin, service, shell) ends the sessions: a deactivated user
    # must not keep working in a browser that is still open.
    if not instance.is_active:
        services.user_sessions_end(user=instance)
