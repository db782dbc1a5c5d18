from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import enforcement_documents, notices, receipts

        notices.register_kinds()
        receipts.register_kinds()
        enforcement_documents.register_kinds()
