from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (declares this app's audit actions)
