from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import announcements, application_notices, notices, receipts
        from .enforcement import choices  # noqa: F401  (registers the audit actions)
        from .enforcement import documents as enforcement_documents

        notices.register_kinds()
        receipts.register_kinds()
        application_notices.register_kinds()
        announcements.register_kinds()
        enforcement_documents.register_kinds()
