from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from .applications import announcements as application_announcements
        from .applications import choices as application_choices  # noqa: F401  (registers the audit actions)
        from .applications import notices as application_notices
        from .declarations import choices as declaration_choices  # noqa: F401  (registers the audit actions)
        from .declarations import notices as declaration_notices
        from .declarations import receipts as declaration_receipts
        from .enforcement import choices as enforcement_choices  # noqa: F401  (registers the audit actions)
        from .enforcement import documents as enforcement_documents
        from .enforcement import notices as enforcement_notices
        from .objections import choices as objection_choices  # noqa: F401  (registers the audit actions)
        from .products import announcements as product_announcements
        from .products import choices as product_choices  # noqa: F401  (registers the audit actions)
        from .products import notices as product_notices
        from .register_import import choices as register_import_choices  # noqa: F401  (registers the audit actions)
        from .register_import import notices as register_import_notices
        from .supervision import choices as supervision_choices  # noqa: F401  (registers the audit actions)
        from .supervision import notices as supervision_notices
        from .usage_reports import choices as usage_report_choices  # noqa: F401  (registers the audit actions)

        enforcement_notices.register_kinds()
        declaration_notices.register_kinds()
        supervision_notices.register_kinds()
        declaration_receipts.register_kinds()
        application_notices.register_kinds()
        product_notices.register_kinds()
        application_announcements.register_kinds()
        product_announcements.register_kinds()
        enforcement_documents.register_kinds()
        register_import_notices.register_kinds()
