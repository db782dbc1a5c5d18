"""Pages of the statistics reports and the dashboard: thin; selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from organizations.selectors import is_staff_member, jurisdiction_prefixes
from workflows.visibility import staff_or_404
from workflows.what_follows import joined, told

from . import dashboard as dashboard_selectors
from .actions import submit_report, update_report
from .documents import statistics_form_pdf
from .exports import as_csv, as_xlsx, report_table, summary_table
from .form_xlsx import report_form_xlsx
from .forms import ReportAnswersForm, SummaryFilterForm
from .models import Period, period_due
from .provenance import figure_sources, record_links
from .selectors import (
    drafting_steps,
    figure_records,
    form_rows,
    national_summary,
    report_content,
    report_visible_to,
    reports_visible_to,
    summary_column_labels,
    summary_printed_columns,
)

RECORDS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _report_or_404(request, pk):
    staff_or_404(request.user)
    report = report_visible_to(request.user, pk)
    if report is None:
        raise Http404
    return report


def _is_national(user) -> bool:
    return "" in jurisdiction_prefixes(user)


def _may_fill(user, report) -> bool:
    return user.is_superuser or user.has_perm("organizations.work_as_statistics_officer", report.bureau)


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports_visible_to(request.user)[:200], "is_national": _is_national(request.user)},
    )


def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    content = report_content(report)
    rows = form_rows(content)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "content": content,
            "rows": rows,
            "sources": figure_sources(report, rows),
            "may_fill": report.is_editable and _may_fill(request.user, report),
            "snapshots": report.snapshots.select_related("taken_by"),
            "drafting_steps": drafting_steps(report),
            "history": staff_history(report, everything=request.GET.get("history") == "all"),
        },
    )


def report_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    if not _may_fill(request.user, report):
        raise PermissionDenied
    if not report.is_editable:
        messages.error(request, _("This report was submitted and can no longer be changed."))
        return redirect(report)
    form = ReportAnswersForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            update_report(actor=request.user, report=report, answers=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except (TransitionNotAllowed, ConcurrentTransition):
            messages.error(request, _("The report has moved on since you opened it; reload it."))
        else:
            messages.success(
                request,
                joined(
                    _("The report was saved."),
                    _("Next: submit it once it is complete, by a statistics officer of your bureau."),
                ),
            )
            return redirect(report)
    rows = form.laid_out(form_rows(report_content(report)))
    return render(request, "reports/report_edit.html", {"report": report, "form": form, "rows": rows})


@require_POST
def report_submit_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    try:
        submit_report(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do this step."))
    except (TransitionNotAllowed, ConcurrentTransition):
        messages.error(request, _("The report has moved on since you opened it; reload it."))
    else:
        messages.success(request, told(_("The report was frozen and sent to your lead for approval."), case=report))
    return redirect(report)


def figure_detail(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """The records behind any registered figure, a page at a time, each linked to its own page."""
    report = _report_or_404(request, pk)
    figure, records = figure_records(report, code)
    if figure is None:
        raise Http404
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/figure_records.html",
        {
            "report": report,
            "figure": figure,
            "records": records,
            "page": page,
            "rows": record_links(figure, list(page.object_list)),
            "records_name": records.model._meta.verbose_name_plural,
            "has_status": hasattr(records.model, "get_status_display"),
            "counted": report_content(report)["figures"].get(code, {}),
        },
    )


def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    return _download(statistics_form_pdf(report), "application/pdf", f"statistics-{report.year}-{report.period}.pdf")


def report_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    return _download(as_csv(report_table(report)), "text/csv; charset=utf-8", f"statistics-{report.pk}.csv")


def report_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    return _download(report_form_xlsx(report), XLSX, f"statistics-{report.pk}.xlsx")


def _summary_params(request):
    today = timezone.localdate()
    default_period = next((p for p in Period.values if today <= period_due(today.year, p)), 3)
    form = SummaryFilterForm(request.GET or {"year": today.year, "period": default_period})
    if not form.is_valid():
        return form, today.year, default_period
    return form, form.cleaned_data["year"], form.cleaned_data["period"]


def summary(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    if not _is_national(request.user):
        raise PermissionDenied
    form, year, period = _summary_params(request)
    data = national_summary(year, period)
    export = request.GET.get("format")
    if export == "csv":
        return _download(as_csv(summary_table(data)), "text/csv; charset=utf-8", f"summary-{year}-{period}.csv")
    if export == "xlsx":
        return _download(as_xlsx(summary_table(data)), XLSX, f"summary-{year}-{period}.xlsx")
    return render(
        request,
        "reports/summary.html",
        {
            "form": form,
            "summary": data,
            "labels": summary_column_labels(),
            "printed": summary_printed_columns(),
            "year": year,
            "period": period,
        },
    )


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    scope = dashboard_selectors.scope_of(request.user)
    if scope is None:
        raise PermissionDenied
    year = timezone.localdate().year
    return render(request, "reports/dashboard.html", dashboard_selectors.dashboard_context(scope, year))
