"""Process-level helpers: ending a case's process from outside its tasks (a withdrawal). What a
flow routes on is kept on the case, not in the process data (ADR 0029)."""

from django.core.exceptions import ValidationError
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS


def cancel_open_process(flow_class, artifact, *, busy_message: str) -> None:
    """Cancel the artifact's unfinished process, if any. A task being completed this very moment
    cannot be cancelled: the caller's transaction rolls back with busy_message for the person."""
    process = (
        flow_class.process_class.objects.filter(flow_class=flow_class, artifact_object_id=artifact.pk)
        .exclude(status__in=[PROCESS.DONE, PROCESS.CANCELED])
        .first()
    )
    if process is None:
        return
    try:
        flow_class.instance.cancel(process)
    except FlowRuntimeError:
        raise ValidationError(busy_message) from None


def open_task_at(flow_class, artifact, node) -> Task | None:
    """The artifact's task at `node` that is still to be done (e.g. the producer's correction)."""
    return (
        Task.objects.filter(process__flow_class=flow_class, process__artifact_object_id=artifact.pk, flow_task=node)
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .first()
    )
