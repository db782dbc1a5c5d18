from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # The sample notice kind must be known before anything renders or downloads.
        from . import (
            audit_actions,  # noqa: F401  (declares this app's audit actions)
            kinds,  # noqa: F401
        )
