"""Applicant portal pages for protection applications. Thin: forms in, one entry point, redirect out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_fsm import TransitionNotAllowed, can_proceed

from accounts.types import AuthenticatedHttpRequest
from cases.applications.announcements import announcements_of
from cases.applications.progress import application_steps
from cases.applications.selectors import applicant_history, application_for_applicant
from cases.common.staging import FileStaging, remember_refused_form, restore_refused_form
from cases.models import Application, Objection
from deadlines.selectors import deadlines_for
from organizations.models import Enterprise
from organizations.selectors import enterprises_of

from ..task_views import add_validation_error
from ..what_follows import joined, told
from . import actions
from .follows import objection_follows
from .portal_forms import ApplicationForm, ObjectionReplyForm, SupplementForm, WithdrawForm


def _own(request: AuthenticatedHttpRequest, pk: int) -> Application:
    try:
        return application_for_applicant(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _describe(error) -> str:
    if isinstance(error, TransitionNotAllowed):
        return _("This is not possible in the application's current state.")
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
def application_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    applicants = enterprises_of(request.user).filter(kind=Enterprise.Kind.APPLICANT_BODY)
    if not applicants.exists():
        raise PermissionDenied
    form = ApplicationForm(
        request.POST or None, request.FILES or None, applicants=applicants, staging=FileStaging(request.session)
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.draft(actor=request.user, data=form.cleaned_data, files=form.files_by_kind())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            form.release_staged_files()
            messages.success(request, _("The draft is saved. Check it, then submit it to the provincial bureau."))
            return redirect("portal_applications:detail", pk=application.pk)
    return render(request, "workflows/applications/portal_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def application_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Reopen a draft, change any of it, save; once submitted, a message and nothing changes."""
    application = _own(request, pk)
    try:
        actions.ensure_draft(application)
    except ValidationError as error:
        messages.error(request, _describe(error))
        return redirect("portal_applications:detail", pk=pk)
    applicants = enterprises_of(request.user).filter(pk=application.applicant_id)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, applicants=applicants, staging=FileStaging(request.session)
    )
    form.reopen(application)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit(
                actor=request.user, application=application, data=form.cleaned_data, files=form.files_by_kind()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            form.release_staged_files()
            messages.success(request, _("The draft is saved. Check it, then submit it to the provincial bureau."))
            return redirect("portal_applications:detail", pk=pk)
    return render(request, "workflows/applications/portal_edit.html", {"form": form, "application": application})


def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    return render(
        request,
        "workflows/applications/portal_detail.html",
        {
            "application": application,
            "steps": application_steps(application),
            "area": application.proposed_area.order_by("code"),
            "history": applicant_history(application),
            "deadlines": deadlines_for(application),
            "announcements": announcements_of(application),
            "objections": application.objections.exclude(status=Objection.Status.RECEIVED),
            "can_withdraw": can_proceed(application.withdraw),
            "supplement_form": restore_refused_form(request.session, _supplement_key(pk), SupplementForm()),
            "withdraw_form": WithdrawForm(),
            "reply_form": ObjectionReplyForm(),
        },
    )


@require_POST
def application_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    try:
        application = actions.submit(actor=request.user, application=application)
    except (ValidationError, TransitionNotAllowed) as error:
        messages.error(request, _describe(error))
    else:
        submitted = _("Application %(reference)s is submitted to the provincial bureau.")
        messages.success(
            request, told(submitted % {"reference": application.reference}, case=application, for_public=True)
        )
    return redirect("portal_applications:detail", pk=pk)


def _supplement_key(pk: int) -> str:
    return f"application-supplement-{pk}"


@require_POST
def application_resubmit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    form = SupplementForm(request.POST, request.FILES, staging=FileStaging(request.session))
    if not form.is_valid():
        # The page redirects: what was typed and the chosen file wait in the session (ADR 0026).
        remember_refused_form(request.session, _supplement_key(pk), form)
        messages.error(request, _("Say what you supplemented or corrected."))
        return redirect("portal_applications:detail", pk=pk)
    document = form.cleaned_data["document"]
    try:
        actions.resubmit(
            actor=request.user,
            application=application,
            comment=form.cleaned_data["comment"],
            files=[document] if document else [],
        )
    except (ValidationError, TransitionNotAllowed) as error:
        remember_refused_form(request.session, _supplement_key(pk), form)
        messages.error(request, _describe(error))
    else:
        form.release_staged_files()
        sent = _("Your supplement was sent to the provincial bureau.")
        messages.success(request, told(sent, case=application, for_public=True))
    return redirect("portal_applications:detail", pk=pk)


@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to withdraw."))
        return redirect("portal_applications:detail", pk=pk)
    try:
        actions.withdraw(actor=request.user, application=application, reason=form.cleaned_data["reason"])
    except (ValidationError, TransitionNotAllowed) as error:
        messages.error(request, _describe(error))
    else:
        messages.success(request, told(_("The application is withdrawn."), case=application, for_public=True))
    return redirect("portal_applications:detail", pk=pk)


@require_POST
def objection_reply_view(request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    application = _own(request, pk)
    objection = application.objections.filter(pk=objection_pk).first()
    if objection is None:
        raise Http404
    form = ObjectionReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your reply to the objection."))
        return redirect("portal_applications:detail", pk=pk)
    try:
        actions.reply_to_objection(actor=request.user, objection=objection, reply=form.cleaned_data["reply"])
    except (ValidationError, TransitionNotAllowed) as error:
        messages.error(request, _describe(error))
    else:
        sent = _("Your reply to objection %(reference)s was sent.") % {"reference": objection}
        messages.success(request, joined(sent, objection_follows(objection, for_public=True)))
    return redirect("portal_applications:detail", pk=pk)
