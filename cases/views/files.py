"""Downloads of uploaded evidence, only for those who may see the case."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from documents.serving import private_file_response

from ..applications.selectors import application_attachment_visible_to
from ..declarations.selectors import declaration_attachment_visible_to
from ..enforcement.selectors import enforcement_evidence_visible_to
from ..objections.selectors import objection_evidence_visible_to
from ..supervision.selectors import check_evidence_visible_to
from ..uploads import content_type_of


def _serve(stored) -> FileResponse:
    if stored is None:
        raise Http404
    return private_file_response(
        stored.file, filename=stored.original_name, content_type=content_type_of(stored.file_type)
    )


@require_GET
def declaration_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(declaration_attachment_visible_to(request.user, pk))


@require_GET
def check_evidence(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(check_evidence_visible_to(request.user, pk))


@require_GET
def enforcement_evidence(request: HttpRequest, pk: int) -> FileResponse:
    evidence = enforcement_evidence_visible_to(request.user, pk)
    return _serve(evidence if evidence is not None and evidence.file else None)


@require_GET
def application_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(application_attachment_visible_to(request.user, pk))


@require_GET
def objection_evidence(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(objection_evidence_visible_to(request.user, pk))
