"""Staff pages of enforcement cases: the inspector's list, the case page and its actions, intake."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.types import AuthenticatedHttpRequest
from cases.common.staging import FileStaging, remember_refused_form, restore_refused_form
from cases.enforcement.selectors import (
    accepts_evidence,
    case_page_context,
    enforcement_case_visible_to,
    enforcement_cases_visible_to,
    is_case_officer,
    open_cases_of_officer,
)
from organizations.selectors import is_staff_member

from ..visibility import staff_or_404
from ..what_follows import told
from . import actions, forms
from .flows import EnforcementCaseFlow


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _visible_case(request: AuthenticatedHttpRequest, pk: int):
    staff_or_404(request.user)
    case = enforcement_case_visible_to(request.user, pk)
    if case is None:
        raise Http404
    return case


def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request,
        "workflows/enforcement/case_list.html",
        {"mine": open_cases_of_officer(request.user), "cases": enforcement_cases_visible_to(request.user)[:100]},
    )


def _open_tasks(case):
    return (
        Task.objects.filter(process__flow_class=EnforcementCaseFlow, process__artifact_object_id=case.pk)
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .exclude(flow_task_type__in=["END", "START"])
        .select_related("process", "owner")
    )


def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    is_officer = is_case_officer(request.user, case)
    context = case_page_context(case, whole_history=request.GET.get("history") == "all")
    context.update(
        tasks=[(task, task.flow_task.reverse("index", args=[task.process_id, task.pk])) for task in _open_tasks(case)],
        is_officer=is_officer,
        evidence_form=(
            restore_refused_form(
                request.session, _evidence_key(case.pk), forms.EvidenceForm(case=case, user=request.user)
            )
            if is_officer and accepts_evidence(case)
            else None
        ),
        pause_form=forms.PauseForm(),
        extension_form=forms.ExtensionForm(),
    )
    return render(request, "workflows/enforcement/case_detail.html", context)


def _act(request, pk, action, happened: str) -> HttpResponse:
    """Run one service from a case-page form; a refusal is shown as a message, never a 500. Done,
    the message says what happened (`happened`, with the case's number) and what follows (ADR 0039)."""
    case = _visible_case(request, pk)
    try:
        action(case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do this."))
    except (TransitionNotAllowed, ConcurrentTransition):
        messages.error(request, _("The case has moved on since you opened this page; reload it."))
    else:
        messages.success(request, told(happened % {"number": case.number}, case=case))
    return redirect("enforcement:detail", pk=pk)


def _form_errors(form) -> ValidationError:
    return ValidationError(
        [f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip() for f, e in form.errors.items()]
    )


def _evidence_key(pk: int) -> str:
    return f"enforcement-evidence-{pk}"


@require_POST
def evidence_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def action(case):
        form = forms.EvidenceForm(
            request.POST, request.FILES, case=case, user=request.user, staging=FileStaging(request.session)
        )
        if not form.is_valid():
            remember_refused_form(request.session, _evidence_key(pk), form)
            raise _form_errors(form)
        try:
            actions.add_evidence(
                actor=request.user,
                case=case,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                second_officer=form.cleaned_data["second_officer"],
                uploaded_file=form.cleaned_data["file"],
            )
        except Exception:
            # The page redirects: the form and its file wait in the session (ADR 0026).
            remember_refused_form(request.session, _evidence_key(pk), form)
            raise
        form.release_staged_files()

    return _act(request, pk, action, _("Evidence was added to case %(number)s."))


@require_POST
def clock_pause(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def action(case):
        form = forms.PauseForm(request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        actions.pause_clock(actor=request.user, case=case, **form.cleaned_data)

    return _act(request, pk, action, _("The time limit of case %(number)s is stopped."))


@require_POST
def clock_resume(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda case: actions.resume_clock(actor=request.user, case=case),
        _("The time limit of case %(number)s runs again."),
    )


@require_POST
def clock_extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def action(case):
        form = forms.ExtensionForm(request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        actions.extend_clock(actor=request.user, case=case, **form.cleaned_data)

    return _act(request, pk, action, _("The time limit of case %(number)s is extended."))


@require_POST
def verification_extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda case: actions.extend_verification(actor=request.user, case=case, reason=request.POST.get("reason", "")),
        _("The verification of case %(number)s has more time."),
    )


def case_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff enter an inspection finding, a transfer or an assignment from above."""
    _staff_only(request)
    bureaus = forms.intake_bureaus(request.user)
    form = forms.IntakeForm(
        request.POST or None, request.FILES or None, bureaus=bureaus, staging=FileStaging(request.session)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        evidence = data.pop("evidence")
        try:
            case = actions.open_case(actor=request.user, evidence=[evidence] if evidence else [], **data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        except PermissionDenied:
            form.add_error("bureau", _("You do not work for this bureau."))
        else:
            form.release_staged_files()
            messages.success(request, told(_("Case %(number)s is opened.") % {"number": case.number}, case=case))
            return redirect("enforcement:detail", pk=case.pk)
    return render(request, "workflows/enforcement/case_new.html", {"form": form})
