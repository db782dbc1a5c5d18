"""Indexes for viewflow's per-flow dashboard and process list (issue 9, docs/adr/0023).

Each matches a list's filter and order, so that PostgreSQL reads rows in the page's order and
stops at its end, checking each row's case against the user's jurisdiction as it goes, instead
of first joining every process the user may see (a province's: 6,000 of 154,000 at 1,000,000
tasks) to its tasks and sorting them:

- the dashboard's columns: a node's open or failed tasks, newest first (partial: the few
  thousand open tasks, not the million finished ones);
- the dashboard's "finished" column: a flow's end tasks by finishing time (partial: END tasks,
  which workflows.overview asks for by type);
- the process list sorted by its "created" or "finished" column, the primary key breaking ties
  (the default order, newest id first, has the primary key's index).

The partial indexes' conditions are plain SQL, which SQLite accepts as well.
"""

from django.db import migrations

INDEXES = {
    "terroir_task_open_node_idx": "viewflow_task (flow_task, created) WHERE (finished IS NULL OR status = 'ERROR')",
    "terroir_task_end_finished_idx": "viewflow_task (flow_task, finished) WHERE flow_task_type = 'END'",
    "terroir_process_created_idx": "viewflow_process (flow_class, created, id)",
    "terroir_process_finished_idx": "viewflow_process (flow_class, finished, id)",
}


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_task_list_indexes")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}", f"DROP INDEX IF EXISTS {name}")
        for name, definition in INDEXES.items()
    ]
