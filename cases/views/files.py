"""Uploaded files of a case, downloaded or previewed, only for those who may see the case.

Each kind's *_visible_to queryset is the one rule for its download, its preview and the materials
panel (cases.materials); anyone else gets a 404, so a file's existence is not revealed.
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from accounts.api_tokens import accepts_api_token
from documents.serving import private_file_response

from ..applications.selectors import application_attachments_visible_to
from ..declarations.selectors import declaration_attachments_visible_to
from ..enforcement.selectors import enforcement_evidence_files_visible_to
from ..objections.selectors import objection_evidence_files_visible_to
from ..supervision.selectors import check_evidence_files_visible_to
from ..uploads import PREVIEW_TYPES, stored_file_type

# URL name → the files of that kind a user may open.
VISIBLE_FILES: dict[str, Callable[..., QuerySet]] = {
    "declaration_attachment": declaration_attachments_visible_to,
    "check_evidence": check_evidence_files_visible_to,
    "enforcement_evidence": enforcement_evidence_files_visible_to,
    "application_attachment": application_attachments_visible_to,
    "objection_evidence": objection_evidence_files_visible_to,
}


def _serve(stored, *, preview: bool) -> FileResponse:
    if stored is None or not stored.file:
        raise Http404
    try:
        # The stored bytes decide, not the name: a file that is not what its row says is saved
        # as bytes of no type, never shown.
        file_type = stored_file_type(stored.file, stored.file_type)
    except FileNotFoundError:
        # A row whose file is gone (restored database without its media): a 404, not a 500.
        raise Http404 from None
    return private_file_response(
        stored.file,
        filename=stored.original_name,
        content_type=file_type.content_type if file_type else "application/octet-stream",
        inline=preview and file_type in PREVIEW_TYPES,
    )


def file_view(kind: str, *, preview: bool):
    """The download (or, preview=True, the view in a tab of a PDF or an image) of a file of this kind."""
    visible_to = VISIBLE_FILES[kind]

    @require_GET
    def view(request: HttpRequest, pk: int) -> FileResponse:
        return _serve(visible_to(request.user).filter(pk=pk).first(), preview=preview)

    view.__name__ = f"{kind}_preview" if preview else kind
    return accepts_api_token(view)
