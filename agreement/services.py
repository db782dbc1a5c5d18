"""Writes on the agreement lists: one service per change, each in a transaction with one audit event
on the entry. The 国际司 (GJS) does the work: its staff propose, its lead approves (docs/adr/0052)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from cases.common.pinyin import pinyin_search_key
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import deadline_meet, deadline_start
from organizations.models import Department

from .audit_actions import AgreementAction
from .loader import ListRow
from .models import ENTRY_INTO_FORCE, FIRST_BATCH, AgreementEntry, AgreementObjection

GJS = "GJS"
WINDOW_RULE = "agreement.objection_window"


def international_department() -> Department:
    return Department.objects.get(code=GJS)


def _ensure(actor: User, permission: str) -> None:
    department = international_department()
    if not (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _locked(entry: AgreementEntry) -> AgreementEntry:
    return AgreementEntry.objects.select_for_update().get(pk=entry.pk)


def _record(actor: Actor, action: str, entry: AgreementEntry, before: str = "", comment: str = "", **data) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=entry,
        from_state=before,
        to_state=entry.status,
        comment=comment,
        data=data or None,
    )


@transaction.atomic
def entries_load(*, actor: Actor, rows: list[ListRow]) -> list[AgreementEntry]:
    """Enter checked rows of a list (agreement.loader). A first-batch name is protected from entry
    into force; a second-batch name is proposed, for the 国际司 to publish. A name already on its
    annex is left as it is, so loading a list again adds only what is new."""
    if actor is not None:
        _ensure(actor, "work_as_staff")
    created = []
    for row in rows:
        if AgreementEntry.objects.filter(annex=row.annex, name=row.name).exists():
            continue
        first = row.annex in FIRST_BATCH
        entry = AgreementEntry.objects.create(
            annex=row.annex,
            name=row.name,
            transcription=row.transcription,
            name_pinyin=pinyin_search_key(row.name) if row.country == "CN" else "",
            product_class=row.product_class,
            country=row.country,
            product=row.product,
            decision_reference=row.decision_reference,
            status=AgreementEntry.Status.PROTECTED if first else AgreementEntry.Status.PROPOSED,
            protected_from=ENTRY_INTO_FORCE if first else None,
        )
        _record(actor, AgreementAction.LOAD, entry, line=row.line)
        created.append(entry)
    return created


@transaction.atomic
def entry_request_publication(*, actor: User, entry: AgreementEntry) -> AgreementEntry:
    """Staff of the 国际司 put an examined second-batch name before the lead for publication."""
    entry = _locked(entry)
    _ensure(actor, "work_as_staff")
    if entry.status != AgreementEntry.Status.PROPOSED:
        raise ValidationError(_("Only a proposed name can be put forward for publication."))
    before = entry.status
    entry.request_publication()
    entry.save()
    _record(actor, AgreementAction.REQUEST_PUBLICATION, entry, before)
    return entry


@transaction.atomic
def entry_decide_publication(*, actor: User, entry: AgreementEntry, approve: bool, comment: str = "") -> AgreementEntry:
    """The lead publishes the name for objections (the 2-month clock starts today) or returns it."""
    entry = _locked(entry)
    _ensure(actor, "work_as_lead")
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the publication is returned.")})
    before = entry.status
    if approve:
        entry.publish()
        clock = deadline_start(actor=actor, rule_code=WINDOW_RULE, target=entry, department=international_department())
        entry.window_opens, entry.window_closes = clock.started_on, clock.due_on
        entry.window_provisional = clock.provisional
    else:
        entry.return_publication()
    entry.save()
    action = AgreementAction.PUBLISH if approve else AgreementAction.RETURN_PUBLICATION
    _record(actor, action, entry, before, comment, closes=str(entry.window_closes or ""))
    return entry


def window_is_open(entry: AgreementEntry, today: datetime.date | None = None) -> bool:
    """Objections are received up to and including the closing day."""
    today = today or timezone.localdate()
    return (
        entry.status == AgreementEntry.Status.PUBLISHED
        and entry.window_closes is not None
        and entry.window_opens is not None
        and entry.window_opens <= today <= entry.window_closes
    )


@transaction.atomic
def entry_file_objection(
    *, actor: Actor, entry: AgreementEntry, objector_name: str, contact: str, grounds: str
) -> AgreementObjection:
    """Anyone may object while the name is published; the objection is answered by the decision."""
    entry = _locked(entry)
    if not window_is_open(entry):
        raise ValidationError(_("The objection period of this name is not open."))
    if not (objector_name.strip() and contact.strip() and grounds.strip()):
        raise ValidationError(_("Give your name, a contact and the grounds of the objection."))
    objection = AgreementObjection.objects.create(
        entry=entry, objector_name=objector_name.strip(), contact=contact.strip(), grounds=grounds.strip()
    )
    _record(actor, AgreementAction.OBJECTION, entry, entry.status, objection=objection.pk)
    return objection


@transaction.atomic
def entry_close_window(*, actor: Actor = None, entry: AgreementEntry) -> AgreementEntry:
    """Fired by the flow's timer the day after the period closed: the 国际司 examines and decides."""
    entry = _locked(entry)
    before = entry.status
    entry.close_window()
    entry.save()
    for clock in deadlines_for(entry).filter(
        rule_code=WINDOW_RULE, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]
    ):
        deadline_meet(actor=actor, deadline=clock)
    _record(actor, AgreementAction.CLOSE_WINDOW, entry, before, objections=entry.objections.count())
    return entry


