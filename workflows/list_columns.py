"""Headers of viewflow's list columns in the reader's language.

viewflow names a column after the method that fills it ("Process brief", "Active tasks") and
passes that name through no translation, so the staff pages, Chinese first, showed English
headers, and a task's node by its English name. A column with a header of its own (a model
field's verbose name, a method's short_description) keeps it.
"""

from django.utils.translation import gettext_lazy as _
from viewflow.views.list import DataSourceColumn

COLUMN_HEADERS = {
    "process_id": _("Process no."),
    "brief": _("Summary"),
    "process_brief": _("Case summary"),
    "process_summary": _("Case summary"),
    "active_tasks": _("Open tasks"),
    "created": _("Created"),
    "finished": _("Finished"),
}


class TranslatedColumnHeadersMixin:
    def flow_task(self, task):
        # The node's title, translated; the task's own field would print the node's English name.
        return task.flow_task.task_title

    flow_task.short_description = _("Task")  # type: ignore[attr-defined]  # viewflow's column attributes
    flow_task.orderby_column = "flow_task"  # type: ignore[attr-defined]  # still sorted by the task's own column

    def get_column_def(self, attr_name):
        column = super().get_column_def(attr_name)
        header = COLUMN_HEADERS.get(attr_name)
        if header is not None and isinstance(column, DataSourceColumn) and column.verbose_name is None:
            column.verbose_name = header
        return column
