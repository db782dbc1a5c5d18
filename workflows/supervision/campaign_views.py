"""Campaign pages for leads: plan, draw, follow. The public sees the published draw in the register."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed
from viewflow.workflow.models import Process

from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from cases.supervision.selectors import campaign_visible_to, campaigns_visible_to
from organizations.models import Department, Role
from organizations.selectors import is_staff_member

from ..task_views import add_validation_error
from ..visibility import staff_or_404
from ..what_follows import joined
from . import actions
from .campaign_forms import CampaignForm
from .flows import SupervisionCheckFlow


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request, "workflows/supervision/campaign_list.html", {"campaigns": campaigns_visible_to(request.user)}
    )


def campaign_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    form = CampaignForm(request.POST or None, user=request.user)
    organisers = cast("forms.ModelChoiceField[Department]", form.fields["organiser"]).queryset
    if organisers is None or not organisers.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.create_campaign(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            # Field errors go to their field; a refusal without one (a message, a list) above the form.
            add_validation_error(form, error)
        else:
            created = _("Campaign “%(title)s” is created.") % {"title": campaign.title}
            follows = _("Next: the random draw of declarations and inspectors, by %(who)s, on this page.") % {
                "who": f"{campaign.organiser.display_name} {Role.LEAD.label}"
            }
            messages.success(request, joined(created, follows))
            return redirect("supervision:detail", pk=campaign.pk)
    return render(request, "workflows/supervision/campaign_new.html", {"form": form})


def campaign_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    campaign = campaign_visible_to(request.user, pk)
    if campaign is None:
        raise Http404
    checks = list(
        campaign.checks.select_related("declaration__enterprise", "declaration__product", "inspector_a", "inspector_b")
    )
    being_opened = sum(check.is_being_opened for check in checks)
    # Each opened check links to its process page, where its tasks and who acts next are shown.
    process_of = dict(
        Process.objects.filter(
            flow_class=SupervisionCheckFlow, artifact_object_id__in=[check.pk for check in checks]
        ).values_list("artifact_object_id", "pk")
    )
    rows = [
        (
            check,
            SupervisionCheckFlow.instance.reverse("process_detail", args=[process_of[check.pk]])
            if check.pk in process_of
            else "",
        )
        for check in checks
    ]
    return render(
        request,
        "workflows/supervision/campaign_detail.html",
        {
            "campaign": campaign,
            "checks": checks,
            "rows": rows,
            "being_opened": being_opened,
            "history": staff_history(campaign, everything=request.GET.get("history") == "all"),
        },
    )


@require_POST
def campaign_draw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    campaign = campaign_visible_to(request.user, pk)
    if campaign is None:
        raise Http404
    try:
        checks = actions.draw_campaign(actor=request.user, campaign=campaign)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    except TransitionNotAllowed:
        messages.error(request, _("This campaign was already drawn."))
    else:
        messages.success(
            request,
            joined(
                _("%(count)d declarations drawn; the inspectors get their tasks in a moment.") % {"count": len(checks)},
                _("Next: %(step)s, by the two inspectors drawn for each declaration.")
                % {"step": SupervisionCheckFlow.inspect.task_title},
            ),
        )
    return redirect("supervision:detail", pk=pk)
