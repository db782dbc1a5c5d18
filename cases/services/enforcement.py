"""Writes on enforcement cases (DOMAIN.md §4). Each: one transaction, row lock, permission check,
FSM transition, one audit event, notifications in the outbox."""

import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm

from audit.services import audit_record
from deadlines.calendar import WorkingCalendar
from deadlines.models import Deadline
from deadlines.services import (
    compute_due,
    deadline_cancel,
    deadline_extend,
    deadline_meet,
    deadline_pause,
    deadline_resume,
    deadline_start,
)
from organizations.models import Department, Membership, Role
from organizations.selectors import members_of

from .. import enforcement_documents as documents
from ..models import (
    CaseEvidence,
    CaseExtension,
    CaseOfficer,
    EnforcementCase,
    SupervisionCheck,
    ViolationType,
    next_in_sequence,
)
from ..notices import tell_case_staff
from ..penalties import late_fee
from ..selectors.enforcement import defence_due, defence_window_open
from ..uploads import validate_upload

Status = EnforcementCase.Status
Outcome = EnforcementCase.Outcome

VERIFICATION_EXTENSION_DAYS = 15
LEAD_EXTENSION_DAYS = 30
HEARING_NOTICE_DAYS = 7
PUBLIC_NOTICE_SERVICE_DAYS = 30  # service by public notice counts after 30 days
CASE_CLOCK = "enforcement.case"
VERIFICATION_CLOCK = "enforcement.verification"


class FilingDecision:
    FILE = "file"
    NOT_FILE = "not_file"
    TRANSFER = "transfer"
    choices = (FILE, NOT_FILE, TRANSFER)


class InvestigationAction:
    REPORT = "report"
    PROPOSE_SUSPENSION = "suspend"
    PROPOSE_TERMINATION = "terminate"
    choices = (REPORT, PROPOSE_SUSPENSION, PROPOSE_TERMINATION)


class ClockPause:
    """Why the clock stops (DOMAIN.md §4). The first two are set by the case's own steps."""

    SUSPENSION = "suspension"
    HEARING = "hearing"
    TESTING = "testing"
    IDENTIFICATION = "identification"
    PUBLIC_NOTICE = "public_notice"
    MANUAL = (TESTING, IDENTIFICATION, PUBLIC_NOTICE)


class ServiceMethod:
    DIRECT = "direct"
    MAIL = "mail"
    ELECTRONIC = "electronic"
    PUBLIC_NOTICE = "public_notice"
    choices = (DIRECT, MAIL, ELECTRONIC, PUBLIC_NOTICE)
    labels = {
        DIRECT: gettext_lazy("direct service"),
        MAIL: gettext_lazy("by post"),
        ELECTRONIC: gettext_lazy("electronic service (with consent)"),
        PUBLIC_NOTICE: gettext_lazy("public notice (counts after 30 days)"),
    }


# ---------------------------------------------------------------- helpers


def lock_case(case: EnforcementCase) -> EnforcementCase:
    return EnforcementCase.objects.select_for_update().select_related("bureau", "region").get(pk=case.pk)


def _has_role(actor, permission: str, department: Department) -> bool:
    return actor is not None and (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department))


def _ensure_lead(actor, case: EnforcementCase) -> None:
    if not _has_role(actor, "work_as_lead", case.bureau):
        raise PermissionDenied(_("Only the lead of %(bureau)s may decide this.") % {"bureau": case.bureau.name})


def _ensure_bureau_staff(actor, department: Department) -> None:
    if not any(_has_role(actor, p, department) for p in ("work_as_staff", "work_as_inspector", "work_as_lead")):
        raise PermissionDenied(_("This step belongs to %(bureau)s.") % {"bureau": department.name})


def is_case_officer(actor, case: EnforcementCase) -> bool:
    return actor is not None and CaseOfficer.objects.filter(case=case, officer_id=actor.pk).exists()


def _ensure_officer(actor, case: EnforcementCase) -> None:
    if not (actor is not None and (actor.is_superuser or is_case_officer(actor, case))):
        raise PermissionDenied(
            _("Only the officers assigned to case %(number)s may do this.") % {"number": case.number}
        )


