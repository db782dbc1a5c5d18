"""The open tasks by age, for a flow's task list sorted oldest first (issue 9, ADR 0023).

`?_orderby=created` on the task list shows open tasks only (viewflow's filter form), oldest first:
without this index PostgreSQL read most of `viewflow_task (created)`, a million finished tasks
included, to find them (300–670 ms at 1,000,000 tasks; 77 ms with it). Partial, like
terroir_task_open_node_idx: the few thousand open tasks, not the finished ones.
"""

from django.db import migrations

NAME = "terroir_task_open_created_idx"


class Migration(migrations.Migration):
    dependencies = [("workflows", "0003_overview_indexes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON viewflow_task (created, id) WHERE finished IS NULL",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
