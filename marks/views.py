"""Staff pages of the special marks. Thin: forms in, one service, redirect out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.types import AuthenticatedHttpRequest
from organizations.selectors import is_staff_member
from workflows.navigation import staff_memberships
from workflows.task_views import add_validation_error

from . import services
from .forms import BehindForm, IssueForm, PrintingForm, UsageFilterForm
from .navigation import uses_marks
from .selectors import (
    DUE_STATE_LABELS,
    bureaus_keeping_records,
    dues_visible_to,
    issues_visible_to,
    printings_visible_to,
    stock_lines,
    usage_reports_behind,
    usage_totals,
)


def _marks_staff(request: AuthenticatedHttpRequest) -> None:
    user = request.user
    if not (is_staff_member(user) and uses_marks(user, staff_memberships(user))):
        raise PermissionDenied


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    _marks_staff(request)
    return render(
        request,
        "marks/index.html",
        {
            "stock": stock_lines(request.user),
            "printings": printings_visible_to(request.user)[:50],
            "issues": issues_visible_to(request.user)[:50],
            "keeps_records": bureaus_keeping_records(request.user).exists(),
        },
    )


def _record_page(request, form_class, record, page: dict, done) -> HttpResponse:
    _marks_staff(request)
    bureaus = bureaus_keeping_records(request.user)
    if not bureaus.exists():
        raise PermissionDenied
    form = form_class(request.POST if request.method == "POST" else None, bureaus=bureaus)
    if request.method == "POST" and form.is_valid():
        try:
            saved = record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done(saved))
            return redirect("marks:index")
    return render(request, "marks/record_form.html", {"form": form, **page})


@require_http_methods(["GET", "POST"])
def printing_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record_page(
        request,
        PrintingForm,
        services.printing_record,
        {
            "heading": _("Record a print run"),
            "explanation": _(
                "A print run of the product's special mark supervised by the bureau (anti-counterfeit "
                "printing). Give the quantity, or the range of serial numbers printed."
            ),
        },
        lambda printing: (
            _("Print run of %(quantity)s marks of %(product)s recorded.")
            % {"quantity": printing.quantity, "product": printing.product.name}
        ),
    )


@require_http_methods(["GET", "POST"])
def issue_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record_page(
        request,
        IssueForm,
        services.issue_record,
        {
            "heading": _("Record an issue"),
            "explanation": _(
                "Marks handed to an authorised user, from the bureau's stock of printed marks of the product."
            ),
        },
        lambda issue: (
            _("%(quantity)s marks issued to %(enterprise)s recorded.")
            % {"quantity": issue.quantity, "enterprise": issue.declaration.enterprise.name}
        ),
    )


def usage(request: AuthenticatedHttpRequest) -> HttpResponse:
    _marks_staff(request)
    form = UsageFilterForm(request.GET or None)
    year = product_id = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        product_id = form.cleaned_data["product"].pk if form.cleaned_data["product"] else None
    totals = usage_totals(request.user, year=year, product_id=product_id)
    grand = {
        "reports": sum(t.reports for t in totals),
        "output": sum(t.output for t in totals),
        "labels": sum(t.labels for t in totals),
        "sales": sum(t.sales for t in totals),
    }
    return render(request, "marks/usage.html", {"form": form, "totals": totals, "grand": grand})


def usage_behind(request: AuthenticatedHttpRequest) -> HttpResponse:
    _marks_staff(request)
    form = BehindForm(request.GET)
    reports = None
    if form.is_valid():
        reports = usage_reports_behind(
            request.user,
            product_id=form.cleaned_data["product"],
            region_code=form.cleaned_data["region"],
            year=form.cleaned_data["year"],
        )
    return render(request, "marks/usage_reports.html", {"form": form, "reports": reports})


def dues(request: AuthenticatedHttpRequest) -> HttpResponse:
    _marks_staff(request)
    form = UsageFilterForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    state = request.GET.get("state", "")
    rows = [
        {"due": due, "report": report, "state": due_state, "label": DUE_STATE_LABELS[due_state]}
        for due, report, due_state in dues_visible_to(request.user, year=year)
        if not state or due_state == state
    ]
    return render(
        request,
        "marks/dues.html",
        {"form": form, "rows": rows, "states": DUE_STATE_LABELS.items(), "state": state},
    )
