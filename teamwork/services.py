"""Writes of team work: who holds a task (recorded on the case), and the staff's notes.

Each runs inside the caller's transaction or its own, writes one audit event on the case and
tells the people concerned. The checks of who may do it (a lead of the responsible body, a
colleague who sees the case) are made by the door that calls these (workflows/team/actions.py),
which knows the flows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from organizations.models import Department

from .audit_actions import TeamAction
from .models import NOTE_MAX_LENGTH, CaseNote
from .notices import tell


@dataclass(frozen=True)
class TaskRef:
    """The task whose holder changes, as the audit event and the messages name it."""

    pk: int
    node: str  # the flow node's name: for the audit export only, never shown
    title: object  # the step's title (a lazy translation)


def _in_house_language(text_of):
    # An audit comment is written once, in the office's language, whoever's screen is in English.
    with translation.override(settings.LANGUAGE_CODE):
        return str(text_of())


def _task_data(task: TaskRef, **people) -> dict:
    return {"task": task.pk, "node": task.node, **{key: user.pk if user else None for key, user in people.items()}}


def task_taken(*, actor: User, case, task: TaskRef) -> None:
    """Someone took a task offered to them (领取)."""
    audit_record(
        actor=actor,
        action=TeamAction.TASK_TAKE,
        target=case,
        comment=_in_house_language(lambda: task.title),
        data=_task_data(task, to=actor),
    )


def task_released(*, actor: User | None, case, task: TaskRef, previous: User | None) -> None:
    """A task went back to the queue of those who may take it (放弃): by its holder, or a lead."""
    audit_record(
        actor=actor if actor is not None else previous,
        action=TeamAction.TASK_RELEASE,
        target=case,
        comment=_in_house_language(
            lambda: _("%(task)s: %(previous)s") % {"task": task.title, "previous": previous or "—"}
        ),
        data=_task_data(task, previous=previous),
    )


def task_handed_over(*, actor: User, case, task: TaskRef, previous: User | None, to: User, link: str) -> None:
    """A lead gave a task to a named colleague (改派): recorded, and both people told."""
    audit_record(
        actor=actor,
        action=TeamAction.TASK_REASSIGN,
        target=case,
        comment=_in_house_language(
            lambda: (
                _("%(task)s: %(previous)s → %(to)s")
                % {"task": task.title, "previous": previous or _("the queue"), "to": to}
            )
        ),
        data=_task_data(task, previous=previous, to=to),
    )
    context = {"task_title": task.title, "lead": actor, "to": to, "previous": previous}
    tell([to], event="task_given", case=case, link=link, **context)
    if previous is not None and previous.pk != to.pk:
        tell([previous], event="task_taken_away", case=case, link=link, **context)


def note_add(
    *, actor: User, case, body: str, department: Department | None, mentioned: list[User], link: str
) -> CaseNote:
    """A note on the case's thread; the colleagues it mentions (already checked) are told."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write the note first."))
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("A note has at most %(limit)d characters (this one has %(length)d).")
            % {"limit": NOTE_MAX_LENGTH, "length": len(body)}
        )
    with transaction.atomic():
        note = CaseNote.objects.create(
            case_type=ContentType.objects.get_for_model(case),
            case_id=case.pk,
            author=actor,
            department=department,
            body=body,
        )
        told = [user for user in mentioned if user.pk != actor.pk]
        if told:
            note.mentioned.set(told)
        audit_record(
            actor=actor,
            action=TeamAction.NOTE_ADD,
            target=case,
            comment=body,
            data={"note": note.pk, "mentioned": [user.pk for user in told]},
        )
        tell(told, event="mentioned", case=case, link=f"{link}#notes", author=actor, note=body)
    return note
