"""Review, the lead's approval, the notice of the proposed penalty, the party's defence or hearing,
and the re-check before the decision."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organizations.models import Role
from organizations.selectors import members_of

from ...models import CaseEvidence, EnforcementCase
from .. import documents
from ..choices import ClockPause, EnforcementAction, ServiceMethod
from ..notices import tell_case_staff
from ..selectors import defence_due, defence_window_open, is_case_officer
from .common import (
    HEARING_NOTICE_DAYS,
    Outcome,
    Status,
    _checked,
    _ensure_bureau_staff,
    _ensure_lead,
    _ensure_officer,
    _has_role,
    _pause_clock,
    _record,
    _require,
    _resume_clock,
    _store_evidence,
    _today,
    lock_case,
    reviewing_body,
)


@transaction.atomic
def case_review(*, actor: User, case: EnforcementCase, approve: bool, opinion: str) -> EnforcementCase:
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
    _record(
        actor,
        case,
        EnforcementAction.REVIEW_PASS if approve else EnforcementAction.REVIEW_SEND_BACK,
        before,
        comment=opinion,
    )
    return case


@transaction.atomic
def case_lead_approve(*, actor: User, case: EnforcementCase, approve: bool, comment: str = "") -> EnforcementCase:
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
    _record(
        actor,
        case,
        EnforcementAction.APPROVE if approve else EnforcementAction.APPROVE_SEND_BACK,
        before,
        comment=comment,
    )
    return case


def _ensure_defence_window_over(case: EnforcementCase) -> None:
    """docs/domain.md §4: no decision while the party may still be heard."""
    served_on = case.notice_served_on
    if served_on is not None and defence_window_open(case):
        raise ValidationError(
            _(
                "The party may state a defence or ask for a hearing until %(due)s (5 working days after the "
                "notice was served on %(served)s). The case can go on from the next day, or earlier only if "
                "the party waives the rest of the window in writing: record the waiver."
            )
            % {"due": defence_due(case).isoformat(), "served": served_on.isoformat()}
        )


def _validate_served_on(served_on: datetime.date, field: str) -> None:
    if served_on is None or served_on > _today():
        raise ValidationError({field: _("The date of service cannot be in the future.")})


@transaction.atomic
def case_serve_notice(*, actor: User, case: EnforcementCase, served_on: datetime.date, method: str) -> EnforcementCase:
    case = lock_case(case)
    _ensure_officer(actor, case)
    _validate_served_on(served_on, "served_on")
    if method not in ServiceMethod.choices:
        raise ValidationError({"method": _("Choose how it was served.")})
    before = case.status
    case.serve_notice()
    case.notice_served_on = served_on
    case.save()
    _record(actor, case, EnforcementAction.SERVE_NOTICE, before, data={"served_on": served_on, "method": method})
    return case


@transaction.atomic
def case_record_defence(
    *,
    actor: User,
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
        earliest = _today() + datetime.timedelta(days=HEARING_NOTICE_DAYS)
        # The hearing's Beijing day, whatever zone the moment came in (in UTC it is a day early before 08:00).
        if hearing_at is None or timezone.localdate(hearing_at) < earliest:
            raise ValidationError(
                {"hearing_at": _("The party must be notified at least 7 days before the hearing; choose a later date.")}
            )
        _require(hearing_place, "hearing_place", _("Give the place of the hearing."))
        case.request_hearing()
        case.hearing_at, case.hearing_place = hearing_at, hearing_place.strip()
        _pause_clock(actor, case, ClockPause.HEARING)
    else:
        if waived:
            waiver = _validate_waiver(case, waived_on, waiver_document)
            case.defence_waived_on = waived_on
        _ensure_defence_window_over(case)
        case.start_recheck()
        if waived and waived_on is not None and waiver_document is not None:
            stored = _store_evidence(
                case=case,
                kind=CaseEvidence.Kind.WAIVER,
                description=_("Written waiver of the defence, signed on %(date)s") % {"date": waived_on.isoformat()},
                checked=waiver,
                actor=actor,
            )
    case.defence = defence.strip()
    case.save()
    data: dict[str, object] = {"hearing": hearing_requested}
    if case.defence_waived_on:
        # The waiver is what lets the case go on early: its date and the copy's hash are audited.
        data.update(
            waived_on=case.defence_waived_on,
            window_until=defence_due(case),
            waiver_file=stored.original_name if stored else "",
            waiver_sha256=stored.sha256 if stored else "",
        )
    action = EnforcementAction.DEFENCE_WAIVED if case.defence_waived_on else EnforcementAction.DEFENCE
    _record(actor, case, action, before, comment=defence, data=data)
    return case


def _validate_waiver(case: EnforcementCase, waived_on, waiver_document) -> dict | None:
    """Refuse a waiver dated wrongly or with a refused copy; the copy's stored-file fields, if any."""
    if waived_on is None:
        raise ValidationError({"waived_on": _("Give the date on which the party signed the waiver.")})
    if waived_on > _today():
        raise ValidationError({"waived_on": _("The waiver cannot be dated in the future.")})
    served_on = case.notice_served_on
    if served_on is not None and waived_on < served_on:
        raise ValidationError(
            {
                "waived_on": _("The waiver cannot be dated before the notice was served on %(served)s.")
                % {"served": served_on.isoformat()}
            }
        )
    if waiver_document is not None:
        return _checked(waiver_document)
    return None


@transaction.atomic
def case_hold_hearing(*, actor: User, case: EnforcementCase, record: str) -> EnforcementCase:
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
    _record(actor, case, EnforcementAction.HEARING, before, comment=record)
    return case


@transaction.atomic
def case_recheck(*, actor: User, case: EnforcementCase, opinion: str) -> EnforcementCase:
    """复核: the officers weigh the defence and the hearing before the decision."""
    case = lock_case(case)
    _ensure_officer(actor, case)
    _require(opinion, "opinion", _("Write the re-check opinion."))
    _ensure_defence_window_over(case)  # after a hearing held early in the window, too
    before = case.status
    case.finish_recheck()
    case.recheck_opinion = opinion.strip()
    case.save()
    _record(actor, case, EnforcementAction.RECHECK, before, comment=opinion)
    return case
