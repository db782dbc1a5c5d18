"""Process-level helpers: ending a case's process from outside its tasks (a withdrawal), and the
process data decisions leave for the flow's switches."""

from django.core.exceptions import ValidationError
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.status import PROCESS


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


def process_data_update(process, **values) -> None:
    """Note a decision in the process data, where the flow's Switch reads it to route."""
    process.data = {**(process.data or {}), **values}
    process.save(update_fields=["data"])
