from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import announcements, application_notices, notices
        from .declarations import choices as declaration_choices  # noqa: F401  (registers the audit actions)
        from .declarations import notices as declaration_notices
        from .declarations import receipts as declaration_receipts
        from .enforcement import choices as enforcement_choices  # noqa: F401  (registers the audit actions)
        from .enforcement import documents as enforcement_documents
        from .supervision import choices as supervision_choices  # noqa: F401  (registers the audit actions)
        from .supervision import notices as supervision_notices
        from .usage_reports import choices as usage_report_choices  # noqa: F401  (registers the audit actions)

        notices.register_kinds()
        declaration_notices.register_kinds()
        supervision_notices.register_kinds()
        declaration_receipts.register_kinds()
        application_notices.register_kinds()
        announcements.register_kinds()
        enforcement_documents.register_kinds()
