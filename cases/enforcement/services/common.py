"""What every step of an enforcement case shares: the row lock, the role checks, the audit record,
the case's clock and the storing of evidence files."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.types import Actor
from audit.services import audit_record
from deadlines.models import Deadline
from deadlines.services import deadline_pause, deadline_resume
from organizations.models import Department, Role
from organizations.selectors import members_of

from ...models import CaseEvidence, EnforcementCase
from ...uploads import checked_upload_fields
from ..choices import EnforcementAction
from ..selectors import is_case_officer

Status = EnforcementCase.Status
Outcome = EnforcementCase.Outcome

VERIFICATION_EXTENSION_DAYS = 15
LEAD_EXTENSION_DAYS = 30
HEARING_NOTICE_DAYS = 7
PUBLIC_NOTICE_SERVICE_DAYS = 30  # service by public notice counts after 30 days
CASE_CLOCK = "enforcement.case"
VERIFICATION_CLOCK = "enforcement.verification"


def lock_case(case: EnforcementCase) -> EnforcementCase:
    return EnforcementCase.objects.select_for_update().select_related("bureau", "region").get(pk=case.pk)


def _has_role(actor: Actor, permission: str, department: Department) -> bool:
    return actor is not None and (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department))


def _ensure_lead(actor: Actor, case: EnforcementCase) -> None:
    if not _has_role(actor, "work_as_lead", case.bureau):
        raise PermissionDenied(_("Only the lead of %(bureau)s may decide this.") % {"bureau": case.bureau.name})


def _ensure_bureau_staff(actor: Actor, department: Department) -> None:
    if not any(_has_role(actor, p, department) for p in ("work_as_staff", "work_as_inspector", "work_as_lead")):
        raise PermissionDenied(_("This step belongs to %(bureau)s.") % {"bureau": department.name})


def _ensure_officer(actor: Actor, case: EnforcementCase) -> None:
    if not (actor is not None and (actor.is_superuser or is_case_officer(actor, case))):
        raise PermissionDenied(
            _("Only the officers assigned to case %(number)s may do this.") % {"number": case.number}
        )


def _record(actor: Actor, case, action: EnforcementAction, before, *, comment="", data=None) -> None:
    audit_record(
        actor=actor,
        action=EnforcementAction(action).value,
        target=case,
        from_state=before,
        to_state=case.status,
        comment=comment,
        data=data,
    )


def _require(text: str, field: str, message: str) -> None:
    if not (text or "").strip():
        raise ValidationError({field: message})


def _today() -> datetime.date:
    return timezone.localdate()


def reviewing_body(case: EnforcementCase) -> Department:
    """法制审核 by 法规司 for a major case; 案件审核 in the bureau otherwise."""
    return Department.objects.get(code="FGS") if case.is_major else case.bureau


def open_clock(case: EnforcementCase) -> Deadline | None:
    """The clock that runs now: the 90-day clock once filed, the verification clock before."""
    rule_code = CASE_CLOCK if case.filed_on else VERIFICATION_CLOCK
    return (
        Deadline.objects.filter(
            rule_code=rule_code,
            target_type__app_label="cases",
            target_type__model="enforcementcase",
            target_id=case.pk,
            state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED, Deadline.State.OVERDUE],
        )
        .order_by("-pk")
        .first()
    )


def _pause_clock(actor: Actor, case: EnforcementCase, reason: str) -> None:
    clock = open_clock(case)
    if clock is None or clock.state == Deadline.State.PAUSED:
        return  # already stopped: one pause covers overlapping causes
    deadline_pause(actor=actor, deadline=clock, reason=reason)
    case.clock_pause_reason = reason


def _resume_clock(actor: Actor, case: EnforcementCase) -> None:
    clock = open_clock(case)
    if clock is not None and clock.state == Deadline.State.PAUSED:
        deadline_resume(actor=actor, deadline=clock)
    case.clock_pause_reason = ""


def _store_evidence(*, case, kind, description, checked=None, actor: Actor = None, second_officer=None) -> CaseEvidence:
    """One evidence row; `checked` is what checked_upload_fields returned for its file, if any."""
    return CaseEvidence.objects.create(
        case=case,
        kind=kind,
        description=description,
        collected_by=actor,
        second_officer=second_officer,
        **(checked or {}),
    )


def _checked(uploaded) -> dict | None:
    """The stored-file fields of an upload (refused here if its size, type or content is not allowed)."""
    return checked_upload_fields(uploaded) if uploaded is not None else None


def _bureau_inspectors(case):
    return list(members_of(case.bureau_id, Role.INSPECTOR)) + list(members_of(case.bureau_id, Role.LEAD))
