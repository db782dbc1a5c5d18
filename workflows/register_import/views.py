"""名录导入: templates to fill, an upload that is checked in the background, the check's report,
then the import, with its progress. Thin: the work is in cases.register_import through actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthenticatedHttpRequest
from cases.models import RegisterImport
from cases.register_import.template_files import template_csv, template_xlsx
from documents.serving import private_file_response

from ..task_views import add_validation_error
from .actions import KIND_LABELS, ImportKind, import_prefixes, register_import_request, register_import_upload
from .forms import RegisterFileForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _importer(request: AuthenticatedHttpRequest) -> list[str]:
    prefixes = import_prefixes(request.user)
    if not prefixes:
        raise PermissionDenied
    return prefixes


def _job(request: AuthenticatedHttpRequest, pk: int) -> RegisterImport:
    """A file of the person's, or of someone who imports for the same regions; anything else 404."""
    prefixes = _importer(request)
    job = RegisterImport.objects.select_related("created_by").filter(pk=pk).first()
    if job is None or (job.created_by_id != request.user.pk and import_prefixes(job.created_by) != prefixes):
        raise Http404
    return job


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    _importer(request)
    form = RegisterFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = register_import_upload(
                user=request.user, kind=ImportKind(form.cleaned_data["kind"]), uploaded_file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s was uploaded and is being checked. You may leave this page: "
                    "you will be notified when the check ends."
                )
                % {"name": job.file_name},
            )
            return redirect(job)
    kinds = [(kind.value, KIND_LABELS[kind]) for kind in ImportKind]
    jobs = RegisterImport.objects.filter(created_by=request.user)[:20]
    return render(request, "workflows/register_import/index.html", {"form": form, "kinds": kinds, "jobs": jobs})


def template_file(request: AuthenticatedHttpRequest, kind: str, extension: str) -> HttpResponse:
    _importer(request)
    if kind not in {k.value for k in ImportKind} or extension not in ("csv", "xlsx"):
        raise Http404
    import_kind = ImportKind(kind)
    if extension == "csv":
        content, content_type = template_csv(import_kind), "text/csv; charset=utf-8"
    else:
        content, content_type = template_xlsx(import_kind), XLSX
    response = HttpResponse(content, content_type=content_type)
    name = f"{KIND_LABELS[import_kind]}-导入模板.{extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    response = render(
        request,
        "workflows/register_import/detail.html",
        {"job": job, "form": RegisterFileForm(initial={"kind": job.kind})},
    )
    if job.in_progress:
        response["Refresh"] = "2"  # the page follows the work without a script (the CSP allows none of ours here)
    return response


@require_POST
def start_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        register_import_request(user=request.user, register_import=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The import of %(name)s has started. You may leave this page: you will be notified when it ends.")
            % {"name": job.file_name},
        )
    return redirect(job)


def error_file(request: AuthenticatedHttpRequest, pk: int):
    job = _job(request, pk)
    if not job.error_file:
        raise Http404
    name = f"{job.file_name.rsplit('.', 1)[0]}-错误.csv"
    return private_file_response(job.error_file, filename=name, content_type="text/csv; charset=utf-8")
