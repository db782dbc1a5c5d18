"""我的工作: the list (a thin view over workflows.my_work.selectors) and 领取, taking a task in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.types import AuthenticatedHttpRequest
from organizations.selectors import is_staff_member

from ..navigation import leads_a_body
from ..task_actions import flow_classes, task_assign
from ..visibility import staff_or_404
from .forms import MyWorkFilterForm
from .selectors import APPROVALS, ASSIGNED, DONE, OFFERED, case_facts, my_work_page, work_counts


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _tabs(request, counts, leads: bool, current: str) -> list[dict]:
    base = reverse("my_work:list")
    tabs = [
        ("", _("Everything"), counts.total),
        (ASSIGNED, _("Assigned to me"), counts.assigned),
        (OFFERED, _("Offered to me"), counts.offered),
    ]
    if leads:
        tabs.append((APPROVALS, _("Approvals waiting"), counts.approvals))
    tabs.append((DONE, _("Done by me"), None))  # not counted: a person's whole archive
    return [
        {"url": f"{base}?show={show}" if show else base, "title": title, "count": count, "current": show == current}
        for show, title, count in tabs
    ]


@require_GET
def my_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    leads = leads_a_body(request.user)
    form = MyWorkFilterForm(request.GET or None, flow_classes=flow_classes(), leads=leads)
    work_filter = form.work_filter()
    if form.is_bound and form.errors:
        messages.warning(request, _("These filters are not valid, so everything is shown."))
    work = my_work_page(request.user, work_filter, cursor=request.GET.get("cursor"))
    return render(
        request,
        "workflows/my_work/list.html",
        {
            "form": form,
            "rows": work.rows,
            "done": work_filter.show == DONE,
            "page": work.page,
            "filtered": work_filter.flow_class is not None or work_filter.node is not None or work_filter.overdue,
            "tabs": _tabs(request, work_counts(request.user), leads, work_filter.show),
        },
    )


@require_POST
def claim(request: AuthenticatedHttpRequest, task_pk: int) -> HttpResponse:
    """领取: the person takes a task offered to them (the node's own checks, under the flow's lock)
    and goes on to its form. A task someone else took first, or one not offered to them, stays
    where it is, and they are told so on their list."""
    staff_or_404(request.user)
    task = Task.objects.select_related("process").filter(pk=task_pk).first()
    if task is None or task.flow_task_type != "HUMAN":
        raise Http404
    if not task.flow_task.flow_class.instance.process_visible_to(request.user, task.process):
        raise Http404  # another province's task: not found, not "cannot be taken" (ADR 0042)
    execute = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    if not (task.status == STATUS.ASSIGNED and task.owner_id == request.user.pk):  # not theirs already
        try:
            task_assign(actor=request.user, task=task)
        except PermissionDenied:
            refusal = _("This task cannot be taken: someone else has taken it, or it is not offered to you.")
            messages.error(request, refusal)
            return redirect("my_work:list")
        number, _party, _product = case_facts(task.process)
        step = task.flow_task.task_title or task.flow_task.name
        messages.success(request, _("You took “%(step)s” of %(case)s.") % {"step": step, "case": number})
    return redirect(execute)
