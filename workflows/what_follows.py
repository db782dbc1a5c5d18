"""What a person is told after an action (ADR 0039): what happened, what happens next, and who acts.

One sentence shape for every action of the staff pages and the portal: "已完成「核查线索」（案件
JB-2026-0001）。下一步：决定是否立案，由 西湖区局 负责人 办理。" The next step and its actor are read
from workflows.next_step (the panel on every case page), so the message and the case page never
disagree; when nothing is left to do, the case's status in words says how it ended.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from organizations.models import ROLE_PERMISSIONS, Department, Role

from .next_step import NextStep, next_steps

# The role whose permission a task is offered by, in words ("负责人"): organizations' own labels.
_ROLE_OF_PERMISSION = {f"organizations.{codename}": role for role, codename in ROLE_PERMISSIONS.items()}
# At most this many people are named when a step is offered to named people rather than a body.
_NAMED = 3


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


def _offering_body(task: Task) -> Department | None:
    """The department a task is offered through, when it is offered through one."""
    if task.owner_permission_content_type_id != ContentType.objects.get_for_model(Department).pk:
        return None
    return Department.objects.filter(pk=task.owner_permission_obj_pk).first()


def who_acts(step: NextStep, *, for_public: bool = False) -> str:
    """The actor of an open step in words: a person, a body and its role, or an enterprise.

    for_public: an applicant or producer reads it; the bureau is named, never its people."""
    if step.in_portal:
        # The enterprise awaited, even when none of its people has an account (no handler is named).
        enterprise = step.task.flow_task.awaited_enterprise(step.task.process) if step.task is not None else None
        name = getattr(enterprise, "name", None) or _("the enterprise")
        return _("%(enterprise)s, in its portal") % {"enterprise": name}
    task = step.task
    body = _offering_body(task) if task is not None else None
    if step.assigned and step.handlers and not for_public:
        handler = step.handlers[0]
        department = handler.department or body
        person = _person(handler.user)
        return f"{department.display_name} {person}" if department else person
    role = _ROLE_OF_PERMISSION.get(getattr(task, "owner_permission", None) or "")
    if body is not None:
        return f"{body.display_name} {Role(role).label}" if role else body.display_name
    if for_public:
        return _("the responsible department")
    if not step.handlers:
        return _("nobody yet (ask the lead or an administrator)")
    names = "、".join(_person(handler.user) for handler in step.handlers[:_NAMED])
    return names if len(step.handlers) <= _NAMED and not step.more else _("%(names)s and others") % {"names": names}


def joined(*sentences: str) -> str:
    """Sentences one after the other: with no space after a Chinese full stop, one after an English one."""
    text = ""
    for sentence in filter(None, sentences):
        text += sentence if not text or text.endswith("。") else " " + sentence
    return text


def _step_sentence(step: NextStep, *, for_public: bool) -> str:
    return _("Next: %(step)s, by %(who)s.") % {"step": step.title, "who": who_acts(step, for_public=for_public)}


def _waiting_sentence(process: Process) -> str | None:
    """An open step no person does (the objection window's timer): it goes on by itself."""
    waiting = (
        Task.objects.filter(process=process, status__in=[STATUS.NEW, STATUS.SCHEDULED])
        .exclude(flow_task_type__in=["HUMAN", "END"])
        .order_by("created", "pk")
        .first()
    )
    if waiting is None:
        return None
    return _("Next: %(step)s; the system goes on by itself when it ends.") % {"step": waiting.flow_task.task_title}


def _processes_of(case) -> list[Process]:
    return list(
        Process.objects.filter(
            artifact_content_type=ContentType.objects.get_for_model(type(case)), artifact_object_id=case.pk
        ).order_by("pk")
    )


def what_follows(*, process: Process | None = None, case=None, for_public: bool = False) -> str:
    """What happens next on a process (or on a case, over all its processes), and who acts; or, when
    nothing is left to do, how it stands (the case's status in words)."""
    steps = next_steps(process=process) if process is not None else next_steps(case)
    if steps:
        return joined(*(_step_sentence(step, for_public=for_public) for step in steps))
    if process is None and getattr(case, "pk", None) is None:
        return ""
    processes = [process] if process is not None else _processes_of(case)
    for running in processes:
        if running.status != PROCESS.DONE and (waiting := _waiting_sentence(running)):
            return waiting
    if process is not None:
        status = process.flow_class.instance.case_header(process).status
        if process.status == PROCESS.DONE:
            return _("The process has ended: the case is now “%(status)s”.") % {"status": status}
    else:
        case = type(case)._default_manager.get(pk=case.pk)  # as the action left it, not as the page loaded it
        status = case.get_status_display() if hasattr(case, "get_status_display") else ""
    return _("No step is open; it is now “%(status)s”.") % {"status": status} if status else ""


def told(happened: str, *, process: Process | None = None, case=None, for_public: bool = False) -> str:
    """The message after an action: what happened, then what follows."""
    return joined(happened, what_follows(process=process, case=case, for_public=for_public))


def after_completion(task: Task) -> str:
    """The message after a task is completed: the step and the case, then what follows."""
    process = Process.objects.get(pk=task.process_id)  # read anew: the completion moved it on
    header = process.flow_class.instance.case_header(process)
    happened = _("Done: “%(step)s” of %(case)s.") % {"step": task.flow_task.task_title, "case": header.reference}
    return told(happened, process=process)
