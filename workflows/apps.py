from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .applications import receivers  # noqa: F401  (recomputes objection windows with the calendar)
        from .enforcement import receivers as enforcement_receivers  # noqa: F401  (and fines' payment dates)
