from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamworkConfig(AppConfig):
    name = "teamwork"
    verbose_name = _("Team work")

    def ready(self) -> None:
        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            notices,
        )

        notices.register_kinds()
