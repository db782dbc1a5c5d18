from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from notifications.kinds import register_kind

        from . import audit_actions, signals  # noqa: F401  (declares the audit actions, connects the receivers)
        from .services import LOGIN_LOCKED_KIND

        register_kind(
            LOGIN_LOCKED_KIND,
            label=_("Your login was locked after repeated failed passwords"),
            subject_template="notifications/account.login_locked/subject.txt",
            body_template="notifications/account.login_locked/body.txt",
        )