@transaction.atomic
def entry_propose_decision(
    *, actor: User, entry: AgreementEntry, outcome: str, decision_reference: str, comment: str = ""
) -> AgreementEntry:
    """Staff propose to protect or refuse, answering every objection received in the reasons."""
    entry = _locked(entry)
    _ensure(actor, "work_as_staff")
    if outcome not in AgreementEntry.Outcome.values:
        raise ValidationError({"outcome": _("Choose a decision.")})
    if not decision_reference.strip():
        raise ValidationError({"decision_reference": _("Give the reference of the decision.")})
    if (outcome == AgreementEntry.Outcome.REFUSE or entry.objections.exists()) and not comment.strip():
        raise ValidationError({"comment": _("Give the reasons, answering each objection received.")})
    before = entry.status
    entry.propose_decision()
    entry.proposed_outcome = outcome
    entry.decision_reference = decision_reference.strip()
    entry.decision_comment = comment.strip()
    entry.save()
    _record(actor, AgreementAction.PROPOSE_DECISION, entry, before, comment, outcome=outcome)
    return entry


@transaction.atomic
def entry_decide(*, actor: User, entry: AgreementEntry, approve: bool, comment: str = "") -> AgreementEntry:
    """The lead approves the proposed decision (final: the name is protected or refused, and each
    objection is upheld or dismissed with it), or returns it to the staff."""
    entry = _locked(entry)
    _ensure(actor, "work_as_lead")
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be reconsidered.")})
    before = entry.status
    if not approve:
        entry.return_decision()
        entry.save()
        _record(actor, AgreementAction.RETURN_DECISION, entry, before, comment)
        return entry
    protect = entry.proposed_outcome == AgreementEntry.Outcome.PROTECT
    if protect:
        entry.protect()
        entry.protected_from = timezone.localdate()
    else:
        entry.refuse()
    entry.save()
    now = timezone.now()
    for objection in entry.objections.select_for_update().filter(status=AgreementObjection.Status.RECEIVED):
        objection.dismiss() if protect else objection.uphold()
        objection.decided_at = now
        objection.save()
    _record(
        actor,
        AgreementAction.PROTECT if protect else AgreementAction.REFUSE,
        entry,
        before,
        comment,
        reference=entry.decision_reference,
    )
    return entry


def staff_may_work(user) -> bool:
    return bool(user.is_superuser or user.has_perm("organizations.work_as_staff", international_department()))
