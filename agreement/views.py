"""The 国际司's pages of the agreement lists: thin; selectors read, actions write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from workflows.visibility import staff_or_404
from workflows.what_follows import told

from .actions import load_list, request_publication
from .forms import EntrySearchForm, ListUploadForm
from .selectors import entries_public, entry_visible_to, works_on_agreement
from .services import staff_may_work


def _gjs_only(request: AuthenticatedHttpRequest) -> None:
    staff_or_404(request.user)
    if not works_on_agreement(request.user):
        raise PermissionDenied


def _entry_or_404(request, pk):
    staff_or_404(request.user)
    entry = entry_visible_to(request.user, pk)
    if entry is None:
        raise Http404
    return entry


def entry_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gjs_only(request)
    form = EntrySearchForm(request.GET or None)
    filters = {"query": form.cleaned_data["q"], "annex": form.cleaned_data["annex"]} if form.is_valid() else {}
    return render(
        request,
        "agreement/entry_list.html",
        {"form": form, "entries": entries_public(**filters), "may_load": staff_may_work(request.user)},
    )


def entry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_or_404(request, pk)
    return render(
        request,
        "agreement/entry_detail.html",
        {
            "entry": entry,
            "objections": entry.objections.all(),
            "may_propose": entry.status == entry.Status.PROPOSED and staff_may_work(request.user),
            "history": staff_history(entry, everything=request.GET.get("history") == "all"),
        },
    )


@require_POST
def entry_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_or_404(request, pk)
    if not staff_may_work(request.user):
        raise PermissionDenied
    try:
        entry = request_publication(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (TransitionNotAllowed, ConcurrentTransition):
        return render(request, "409.html", status=409)
    else:
        messages.success(request, told(_("The name was put before the lead for publication."), case=entry))
    return redirect("agreement:detail", pk=entry.pk)


def list_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    _gjs_only(request)
    if not staff_may_work(request.user):
        raise PermissionDenied
    form = ListUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = load_list(actor=request.user, data=form.cleaned_data["file"].read())
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("%(count)s names entered; names already on their annex were left as they were.")
                % {"count": len(created)},
            )
            return redirect("agreement:list")
    status = 400 if errors or form.errors else 200
    return render(request, "agreement/upload.html", {"form": form, "errors": errors}, status=status)
