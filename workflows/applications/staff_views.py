"""Staff pages around the application flow: the case file, objection decisions, expert opinions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_fsm import TransitionNotAllowed

from accounts.types import AuthenticatedHttpRequest
from cases.applications.announcements import announcements_of
from cases.applications.selectors import application_staff_history, applications_visible_to, review_opinions_of
from cases.models import Application, Declaration, ExpertOpinion, ProtectedProduct
from cases.products.selectors import product_staff_history
from deadlines.selectors import deadlines_for
from organizations.selectors import is_staff_member

from ..products import actions as product_actions
from ..products.forms import RevocationProposalForm
from ..task_views import add_validation_error
from ..visibility import staff_or_404
from ..what_follows import joined, told
from . import actions
from .follows import objection_follows
from .staff_forms import AdmissibilityForm, ExpertOpinionForm, ObjectionDecisionForm

PAGE_SIZE = 25


def _ensure_staff(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _visible(request: AuthenticatedHttpRequest, pk: int) -> Application:
    staff_or_404(request.user)
    application = applications_visible_to(request.user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _ensure_staff(request)
    page = Paginator(applications_visible_to(request.user).order_by("-submitted_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "workflows/applications/staff_list.html", {"page": page})


def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _visible(request, pk)
    return render(
        request,
        "workflows/applications/staff_detail.html",
        {
            "application": application,
            "area": application.proposed_area.order_by("code"),
            "objections": application.objections.prefetch_related("evidence"),
            "opinions": application.expert_opinions.select_related("expert"),
            "announcements": announcements_of(application),
            "deadlines": deadlines_for(application),
            "history": application_staff_history(application, everything=request.GET.get("history") == "all"),
            "admissibility_form": AdmissibilityForm(),
            "decision_form": ObjectionDecisionForm(),
        },
    )


def _objection_action(request: AuthenticatedHttpRequest, pk: int, objection_pk: int, form_class, act) -> HttpResponse:
    application = _visible(request, pk)
    objection = application.objections.filter(pk=objection_pk).first()
    if objection is None:
        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("applications:detail", pk=pk)
    try:
        act(objection, form.cleaned_data)
    except TransitionNotAllowed:
        messages.error(request, _("This is not possible in the objection's current state."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        recorded = _("Objection %(reference)s: decision recorded.") % {"reference": objection}
        messages.success(request, joined(recorded, objection_follows(objection)))
    return redirect("applications:detail", pk=pk)


@require_POST
def objection_admissibility(request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    return _objection_action(
        request,
        pk,
        objection_pk,
        AdmissibilityForm,
        lambda objection, data: actions.decide_objection_admissibility(actor=request.user, objection=objection, **data),
    )


@require_POST
def objection_decision(request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    return _objection_action(
        request,
        pk,
        objection_pk,
        ObjectionDecisionForm,
        lambda objection, data: actions.decide_objection(actor=request.user, objection=objection, **data),
    )


def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _ensure_staff(request)
    return render(request, "workflows/applications/review_list.html", {"opinions": review_opinions_of(request.user)})


@require_http_methods(["GET", "POST"])
def review_opinion(request: AuthenticatedHttpRequest, opinion_pk: int) -> HttpResponse:
    staff_or_404(request.user)
    opinion = review_opinions_of(request.user).filter(pk=opinion_pk).first()
    if opinion is None:
        raise Http404
    form = ExpertOpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.give_expert_opinion(
                actor=request.user, opinion=opinion, text=form.cleaned_data["opinion"], vote=form.cleaned_data["vote"]
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, told(_("Your opinion is recorded."), case=opinion.application))
            return redirect("applications:reviews")
    application: Application = opinion.application
    return render(
        request,
        "workflows/applications/review_opinion.html",
        {
            "opinion": opinion,
            "application": application,
            "area": application.proposed_area.order_by("code"),
            "form": form,
            "is_open": not opinion.is_submitted and application.status == Application.Status.TECHNICAL_REVIEW,
            "votes": ExpertOpinion.Vote,
        },
    )


@require_http_methods(["GET", "POST"])
def product_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A protected product for staff: its applications, amendments, revocations; 科技司 staff may
    propose to revoke it."""
    staff_or_404(request.user)
    product = ProtectedProduct.objects.filter(pk=pk).select_related("province").first()
    if product is None:
        raise Http404
    form = RevocationProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revocation = product_actions.propose_revocation(actor=request.user, product=product, **form.cleaned_data)
        except PermissionDenied as error:
            form.add_error(
                None,
                str(error) or _("Only staff of the Department of Science and Technology may propose a revocation."),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            proposed = _("The revocation is proposed to the lead of the Department of Science and Technology.")
            messages.success(request, told(proposed, case=revocation))
            return redirect("applications:product", pk=pk)
    return render(
        request,
        "workflows/applications/product_detail.html",
        {
            "product": product,
            "area": product.protected_area.order_by("code"),
            "revocations": product.revocations.all(),
            "amendments": product.amendments.order_by("-created_at"),
            "authorised_count": product.declarations.filter(status__in=Declaration.AUTHORISED_STATES).count(),
            "form": form,
            "history": product_staff_history(product, everything=request.GET.get("history") == "all"),
        },
    )
