"""Download of an issued document, for those its kind allows. Login required (middleware)."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from accounts.api_tokens import accepts_api_token

from .selectors import document_visible_to
from .serving import private_file_response


@accepts_api_token
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = document_visible_to(request.user, pk)
    if document is None:
        raise Http404
    return private_file_response(document.file, filename=f"{document.number}.pdf", content_type="application/pdf")
