"""Periodic jobs run by the worker (run_worker, or Celery beat in larger deployments).

Each job runs once per period across all the copies (workflows.schedule, docs/adr/0044),
except those that drain a queue whose rows they claim themselves: more copies add hands.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import mail_admins
from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_conditions, fire_due_timers

from audit.anchors import publish_daily_anchor
from audit.seals import seal_pending_events
from cases.common.staging import sweep_staged_files
from deadlines.jobs import check_deadlines
from documents.jobs import sweep_orphan_documents
from notifications.jobs import deliver_notifications

from .models import ErrorTaskAlert
from .register_import.actions import run_register_imports
from .schedule import claim_run
from .supervision.actions import open_drawn_checks, remind_rectification_reports

logger = logging.getLogger("terroir.worker")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], int]
    every_seconds: float
    # False for a job that drains a queue whose rows it claims with SKIP LOCKED: every copy may
    # run it at once (more hands, never a repeat), and it is not worth a write per round.
    once_per_period: bool = True


def run_in_turn(job: Job, *, by_hand: bool = False) -> int | None:
    """Run the job if this period's run is ours; None when another copy already has it."""
    if job.once_per_period and not claim_run(job.name, job.every_seconds, force=by_hand):
        return None
    return job.run()


def report_error_tasks(batch: int = 100) -> int:
    """Tell the administrators about tasks in ERROR: the timer dispatcher is otherwise silent."""
    with transaction.atomic():
        new_errors = list(
            Task.objects.filter(status=STATUS.ERROR)
            .exclude(pk__in=ErrorTaskAlert.objects.values("task_id"))
            .select_related("process")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:batch]
        )
        if not new_errors:
            return 0
        ErrorTaskAlert.objects.bulk_create([ErrorTaskAlert(task=task) for task in new_errors], ignore_conflicts=True)
        lines = [f"task {task.pk} ({task.flow_task}) of process {task.process_id}" for task in new_errors]
        for line in lines:
            logger.error("viewflow task in ERROR: %s", line)
        # Sent after commit: an alert row rolled back must not leave a sent mail behind.
        transaction.on_commit(
            lambda: mail_admins(
                f"Terroir: {len(lines)} workflow task(s) in ERROR", "\n".join(lines), fail_silently=True
            )
        )
        return len(new_errors)


def fire_workflow_timers() -> int:
    """Fire due flow.Timer tasks and armed conditions; each is re-checked under its flow lock."""
    return fire_due_timers() + fire_due_conditions()


JOBS: list[Job] = [
    Job("fire_workflow_timers", fire_workflow_timers, every_seconds=30, once_per_period=False),
    Job("deliver_notifications", deliver_notifications, every_seconds=5, once_per_period=False),
    # A lead who has just drawn waits for these: the idle check is one indexed read.
    Job("open_drawn_checks", open_drawn_checks, every_seconds=2, once_per_period=False),
    # Reminders count in whole working days: checking every ten minutes is more than enough.
    Job("check_deadlines", check_deadlines, every_seconds=600),
    # The producer's reminder before a rectification deadline (ADR 0047): also whole days.
    Job("remind_rectification_reports", remind_rectification_reports, every_seconds=600),
    Job("report_error_tasks", report_error_tasks, every_seconds=60),
    Job("sweep_orphan_documents", sweep_orphan_documents, every_seconds=3600),
    Job("sweep_staged_files", sweep_staged_files, every_seconds=3600),
    # Someone waits on the page for the check of the file they uploaded.
    Job("run_register_imports", run_register_imports, every_seconds=2, once_per_period=False),
    # The events written since the last seal, sealed in order (ADR 0059): what is not sealed yet
    # is the window in which a removal or a move would go unseen, so a short one.
    Job("seal_audit_events", seal_pending_events, every_seconds=60),
    # Once a day, the first run seals and publishes the latest seal (ADR 0043, 0059); the others read one row.
    Job("publish_audit_anchor", publish_daily_anchor, every_seconds=600),
]


def job_named(name: str) -> Job:
    for job in JOBS:
        if job.name == name:
            return job
    raise KeyError(f"no job named {name!r}")
