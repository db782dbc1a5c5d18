"""Producer portal pages for self-declarations. Thin: forms in, one entry point, redirect out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_fsm import TransitionNotAllowed, can_proceed

from accounts.types import AuthenticatedHttpRequest
from cases.common.staging import FileStaging, remember_refused_form, restore_refused_form
from cases.declarations.progress import declaration_steps
from cases.declarations.receipts import receipt_of
from cases.declarations.selectors import declaration_for_producer, producer_history
from cases.models import Declaration
from cases.supervision.selectors import check_in_rectification_of, rectification_report_due
from cases.usage_reports.selectors import reportable_years
from deadlines.selectors import deadlines_for
from organizations.models import Enterprise
from organizations.selectors import enterprises_of

from ..supervision import actions as supervision_actions
from ..what_follows import told
from . import actions
from .portal_forms import DeclarationForm, RectificationReportForm, ResubmitForm, UsageReportForm, WithdrawForm
from .usage_due import next_usage_report_of


def _own_declaration(request: AuthenticatedHttpRequest, pk: int) -> Declaration:
    try:
        return declaration_for_producer(request.user, pk)
    except Declaration.DoesNotExist:
        raise Http404 from None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def declaration_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    producers = enterprises_of(request.user).filter(kind=Enterprise.Kind.PRODUCER)
    if not producers.exists():
        raise PermissionDenied
    form = DeclarationForm(
        request.POST or None, request.FILES or None, enterprises=producers, staging=FileStaging(request.session)
    )
    if request.method == "POST" and form.is_valid():
        try:
            declaration = actions.declare(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            form.release_staged_files()
            published = _("Declaration %(reference)s is published: you may use the GI mark from now on.")
            messages.success(
                request, told(published % {"reference": declaration.reference}, case=declaration, for_public=True)
            )
            return redirect("portal_declarations:detail", pk=declaration.pk)
    return render(request, "workflows/declarations/portal_new.html", {"form": form})


def declaration_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = _own_declaration(request, pk)
    rectification = check_in_rectification_of(declaration)
    return render(
        request,
        "workflows/declarations/portal_detail.html",
        {
            "declaration": declaration,
            "steps": declaration_steps(declaration),
            "history": producer_history(declaration),
            "can_withdraw": can_proceed(declaration.withdraw),
            "receipt": receipt_of(declaration),
            "deadlines": deadlines_for(declaration),
            "verification_url": request.build_absolute_uri(f"/verify/{declaration.verification_token}/"),
            "resubmit_form": restore_refused_form(request.session, _correction_key(pk), ResubmitForm()),
            "usage_reports": declaration.usage_reports.all(),
            "reportable_years": reportable_years(declaration),
            "next_usage_report": next_usage_report_of(declaration),
            "rectification": rectification,
            "rectification_report": rectification and rectification_report_due(rectification),
        },
    )


@require_http_methods(["GET", "POST"])
def declaration_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page first: it names the declaration and says what withdrawing does. Only a
    POST of its 确认撤回 button withdraws; a GET, or a POST without it, changes nothing."""
    declaration = _own_declaration(request, pk)
    if not can_proceed(declaration.withdraw):
        messages.error(request, _("This is not possible in the declaration's current state."))
        return redirect("portal_declarations:detail", pk=pk)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    form = WithdrawForm(request.POST if confirmed else None, initial={"reason": request.POST.get("reason", "")})
    if confirmed and form.is_valid():
        try:
            actions.withdraw(actor=request.user, declaration=declaration, reason=form.cleaned_data["reason"])
        except (ValidationError, TransitionNotAllowed) as error:
            messages.error(request, _describe(error))
        else:
            withdrawn = _("The declaration is withdrawn; the GI mark may no longer be used.")
            messages.success(request, told(withdrawn, case=declaration, for_public=True))
        return redirect("portal_declarations:detail", pk=pk)
    return render(request, "workflows/declarations/portal_withdraw.html", {"declaration": declaration, "form": form})


def _correction_key(pk: int) -> str:
    return f"declaration-correction-{pk}"


@require_POST
def declaration_resubmit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = _own_declaration(request, pk)
    form = ResubmitForm(request.POST, request.FILES, staging=FileStaging(request.session))
    if not form.is_valid():
        # The page redirects: what was typed and the chosen file wait in the session (ADR 0026).
        remember_refused_form(request.session, _correction_key(pk), form)
        messages.error(request, _("Say what you corrected."))
        return redirect("portal_declarations:detail", pk=pk)
    try:
        actions.resubmit(
            actor=request.user,
            declaration=declaration,
            comment=form.cleaned_data["comment"],
            correction=form.cleaned_data["correction"],
        )
    except (ValidationError, TransitionNotAllowed) as error:
        remember_refused_form(request.session, _correction_key(pk), form)
        messages.error(request, _describe(error))
    else:
        form.release_staged_files()
        messages.success(request, told(_("Your correction was sent to the bureau."), case=declaration, for_public=True))
    return redirect("portal_declarations:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def usage_report_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = _own_declaration(request, pk)
    years = reportable_years(declaration)
    form = UsageReportForm(
        request.POST if request.method == "POST" else None,
        years=years,
        unit_label=declaration.get_output_unit_display(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_usage_report(actor=request.user, declaration=declaration, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            submitted = _("Your usage report for %(year)s was submitted.") % {"year": form.cleaned_data["year"]}
            messages.success(request, told(submitted, case=declaration, for_public=True))
            return redirect("portal_declarations:detail", pk=pk)
    return render(
        request,
        "workflows/declarations/portal_usage_report.html",
        {"declaration": declaration, "form": form, "years": years},
    )


@require_http_methods(["GET", "POST"])
def rectification_report_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The producer reports what it rectified, with evidence, before the re-inspection (ADR 0047)."""
    declaration = _own_declaration(request, pk)
    check = check_in_rectification_of(declaration)
    if check is None or rectification_report_due(check) is not None:
        messages.info(request, _("No rectification report is awaited for this declaration."))
        return redirect("portal_declarations:detail", pk=pk)
    form = RectificationReportForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        files = [f for f in (form.cleaned_data["evidence"], form.cleaned_data["more_evidence"]) if f]
        try:
            supervision_actions.report_rectification(
                actor=request.user, check=check, text=form.cleaned_data["fixed"], files=files
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            sent = _("Your rectification report was sent.")
            messages.success(request, told(sent, case=declaration, for_public=True))
            return redirect("portal_declarations:detail", pk=pk)
    return render(
        request,
        "workflows/declarations/portal_rectification.html",
        {"declaration": declaration, "check_record": check, "form": form},
    )


def _describe(error) -> str:
    if isinstance(error, TransitionNotAllowed):
        return _("This is not possible in the declaration's current state.")
    return " ".join(error.messages)
