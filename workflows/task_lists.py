"""The staff inbox, queue and archive over every flow, and a flow's task list, with filters that
do not scan the task table.

viewflow offers the "task" filter's choices from `SELECT DISTINCT flow_task` over the listed
tasks: at a million tasks that read a staff member's whole archive on every page (0.5 s). The
choices come from the flows' nodes instead (the human ones for the inbox, queue and archive;
every one for a flow's task list, which lists them all), named as the task pages name them.
"""

from django_filters import MultipleChoiceFilter
from viewflow.utils import viewprop
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views import filters
from viewflow.workflow.flow.views.list import (
    WorkflowArchiveListView,
    WorkflowInboxListView,
    WorkflowQueueListView,
)
from viewflow.workflow.status import STATUS

from .eligibility import eligible_tasks
from .list_columns import TranslatedColumnHeadersMixin


def node_choices(flow_classes, *, human_only: bool = False) -> list[tuple[str, str]]:
    choices = []
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if not human_only or node.task_type == "HUMAN":
                title = node.task_title or node.name
                choices.append((get_task_ref(node), f"{flow_class.process_title} · {title}"))
    return choices


def human_task_choices(flow_classes) -> list[tuple[str, str]]:
    return node_choices(flow_classes, human_only=True)


class _NodeChoicesMixin:
    human_only = True

    def __init__(self, *args, flow_classes=(), **kwargs):
        # Skip viewflow's __init__, which fills the choices with a DISTINCT over the tasks.
        super(self._viewflow_filter, self).__init__(*args, **kwargs)
        self.filters["flow_task"].field.choices = node_choices(flow_classes, human_only=self.human_only)


class UserTaskListFilter(_NodeChoicesMixin, filters.FlowUserTaskListFilter):
    _viewflow_filter = filters.FlowUserTaskListFilter


class ArchiveListFilter(_NodeChoicesMixin, filters.FlowArchiveListFilter):
    _viewflow_filter = filters.FlowArchiveListFilter


class FlowTaskListFilter(_NodeChoicesMixin, filters.DashboardTaskListViewFilter):
    """A flow's task list (workflows.viewsets.VisibleTaskListView) lists every node's tasks."""

    _viewflow_filter = filters.DashboardTaskListViewFilter
    human_only = False
    # A task's own column: nothing to deduplicate. viewflow's filter asks for DISTINCT, which
    # compares every column of every row before the page's limit.
    status = MultipleChoiceFilter(choices=STATUS.choices, distinct=False)


class _FilterByNodesMixin:
    def get_filterset_kwargs(self, *args, **kwargs):
        return {**super().get_filterset_kwargs(*args, **kwargs), "flow_classes": self.flow_classes}


class _EligibleTasksMixin:
    """Only the tasks the user may complete: without those a rule of workflows.eligibility
    refuses them, filtered in the list's own query."""

    @viewprop
    def queryset(self):
        return eligible_tasks(self.request.user, super().queryset)


class InboxView(TranslatedColumnHeadersMixin, _FilterByNodesMixin, _EligibleTasksMixin, WorkflowInboxListView):
    filterset_class = UserTaskListFilter


class QueueView(TranslatedColumnHeadersMixin, _FilterByNodesMixin, _EligibleTasksMixin, WorkflowQueueListView):
    filterset_class = UserTaskListFilter


class ArchiveView(TranslatedColumnHeadersMixin, _FilterByNodesMixin, WorkflowArchiveListView):
    filterset_class = ArchiveListFilter
