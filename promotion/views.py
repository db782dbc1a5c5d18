"""Pages of the promotion programme: thin; selectors read, the actions write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.api_tokens import accepts_api_token
from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from documents.serving import private_file_response
from organizations.selectors import is_staff_member
from workflows.task_views import add_validation_error
from workflows.visibility import staff_or_404
from workflows.what_follows import told

from . import actions
from .forms import ActivityForm, MediaReportForm, PeriodForm, SitePageForm, SitePageTextForm, WorkPlanForm
from .selectors import (
    activities_visible_to,
    correcting_steps,
    current_mark_users,
    media_reports_visible_to,
    recording_bureaus,
    site_page_visible_to,
    site_pages_visible_to,
    submitting_bureaus,
    work_plan_visible_to,
    work_plans_visible_to,
)

LIST_SIZE = 500


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _period(request) -> tuple[PeriodForm, object, object]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


def publicity(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Activities and media reports of the person's jurisdiction, in a period."""
    _staff_only(request)
    form, start, end = _period(request)
    activities = activities_visible_to(request.user, start, end)
    media = media_reports_visible_to(request.user, start, end)
    context = {
        "form": form,
        "activities": activities[:LIST_SIZE],
        "media": media[:LIST_SIZE],
        "activity_count": activities.count(),
        "media_count": media.count(),
        "may_record": recording_bureaus(request.user).exists(),
    }
    return render(request, "promotion/publicity.html", context)


def _record(request, form_class, record, template: str, done: str, back: str, **form_kwargs) -> HttpResponse:
    """A new record's page: the form for one of the person's bureaus, then the action."""
    _staff_only(request)
    bureaus = recording_bureaus(request.user)
    if not bureaus.exists():
        raise PermissionDenied
    posted = request.method == "POST"  # an empty POST is a submission too: it gets its messages
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, bureaus=bureaus, **form_kwargs
    )
    if request.method == "POST" and form.is_valid():
        try:
            record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, template, {"form": form})


def activity_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record(
        request,
        ActivityForm,
        actions.record_activity,
        "promotion/activity_new.html",
        _("The activity was recorded."),
        "promotion:publicity",
    )


def media_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record(
        request,
        MediaReportForm,
        actions.record_media_report,
        "promotion/media_new.html",
        _("The media report was recorded."),
        "promotion:publicity",
    )


def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    form, start, end = _period(request)
    records = work_plans_visible_to(request.user, start, end)
    context = {
        "form": form,
        "plans": records[:LIST_SIZE],
        "plan_count": records.count(),
        "may_record": recording_bureaus(request.user).exists(),
    }
    return render(request, "promotion/plans.html", context)


def plan_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record(
        request,
        WorkPlanForm,
        actions.record_work_plan,
        "promotion/plan_new.html",
        _("The work plan was recorded."),
        "promotion:plans",
    )


@accepts_api_token
def plan_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    staff_or_404(request.user)
    plan = work_plan_visible_to(request.user, pk)
    if plan is None:
        raise Http404
    return private_file_response(plan.document, filename=plan.original_name, content_type="application/pdf")


def site_pages(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    pages = site_pages_visible_to(request.user)
    context = {"pages": pages[:LIST_SIZE], "may_submit": submitting_bureaus(request.user).exists()}
    return render(request, "promotion/site_pages.html", context)


def site_page_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    bureaus = submitting_bureaus(request.user)
    if not bureaus.exists():
        raise PermissionDenied
    form = SitePageForm(request.POST if request.method == "POST" else None, bureaus=bureaus)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in SitePageTextForm.Meta.fields}
        try:
            page = actions.submit_site_page(
                actor=request.user, bureau=bureaus.first(), product=form.cleaned_data["product"], **data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        else:
            messages.success(request, told(_("The page was submitted to the 信息中心 for review."), case=page))
            return redirect(page)
    return render(request, "promotion/site_page_form.html", {"form": form, "page": None})


def _page_or_404(request, pk):
    staff_or_404(request.user)
    page = site_page_visible_to(request.user, pk)
    if page is None:
        raise Http404
    return page


def _may_correct(user, page) -> bool:
    return page.is_editable and (user.is_superuser or user.has_perm("organizations.work_as_staff", page.bureau))


def site_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    context = {
        "page": page,
        "mark_users": current_mark_users(page)[:50],
        "may_correct": _may_correct(request.user, page),
        "correcting_steps": correcting_steps(page),
        "history": staff_history(page, everything=request.GET.get("history") == "all"),
    }
    return render(request, "promotion/site_page.html", context)


def site_page_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    if not _may_correct(request.user, page):
        raise PermissionDenied
    form = SitePageTextForm(request.POST if request.method == "POST" else None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            actions.resubmit_site_page(actor=request.user, page=page, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        except (TransitionNotAllowed, ConcurrentTransition):
            form.add_error(None, _("The page has moved on since you opened it; reload it."))
        else:
            messages.success(request, told(_("The corrected page was submitted again."), case=page))
            return redirect(page)
    return render(request, "promotion/site_page_form.html", {"form": form, "page": page})