def _record(actor, case, action, before, *, comment="", data=None) -> None:
    audit_record(
        actor=actor,
        action=f"enforcement.{action}",
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


def _pause_clock(actor, case: EnforcementCase, reason: str) -> None:
    clock = open_clock(case)
    if clock is None or clock.state == Deadline.State.PAUSED:
        return  # already stopped: one pause covers overlapping causes
    deadline_pause(actor=actor, deadline=clock, reason=reason)
    case.clock_pause_reason = reason


def _resume_clock(actor, case: EnforcementCase) -> None:
    clock = open_clock(case)
    if clock is not None and clock.state == Deadline.State.PAUSED:
        deadline_resume(actor=actor, deadline=clock)
    case.clock_pause_reason = ""


def _store_evidence(*, case, kind, description, uploaded=None, actor=None, second_officer=None) -> CaseEvidence:
    evidence = CaseEvidence(
        case=case, kind=kind, description=description, collected_by=actor, second_officer=second_officer
    )
    if uploaded is not None:
        file_type = validate_upload(uploaded)
        digest = hashlib.sha256()
        uploaded.seek(0)
        for chunk in uploaded.chunks():
            digest.update(chunk)
        uploaded.seek(0)
        evidence.file = uploaded
        evidence.original_name = uploaded.name[:200]
        evidence.file_type = file_type.label
        evidence.size = uploaded.size
        evidence.sha256 = digest.hexdigest()
    evidence.save()
    return evidence


def _bureau_inspectors(case):
    return list(members_of(case.bureau_id, Role.INSPECTOR)) + list(members_of(case.bureau_id, Role.LEAD))


# ---------------------------------------------------------------- intake


def _case_number(bureau: Department) -> str:
    """地标执法〔2026〕330100-0012号: gap-free per bureau and year."""
    year = _today().year
    region_code = bureau.region.code if bureau.region_id else bureau.code
    serial = next_in_sequence(f"EC-{bureau.code}-{year}")
    return f"地标执法〔{year}〕{region_code}-{serial:04d}号"


@transaction.atomic
def case_receive(
    *,
    actor,
    source: str,
    violation_type: str,
    bureau: Department,
    summary: str,
    products=(),
    enterprises=(),
    party_description: str = "",
    source_authority: str = "",
    complainant_name: str = "",
    complainant_contact: str = "",
    evidence=(),
    supervision_check: SupervisionCheck | None = None,
) -> EnforcementCase:
    """A clue arrives (inspection, referral, complaint, transfer, assignment) and is opened for verification.

    Files are checked before anything is stored: a refused upload creates nothing.
    """
    if actor is not None and source != EnforcementCase.Source.SUPERVISION:
        _ensure_bureau_staff(actor, bureau)
    errors = {}
    if source not in EnforcementCase.Source.values:
        errors["source"] = _("Unknown source.")
    if violation_type not in ViolationType.values:
        errors["violation_type"] = _("Choose a violation type.")
    if not (summary or "").strip():
        errors["summary"] = _("Describe what was found or reported.")
    if source in (EnforcementCase.Source.TRANSFER, EnforcementCase.Source.ASSIGNED) and not source_authority.strip():
        errors["source_authority"] = _("Name the authority that transferred or assigned the case.")
    if bureau.region_id is None:
        errors["bureau"] = _("Cases are handled by a regional bureau.")
    if not (enterprises or party_description.strip()):
        errors["party_description"] = _("Name the enterprise or describe the party concerned.")
    if errors:
        raise ValidationError(errors)
    for uploaded in evidence:
        validate_upload(uploaded)
    case = EnforcementCase.objects.create(
        number=_case_number(bureau),
        source=source,
        violation_type=violation_type,
        bureau=bureau,
        region=bureau.region,
        summary=summary.strip(),
        party_description=party_description.strip(),
        source_authority=source_authority.strip(),
        complainant_name=complainant_name.strip(),
        complainant_contact=complainant_contact.strip(),
        supervision_check=supervision_check,
        created_by=actor,
    )
    case.products.set(products)
    case.enterprises.set(enterprises)
    stored = [
        _store_evidence(case=case, kind=CaseEvidence.Kind.COMPLAINT, description=uploaded.name, uploaded=uploaded)
        for uploaded in evidence
    ]
    audit_record(
        actor=actor,
        action="enforcement.receive",
        target=case,
        to_state=case.status,
        comment=case.summary,
        data={"source": source, "files": [e.sha256 for e in stored]},
    )
    tell_case_staff(_bureau_inspectors(case), case, "clue_received")
    return case


@transaction.atomic
def case_from_supervision_referral(*, actor, check: SupervisionCheck) -> tuple[EnforcementCase, bool]:
    """A supervision check referred to enforcement becomes a clue with its evidence; once only.

    Returns (case, created). The bureau of the production region has jurisdiction.
    """
    check = SupervisionCheck.objects.select_for_update().select_related("declaration").get(pk=check.pk)
    if not check.refer_to_enforcement:
        raise ValidationError(_("This supervision check was not referred to enforcement."))
    existing = EnforcementCase.objects.filter(supervision_check=check).first()
    if existing is not None:
        return existing, False
    declaration = check.declaration
    case = case_receive(
        actor=actor,
        source=EnforcementCase.Source.SUPERVISION,
        violation_type=_violation_from_check(check),
        bureau=Department.objects.get(region=declaration.production_region),
        summary=f"{check.referral_reason}\n\n{check.findings}".strip(),
        products=[declaration.product],
        enterprises=[declaration.enterprise],
        party_description=declaration.production_address,
        source_authority=check.campaign.organiser.name,
        supervision_check=check,
    )
    for item in check.evidence.all():
        # The same stored file: evidence is never copied, so its hash stays the proof.
        CaseEvidence.objects.create(
            case=case,
            kind=CaseEvidence.Kind.COMPLAINT,
            description=_("From supervision check %(campaign)s") % {"campaign": check.campaign.reference},
            file=item.file.name,
            original_name=item.original_name,
            file_type=item.file_type,
            size=item.size,
            sha256=item.sha256,
            collected_by=item.uploaded_by,
        )
    return case, True


def _violation_from_check(check: SupervisionCheck) -> str:
    if check.label_check == SupervisionCheck.Result.FAIL:
        return ViolationType.IRREGULAR_USE
    if check.sample_test == SupervisionCheck.Result.FAIL:
        return ViolationType.BELOW_STANDARD
    return ViolationType.IRREGULAR_USE


# ---------------------------------------------------------------- verification and filing


@transaction.atomic
def case_verify(*, actor, case: EnforcementCase, findings: str, proposal: str) -> EnforcementCase:
    """The bureau's inspector reports the verification and proposes to file, not to file or to transfer."""
    case = lock_case(case)
    _ensure_bureau_staff(actor, case.bureau)
    _require(findings, "findings", _("Describe what the verification found."))
    if proposal not in FilingDecision.choices:
        raise ValidationError({"proposal": _("Choose a proposal.")})
    _resume_clock(actor, case)  # a verification paused for testing ends with the report
    before = case.status
    case.propose_filing()
    case.verification_findings = findings.strip()
    case.save()
    _record(actor, case, "verify", before, comment=findings, data={"proposal": proposal})
    tell_case_staff(members_of(case.bureau_id, Role.LEAD), case, "lead_decision_needed")
    return case


@transaction.atomic
def case_extend_verification(*, actor, case: EnforcementCase, reason: str) -> EnforcementCase:
    """+15 working days, once, with the lead's approval."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(reason, "reason", _("Give the reason for the extension."))
    if case.status != Status.VERIFYING:
        raise ValidationError(_("Only a verification still running can be extended."))
    if case.verification_extended:
        raise ValidationError(_("The verification was already extended once by 15 working days."))
    clock = open_clock(case)
    if clock is None:
        raise ValidationError(_("This case has no running verification clock."))
    deadline_extend(actor=actor, deadline=clock, amount=VERIFICATION_EXTENSION_DAYS, reason=reason)
    case.verification_extended = True
    case.save(update_fields=["verification_extended"])
    _record(actor, case, "extend_verification", case.status, comment=reason)
    return case


def _validate_officers(case: EnforcementCase, officers) -> None:
    ids = [officer.pk for officer in officers]
    if len(ids) != len(set(ids)):
        raise ValidationError({"officers": _("The same officer was chosen twice; choose different officers.")})
    if len(ids) < 2:
        raise ValidationError({"officers": _("A case is investigated by at least two different officers.")})
    qualified = set(
        Membership.objects.filter(
            user_id__in=ids, department=case.bureau, role=Role.INSPECTOR, is_active=True
        ).values_list("user_id", flat=True)
    )
    if qualified != set(ids):
        raise ValidationError(
            {"officers": _("Every officer must be an inspector of %(bureau)s.") % {"bureau": case.bureau.name}}
        )


def _assign(actor, case, officer) -> None:
    CaseOfficer.objects.create(case=case, officer=officer, assigned_by=actor)
    assign_perm("cases.investigate_case", officer, case)


@transaction.atomic
def case_decide_filing(
    *,
    actor,
    case: EnforcementCase,
    decision: str,
    reason: str = "",
    officers=(),
    is_major: bool = False,
    transfer_to: str = "",
) -> EnforcementCase:
    """The lead files the case with its officers, refuses to file, or transfers it."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    before = case.status
    if decision == FilingDecision.FILE:
        _validate_officers(case, officers)
        case.file()
        case.filed_on = _today()
        case.filing_reason = reason.strip()
        case.is_major = is_major
        case.save()
        for officer in officers:
            _assign(actor, case, officer)
        deadline_start(actor=actor, rule_code=CASE_CLOCK, target=case, department=case.bureau, queue_role="lead")
        documents.case_document_issue(actor=actor, case=case, kind=documents.FILING_FORM, officers=officers)
        tell_case_staff(officers, case, "officer_assigned")
    elif decision == FilingDecision.NOT_FILE:
        _require(reason, "reason", _("Give the reason for not filing."))
        case.refuse_filing()
        case.closing_reason = reason.strip()
        case.save()
    elif decision == FilingDecision.TRANSFER:
        _require(transfer_to, "transfer_to", _("Name the authority the case is transferred to."))
        case.transfer()
        case.transferred_to = transfer_to.strip()
        case.closing_reason = reason.strip()
        case.save()
    else:
        raise ValidationError({"decision": _("Choose a decision.")})
    _record(
        actor,
        case,
        f"filing.{decision}",
        before,
        comment=reason,
        data={"officers": [o.pk for o in officers], "major": is_major, "transfer_to": transfer_to},
    )
    return case


@transaction.atomic
def case_assign_officer(*, actor, case: EnforcementCase, officer) -> CaseOfficer:
    """The lead adds an officer to a filed case (e.g. to replace one who left)."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    if case.filed_on is None or case.status in EnforcementCase.FINISHED:
        raise ValidationError(_("Officers are assigned to a filed case that is still open."))
    if CaseOfficer.objects.filter(case=case, officer=officer).exists():
        raise ValidationError({"officer": _("%(officer)s is already assigned to this case.") % {"officer": officer}})
    if not Membership.objects.filter(
        user=officer, department=case.bureau, role=Role.INSPECTOR, is_active=True
    ).exists():
        raise ValidationError(
            {"officer": _("Every officer must be an inspector of %(bureau)s.") % {"bureau": case.bureau.name}}
        )
    _assign(actor, case, officer)
    _record(actor, case, "assign_officer", case.status, data={"officer": officer.pk})
    tell_case_staff([officer], case, "officer_assigned")
    return CaseOfficer.objects.get(case=case, officer=officer)


# ---------------------------------------------------------------- investigation


def accepts_evidence(case: EnforcementCase) -> bool:
    """Evidence is gathered by the investigation: not while it is suspended, nor once the report
    has gone to review (what the reviewer and the lead weighed must not change under them)."""
    return case.status == Status.INVESTIGATING


@transaction.atomic
def case_add_evidence(
    *, actor, case: EnforcementCase, kind: str, description: str, second_officer, uploaded_file=None
) -> CaseEvidence:
    """An officer records an evidence item gathered together with a second, different officer."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    if not accepts_evidence(case):
        raise ValidationError(
            _("Evidence can be added only while case %(number)s is under investigation; it is now: %(status)s.")
            % {"number": case.number, "status": case.get_status_display()}
        )
    if kind not in CaseEvidence.Kind.values or kind in (CaseEvidence.Kind.COMPLAINT, CaseEvidence.Kind.WAIVER):
        raise ValidationError({"kind": _("Choose the kind of evidence.")})
    _require(description, "description", _("Describe the evidence item."))
    if second_officer is None or second_officer.pk == actor.pk or not is_case_officer(second_officer, case):
        raise ValidationError({"second_officer": _("Evidence is gathered by two different officers of the case.")})
    evidence = _store_evidence(
        case=case,
        kind=kind,
        description=description.strip(),
        uploaded=uploaded_file,
        actor=actor,
        second_officer=second_officer,
    )
    _record(
        actor,
        case,
        "add_evidence",
        case.status,
        comment=description,
        data={"kind": kind, "file": evidence.original_name, "sha256": evidence.sha256},
    )
    return evidence


@transaction.atomic
def case_pause_clock(*, actor, case: EnforcementCase, reason: str, comment: str = "") -> EnforcementCase:
    """Testing, right-holder identification or public notice: the time is not counted."""
    case = lock_case(case)
    _ensure_officer_or_bureau(actor, case)
    if reason not in ClockPause.MANUAL:
        raise ValidationError({"reason": _("Choose why the clock stops.")})
    clock = open_clock(case)
    if clock is None:
        raise ValidationError(_("No time limit of this case is running."))
    if clock.state == Deadline.State.PAUSED:
        raise ValidationError(_("The clock is already stopped."))
    _pause_clock(actor, case, reason)
    case.save(update_fields=["clock_pause_reason"])
    _record(actor, case, "clock_pause", case.status, comment=comment, data={"reason": reason})
    return case


@transaction.atomic
def case_resume_clock(*, actor, case: EnforcementCase, comment: str = "") -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer_or_bureau(actor, case)
    if case.clock_pause_reason not in ClockPause.MANUAL:
        raise ValidationError(_("The clock is not stopped for testing, identification or public notice."))
    _resume_clock(actor, case)
    case.save(update_fields=["clock_pause_reason"])
    _record(actor, case, "clock_resume", case.status, comment=comment)
    return case


def _ensure_officer_or_bureau(actor, case) -> None:
    if case.filed_on:
        _ensure_officer(actor, case)
    else:
        _ensure_bureau_staff(actor, case.bureau)


@transaction.atomic
def case_extend_clock(*, actor, case: EnforcementCase, days: int, reason: str, participants: str = "") -> CaseExtension:
    """+30 days with the lead's approval; any further extension only by collective decision."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(reason, "reason", _("Give the reason for the extension."))
    clock = open_clock(case) if case.filed_on else None
    if clock is None:
        raise ValidationError(_("The 90-day time limit runs only between filing and decision."))
    first = not case.extensions.exists()
    if first:
        if not 0 < days <= LEAD_EXTENSION_DAYS:
            raise ValidationError({"days": _("The lead may extend by at most 30 days.")})
        kind = CaseExtension.Kind.LEAD
    else:
        if not participants.strip():
            raise ValidationError(
                {"participants": _("A further extension needs a collective decision: list who took part.")}
            )
        if days <= 0:
            raise ValidationError({"days": _("An extension must be positive.")})
        kind = CaseExtension.Kind.COLLECTIVE
    deadline_extend(actor=actor, deadline=clock, amount=days, reason=reason)
    extension = CaseExtension.objects.create(
        case=case, kind=kind, days=days, reason=reason.strip(), decided_by=actor, participants=participants.strip()
    )
    _record(actor, case, "extend", case.status, comment=reason, data={"days": days, "kind": kind})
    return extension


@transaction.atomic
def case_investigate(
    *,
    actor,
    case: EnforcementCase,
    action: str,
    report: str = "",
    proposed_outcome: str = "",
    proposed_fine: Decimal | None = None,
    proposed_confiscation: Decimal | None = None,
) -> EnforcementCase:
    """The officers submit the investigation report, or propose to suspend or terminate."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(report, "report", _("Write the report or the reason."))
    before = case.status
    if action == InvestigationAction.REPORT:
        if not case.evidence.exclude(kind=CaseEvidence.Kind.COMPLAINT).exists():
            raise ValidationError(_("Record at least one evidence item before submitting the report."))
        _validate_amounts(proposed_outcome, proposed_fine, proposed_confiscation, "proposed_")
        case.submit_report()
        case.report = report.strip()
        case.proposed_outcome = proposed_outcome
        case.proposed_fine, case.proposed_confiscation = proposed_fine, proposed_confiscation
        case.save()
    elif action in (InvestigationAction.PROPOSE_SUSPENSION, InvestigationAction.PROPOSE_TERMINATION):
        if case.status != Status.INVESTIGATING:
            raise ValidationError(_("Only a case under investigation can be suspended or terminated."))
    else:
        raise ValidationError({"action": _("Choose what to do.")})
    _record(actor, case, f"investigate.{action}", before, comment=report, data={"proposed": proposed_outcome})
    if action != InvestigationAction.REPORT:
        tell_case_staff(members_of(case.bureau_id, Role.LEAD), case, "lead_decision_needed")
    return case


def _validate_amounts(outcome, fine, confiscation, prefix="") -> None:
    if outcome not in Outcome.values:
        raise ValidationError({f"{prefix}outcome": _("Choose the outcome.")})
    if any(amount is not None and amount < 0 for amount in (fine, confiscation)):
        raise ValidationError({f"{prefix}fine": _("Amounts cannot be negative.")})
    if outcome == Outcome.PENALTY and not ((fine or 0) > 0 or (confiscation or 0) > 0):
        raise ValidationError({f"{prefix}fine": _("A penalty needs a fine or a confiscation amount.")})


@transaction.atomic
def case_decide_interruption(
    *, actor, case: EnforcementCase, action: str, approve: bool, comment: str
) -> EnforcementCase:
    """The lead approves a suspension (the clock stops) or a termination, or refuses it."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(comment, "comment", _("Give the reason for the decision."))
    before = case.status
    if approve and action == InvestigationAction.PROPOSE_SUSPENSION:
        case.suspend()
        _pause_clock(actor, case, ClockPause.SUSPENSION)
    elif approve and action == InvestigationAction.PROPOSE_TERMINATION:
        case.terminate()
        case.closing_reason = comment.strip()
        clock = open_clock(case)
        if clock is not None:
            deadline_cancel(actor=actor, deadline=clock, reason=comment)
    case.save()
    _record(actor, case, f"{action}.{'approve' if approve else 'reject'}", before, comment=comment)
    return case


@transaction.atomic
def case_resume(*, actor, case: EnforcementCase, comment: str) -> EnforcementCase:
    """The cause of the suspension is gone: the investigation and its clock go on."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _require(comment, "comment", _("Say why the investigation resumes."))
    before = case.status
    case.resume()
    _resume_clock(actor, case)
    case.save()
    _record(actor, case, "resume", before, comment=comment)
    return case


# ---------------------------------------------------------------- review, approval, notice, defence


@transaction.atomic
def case_review(*, actor, case: EnforcementCase, approve: bool, opinion: str) -> EnforcementCase:
    """法制审核 / 案件审核: a reviewer who did not investigate passes the case or sends it back."""
    case = lock_case(case)
    body = reviewing_body(case)
    if not _has_role(actor, "work_as_staff", body):
        raise PermissionDenied(_("The review belongs to %(body)s.") % {"body": body.name})
    if is_case_officer(actor, case):
        raise PermissionDenied(_("An officer who investigated the case cannot review it."))
    _require(opinion, "opinion", _("Write the review opinion."))
    before = case.status
    if approve:
        case.pass_review()
        tell_case_staff(members_of(case.bureau_id, Role.LEAD), case, "lead_decision_needed")
    else:
        case.send_back()
    case.review_opinion = opinion.strip()
    case.save()
    _record(actor, case, "review." + ("pass" if approve else "send_back"), before, comment=opinion)
    return case


@transaction.atomic
def case_lead_approve(*, actor, case: EnforcementCase, approve: bool, comment: str = "") -> EnforcementCase:
    """The lead approves the proposal: a proposed penalty is notified to the party first."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    before = case.status
    if not approve:
        _require(comment, "comment", _("Say what must be investigated further."))
        case.send_back()
    elif case.proposed_outcome == Outcome.PENALTY:
        case.approve_notice()
    else:
        case.approve_without_notice()
    case.save()
    if case.status == Status.NOTICE:
        documents.case_document_issue(actor=actor, case=case, kind=documents.NOTICE)
    _record(actor, case, "approve" if approve else "approve.send_back", before, comment=comment)
    return case


def _ensure_defence_window_over(case: EnforcementCase) -> None:
    """DOMAIN.md §4: no decision while the party may still be heard."""
    if defence_window_open(case):
        raise ValidationError(
            _(
                "The party may state a defence or ask for a hearing until %(due)s (5 working days after the "
                "notice was served on %(served)s). The case can go on from the next day, or earlier only if "
                "the party waives the rest of the window in writing: record the waiver."
            )
            % {"due": defence_due(case).isoformat(), "served": case.notice_served_on.isoformat()}
        )


def _validate_served_on(served_on: datetime.date, field: str) -> None:
    if served_on is None or served_on > _today():
        raise ValidationError({field: _("The date of service cannot be in the future.")})


@transaction.atomic
def case_serve_notice(*, actor, case: EnforcementCase, served_on: datetime.date, method: str) -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer(actor, case)
    _validate_served_on(served_on, "served_on")
    if method not in ServiceMethod.choices:
        raise ValidationError({"method": _("Choose how it was served.")})
    before = case.status
    case.serve_notice()
    case.notice_served_on = served_on
    case.save()
    _record(actor, case, "serve_notice", before, data={"served_on": served_on, "method": method})
    return case


@transaction.atomic
def case_record_defence(
    *,
    actor,
    case: EnforcementCase,
    defence: str = "",
    hearing_requested: bool = False,
    hearing_at: datetime.datetime | None = None,
    hearing_place: str = "",
    waived: bool = False,
    waived_on: datetime.date | None = None,
    waiver_document=None,
) -> EnforcementCase:
    """The party's defence, or its request for a hearing (notified at least 7 days ahead).

    A hearing may be asked for at any time in the window. Otherwise the case goes on to the re-check
    (and so to the decision) only once the 5-working-day window has run out, or earlier when the
    party waived the rest of it in writing: the date and, ideally, a copy of the waiver are kept.
    """
    case = lock_case(case)
    _ensure_officer(actor, case)
    before = case.status
    if waived and hearing_requested:
        raise ValidationError(
            {"waived": _("A party that asks for a hearing has not waived its defence; record one or the other.")}
        )
    stored = None
    if hearing_requested:
        if hearing_at is None or hearing_at.date() < _today() + datetime.timedelta(days=HEARING_NOTICE_DAYS):
            raise ValidationError(
                {"hearing_at": _("The party must be notified at least 7 days before the hearing; choose a later date.")}
            )
        _require(hearing_place, "hearing_place", _("Give the place of the hearing."))
        case.request_hearing()
        case.hearing_at, case.hearing_place = hearing_at, hearing_place.strip()
        _pause_clock(actor, case, ClockPause.HEARING)
    else:
        if waived:
            _validate_waiver(case, waived_on, waiver_document)
            case.defence_waived_on = waived_on
        _ensure_defence_window_over(case)
        case.start_recheck()
        if waived and waiver_document is not None:
            stored = _store_evidence(
                case=case,
                kind=CaseEvidence.Kind.WAIVER,
                description=_("Written waiver of the defence, signed on %(date)s") % {"date": waived_on.isoformat()},
                uploaded=waiver_document,
                actor=actor,
            )
    case.defence = defence.strip()
    case.save()
    data = {"hearing": hearing_requested}
    if case.defence_waived_on:
        # The waiver is what lets the case go on early: its date and the copy's hash are audited.
        data.update(
            waived_on=case.defence_waived_on,
            window_until=defence_due(case),
            waiver_file=stored.original_name if stored else "",
            waiver_sha256=stored.sha256 if stored else "",
        )
    action = "defence.waived" if case.defence_waived_on else "defence"
    _record(actor, case, action, before, comment=defence, data=data)
    return case


def _validate_waiver(case: EnforcementCase, waived_on, waiver_document) -> None:
    if waived_on is None:
        raise ValidationError({"waived_on": _("Give the date on which the party signed the waiver.")})
    if waived_on > _today():
        raise ValidationError({"waived_on": _("The waiver cannot be dated in the future.")})
    if waived_on < case.notice_served_on:
        raise ValidationError(
            {
                "waived_on": _("The waiver cannot be dated before the notice was served on %(served)s.")
                % {"served": case.notice_served_on.isoformat()}
            }
        )
    if waiver_document is not None:
        validate_upload(waiver_document)


@transaction.atomic
def case_hold_hearing(*, actor, case: EnforcementCase, record: str) -> EnforcementCase:
    case = lock_case(case)
    _ensure_bureau_staff(actor, case.bureau)
    _require(record, "record", _("Write the hearing record."))
    if case.hearing_at and timezone.now() < case.hearing_at:
        raise ValidationError(
            _("The hearing is scheduled for %(time)s; record it once it has been held.")
            % {"time": formats.date_format(timezone.localtime(case.hearing_at), "DATETIME_FORMAT")}
        )
    before = case.status
    case.start_recheck()
    case.hearing_record = record.strip()
    _resume_clock(actor, case)
    case.save()
    _record(actor, case, "hearing", before, comment=record)
    return case


@transaction.atomic
def case_recheck(*, actor, case: EnforcementCase, opinion: str) -> EnforcementCase:
    """复核: the officers weigh the defence and the hearing before the decision."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(opinion, "opinion", _("Write the re-check opinion."))
    _ensure_defence_window_over(case)  # after a hearing held early in the window, too
    before = case.status
    case.finish_recheck()
    case.recheck_opinion = opinion.strip()
    case.save()
    _record(actor, case, "recheck", before, comment=opinion)
    return case


# ---------------------------------------------------------------- decision, service, execution, closure


@transaction.atomic
def case_decide(
    *,
    actor,
    case: EnforcementCase,
    outcome: str,
    grounds: str,
    fine: Decimal | None = None,
    confiscation: Decimal | None = None,
    collective_decision: str = "",
) -> EnforcementCase:
    """The decision. A penalty needs a served notice; a major case is decided collectively."""
    case = lock_case(case)
    _ensure_lead(actor, case)
    _validate_amounts(outcome, fine, confiscation)
    _require(grounds, "grounds", _("Give the facts and legal grounds of the decision."))
    if outcome == Outcome.PENALTY and case.notice_served_on is None:
        raise ValidationError(
            {"outcome": _("A penalty cannot be decided before the notice of the proposed penalty was served.")}
        )
    if case.is_major:
        _require(collective_decision, "collective_decision", _("A major case is decided collectively: record it."))
    before = case.status
    if outcome in (Outcome.PENALTY, Outcome.NO_PENALTY):
        case.decide_to_serve()
    else:
        case.decide_to_close()
    case.outcome = outcome
    case.fine = fine if outcome == Outcome.PENALTY else None
    case.confiscation = confiscation if outcome == Outcome.PENALTY else None
    case.decision_grounds = grounds.strip()
    case.collective_decision = collective_decision.strip()
    case.decided_on = _today()
    case.save()
    clock = open_clock(case)
    if clock is not None:
        if clock.state == Deadline.State.PAUSED:
            deadline_resume(actor=actor, deadline=clock)
        deadline_meet(actor=actor, deadline=clock)
    if outcome == Outcome.PENALTY:
        documents.case_document_issue(actor=actor, case=case, kind=documents.DECISION)
    _record(
        actor, case, f"decide.{outcome}", before, comment=grounds, data={"fine": fine, "confiscation": confiscation}
    )
    tell_case_staff([o.officer for o in case.officers.select_related("officer")], case, "decided")
    return case


@transaction.atomic
def case_serve_decision(*, actor, case: EnforcementCase, served_on: datetime.date, method: str) -> EnforcementCase:
    """Service of the decision; by public notice it counts 30 days later. A fine is due 15 days after."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    _validate_served_on(served_on, "served_on")
    if method not in ServiceMethod.choices:
        raise ValidationError({"method": _("Choose how it was served.")})
    effective = served_on
    if method == ServiceMethod.PUBLIC_NOTICE:
        effective = served_on + datetime.timedelta(days=PUBLIC_NOTICE_SERVICE_DAYS)
    before = case.status
    if case.outcome == Outcome.PENALTY:
        case.serve_for_execution()
        case.payment_due = compute_due("calendar_days", effective, 15, WorkingCalendar()).date
    else:
        case.serve_to_close()
    case.decision_served_on, case.service_method = effective, method
    case.save()
    documents.case_document_issue(
        actor=actor, case=case, kind=documents.SERVICE_PROOF, method=ServiceMethod.labels[method], served_on=served_on
    )
    _record(actor, case, "serve_decision", before, data={"served_on": served_on, "method": method})
    return case


@transaction.atomic
def case_record_execution(
    *, actor, case: EnforcementCase, paid_on: datetime.date, amount_paid: Decimal
) -> EnforcementCase:
    """The fine (and any late fee) is paid; the case can be closed."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    if paid_on is None or paid_on > _today():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    fee = late_fee(fine=case.fine or Decimal(0), due_on=case.payment_due, paid_on=paid_on)
    owed = (case.fine or Decimal(0)) + fee
    if amount_paid != owed:
        raise ValidationError(
            {
                "amount_paid": _("%(owed)s yuan are owed (fine %(fine)s + late fee %(fee)s); %(paid)s recorded.")
                % {"owed": owed, "fine": case.fine or 0, "fee": fee, "paid": amount_paid}
            }
        )
    before = case.status
    case.execute()
    case.paid_on, case.late_fee, case.executed_on = paid_on, fee, _today()
    case.save()
    _record(actor, case, "execute", before, data={"paid_on": paid_on, "amount": amount_paid, "late_fee": fee})
    return case


@transaction.atomic
def case_close(*, actor, case: EnforcementCase, summary: str) -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(summary, "summary", _("Summarise how the case ends."))
    if case.status != Status.CLOSURE:
        raise ValidationError(_("The case can be closed only once its decision is served and executed."))
    before = case.status
    case.close()
    case.closed_on = _today()
    case.closure_summary = summary.strip()
    case.save()
    documents.case_document_issue(actor=actor, case=case, kind=documents.CLOSURE_FORM)
    _record(actor, case, "close", before, comment=summary)
    return case


@transaction.atomic
def case_archive(*, actor, case: EnforcementCase) -> EnforcementCase:
    case = lock_case(case)
    _ensure_bureau_staff(actor, case.bureau)
    before = case.status
    case.archive()
    case.archived_on = _today()
    case.save()
    _record(actor, case, "archive", before)
    return case
