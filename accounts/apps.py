from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from notifications.kinds import register_kind

        from . import audit_actions, signals  # noqa: F401  (declares the audit actions, connects the receivers)
        from .services import LOGIN_LOCKED_KIND

        register_kind(
            LOGIN_LOCKED_KIND,
            label=_("Your login was locked after repeated failed passwords"),
            subject_template="notifications/account.login_locked/subject.txt",
            body_template="notifications/account.login_locked/body.txt",
        )
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using="default", **kwargs) -> None:
    """The database cache's table comes with `migrate`: the login lockout (ADR 0040) and every rate
    limit count in the cache, and a deployment without REDIS_URL that skipped `createcachetable`
    answered every login with a 500. Idempotent; nothing to do for Redis or a memory cache."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
