from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import enforcement_documents, notices, receipts
        from .applications import announcements as application_announcements
        from .applications import choices as application_choices  # noqa: F401  (registers the audit actions)
        from .applications import notices as application_notices
        from .objections import choices as objection_choices  # noqa: F401  (registers the audit actions)
        from .products import announcements as product_announcements
        from .products import choices as product_choices  # noqa: F401  (registers the audit actions)
        from .products import notices as product_notices

        notices.register_kinds()
        receipts.register_kinds()
        application_notices.register_kinds()
        product_notices.register_kinds()
        application_announcements.register_kinds()
        product_announcements.register_kinds()
        enforcement_documents.register_kinds()
