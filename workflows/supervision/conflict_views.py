"""利益冲突申报: inspectors declare their own conflicts of interest, a lead records one for a member
of the bureau, and both see (and may withdraw) them (ADR 0046). Writes go through actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthenticatedHttpRequest
from cases.supervision.selectors import conflicts_visible_to

from ..task_views import add_validation_error
from ..visibility import staff_or_404
from . import actions
from .conflict_forms import ConflictForm


def conflict_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_or_404(request.user)
    form = ConflictForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.declare_conflict(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Your declaration is recorded: you will not be drawn, nor offered, a check it covers."),
            )
            return redirect("supervision:conflicts")
    conflicts = conflicts_visible_to(request.user)
    return render(
        request,
        "workflows/supervision/conflict_list.html",
        {"form": form, "conflicts": conflicts, "for_others": not form["inspector"].is_hidden},
    )


@require_POST
def conflict_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    conflict = conflicts_visible_to(request.user).filter(pk=pk).first()
    if conflict is None:
        raise Http404
    try:
        actions.withdraw_conflict(actor=request.user, conflict=conflict)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The declaration is withdrawn."))
    return redirect("supervision:conflicts")
