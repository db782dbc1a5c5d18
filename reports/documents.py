"""The statistics form as a PDF laid out like the printed form (A4 landscape)."""

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from audit.anchors import latest_anchor
from documents.kinds import register_kind
from documents.rendering import render_pdf
from documents.services import document_render

from .form_layout import FORM_NOTE, FORM_TITLE
from .selectors import form_rows, report_content, report_visible_to

STATISTICS_FORM = "statistics.form"
TEMPLATE = "documents/reports/statistics_form.html"


def _can_view(user, document) -> bool:
    return user.is_authenticated and report_visible_to(user, document.target_id) is not None


def register_kinds() -> None:
    register_kind(
        STATISTICS_FORM,
        label=_("Statistics form"),
        template=TEMPLATE,
        number_format="地标统计〔{year}〕{serial}号",
        can_view=_can_view,
    )


def _context(report) -> dict:
    content = report_content(report)
    return {
        "report": report,
        "content": content,
        "rows": form_rows(content),
        "form_title": FORM_TITLE,
        "form_note": FORM_NOTE,
        "draft": not report.is_frozen,
        "filled_on": report.submitted_at if report.is_frozen else None,
        # Printed on the issued form (ADR 0043): a copy of the chain's head no database can rewrite.
        "audit_anchor": latest_anchor(),
    }


def statistics_form_pdf(report) -> bytes:
    """The form as it stands (a draft is marked as such); not numbered, not stored."""
    return render_pdf(TEMPLATE, {**_context(report), "document_number": "", "document_title": FORM_TITLE})


def statistics_form_issue(*, actor: Actor, report):
    """The numbered copy sent to the 科技司, stored with its hash; inside the approval's transaction."""
    return document_render(kind=STATISTICS_FORM, target=report, actor=actor, title=FORM_TITLE, context=_context(report))
