"""Download of an issued document, for those its kind allows. Login required (middleware)."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from .selectors import document_visible_to


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = document_visible_to(request.user, pk)
    if document is None:
        raise Http404
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=f"{document.number}.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # The document is private to its readers: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
