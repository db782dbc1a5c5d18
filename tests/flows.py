"""The steps flow tests share, written once: a case's open tasks, the check that a case and its
process say the same thing, and a task taken and completed through its pages as a person does.

Each takes the flow class first, so one implementation serves every kind; a test module binds
its own flow once (`agree = partial(flows.agree, DeclarationFlow)`) and reads as before.
"""

from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

# agree()'s default: the process is done when no task is open, still running otherwise.
FROM_THE_TASK = object()


def _pk(artifact) -> int:
    return getattr(artifact, "pk", artifact)


def open_tasks(flow_class, artifact) -> list[Task]:
    """The tasks of the artifact's process still to be done (neither done, cancelled nor its end)."""
    return list(
        Task.objects.filter(process__flow_class=flow_class, process__artifact_object_id=_pk(artifact))
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .exclude(flow_task_type="END")
    )


def open_task(flow_class, artifact, node=None) -> Task | None:
    """The open task at a node (given by name or as the node itself); without a node, the process's
    only open task, or None when nothing is open."""
    if node is None:
        tasks = open_tasks(flow_class, artifact)
        assert len(tasks) <= 1, [task.flow_task.name for task in tasks]
        return tasks[0] if tasks else None
    flow_task = getattr(flow_class, node) if isinstance(node, str) else node
    return Task.objects.select_related("process").get(
        process__flow_class=flow_class,
        process__artifact_object_id=_pk(artifact),
        flow_task=flow_task,
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def agree(flow_class, artifact, status, task_name, process_status=FROM_THE_TASK):
    """One source of truth: the artifact's status and its process's one open task (or none) match,
    and so does the process's status (by default: done when no task is open, new otherwise;
    None skips that check). Returns the open task, or None."""
    artifact = type(artifact).objects.get(pk=artifact.pk)
    assert artifact.status == status
    tasks = open_tasks(flow_class, artifact)
    assert [task.flow_task.name for task in tasks] == ([task_name] if task_name else [])
    if process_status is FROM_THE_TASK:
        process_status = PROCESS.DONE if task_name is None else PROCESS.NEW
    if process_status is not None:
        process = flow_class.process_class.objects.get(flow_class=flow_class, artifact_object_id=artifact.pk)
        assert process.status == process_status
    return tasks[0] if tasks else None


def take(client, user, task) -> None:
    """The user signs in and takes the task through its page, unless it is already theirs."""
    client.force_login(user)
    if task.owner_id != user.pk:
        taken = client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
        assert taken.status_code == 302, taken.content.decode()[:500]


def complete(client, user, task, data, expect: int = 302):
    """The user takes the task and submits its form; a 302 is a completion, a 200 a refusal."""
    take(client, user, task)
    response = client.post(task.flow_task.reverse("execute", args=[task.process_id, task.pk]), data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response
