"""The one door of team work (docs/adr/0035): a lead hands a task to a named colleague; a member of
the staff adds a note to a case's thread. Checks here, records in teamwork.services."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from teamwork.mentions import mention_text, mention_tokens, people_named
from teamwork.models import CaseNote
from teamwork.services import note_add

from ..task_actions import _in_lock_transaction, _locked
from .kinds import case_page_url, noted_kind_of
from .selectors import OPEN, body_of, leads, may_hand_to, responsible_body_id, writing_department


def task_reassign(*, actor: User, task: Task, to: User, expected_owner_id: int | None) -> Task:
    """Give an open human task to `to`, a colleague who may do it, in place of its holder (or of the
    queue). `expected_owner_id` is the holder the lead saw: if someone changed it since, nothing is
    done. Under the flow's lock and the task's row lock: of two leads at once, the second finds the
    task changed; the former holder's completion, taken after, finds the task no longer theirs."""
    with _locked(task), _in_lock_transaction():
        task = Task.objects.select_for_update(of=("self",)).select_related("process", "owner").get(pk=task.pk)
        flow = task.flow_task.flow_class.instance
        if not flow.process_visible_to(actor, task.process):
            raise PermissionDenied(_("You may not see this case."))
        body_id = responsible_body_id(task)
        if not leads(actor, body_id):
            body = body_of(body_id)
            raise PermissionDenied(
                _("Only a lead of %(body)s may hand this task to a colleague.") % {"body": body}
                if body
                else _("Only a lead of the responsible body may hand this task to a colleague.")
            )
        if task.flow_task_type != "HUMAN" or task.status not in OPEN:
            if task.status == STATUS.CANCELED:
                raise ValidationError(_("This task was cancelled: there is nothing to hand over."))
            raise ValidationError(_("This task is already done: there is nothing to hand over."))
        if task.owner_id != expected_owner_id:
            holder = task.owner or _("the queue")
            raise ValidationError(
                _(
                    "Someone changed who holds this task since you opened the page (it is now with %(holder)s). "
                    "Nothing was changed; look again."
                )
                % {"holder": holder}
            )
        if task.owner_id == to.pk:
            raise ValidationError(_("%(name)s already holds this task.") % {"name": to})
        if not to.is_active or not may_hand_to(task, to):
            raise ValidationError(
                _(
                    "%(name)s may not do this task (no such role in the body, a rule keeps them out of it, "
                    "or they do not see the case)."
                )
                % {"name": to}
            )
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(to, by=actor)
        else:
            activation.reassign(to, by=actor)
    return task


@dataclass(frozen=True)
class NoteOutcome:
    note: CaseNote
    notified: list  # colleagues told of the note
    not_notified: list[str]  # mentions as written, of nobody known who sees the case


def case_note_add(*, actor: User, case, body: str) -> NoteOutcome:
    """A note on the case's thread, by a member of the staff who sees the case. Each "@name" of a
    colleague who also sees it notifies them; any other mention stays text, said back to the writer."""
    kind = noted_kind_of(case)
    if kind is None or not kind.sees(actor, case):
        raise PermissionDenied(_("You may not see this case."))
    tokens = mention_tokens(body or "")
    named = people_named(tokens)
    notified: list[User] = []
    not_notified: list[str] = []
    for token in tokens:
        seeing = [person for person in named.get(token, []) if kind.sees(person, case)]
        if len(seeing) == 1:
            if seeing[0].pk != actor.pk and seeing[0] not in notified:
                notified.append(seeing[0])
        else:
            not_notified.append(mention_text(token, (named.get(token) or [None])[0]))
    note = note_add(
        actor=actor,
        case=case,
        body=body,
        department=writing_department(actor),
        mentioned=notified,
        link=case_page_url(case),
    )
    return NoteOutcome(note, notified, not_notified)
