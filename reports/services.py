"""Writes on statistics reports: one service per transition, each in a transaction, with an
audit event and notifications. The snapshot taken at submission freezes the report
(docs/adr/0015)."""

import datetime
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from deadlines.models import Deadline
from deadlines.rules import rule
from deadlines.selectors import deadlines_for
from deadlines.services import deadline_meet, deadline_start
from organizations.models import Department, Region, Role
from organizations.selectors import members_of

from .audit_actions import StatisticsAction
from .figures import figures_count
from .form_layout import ANSWER_FIELDS
from .models import Period, ReportSnapshot, StatisticsReport, period_due
from .notices import tell

DEADLINE_RULE = "statistics.report"
KJS = "KJS"


def national_office() -> Department:
    return Department.objects.get(code=KJS)


def _ensure(actor: User, permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _locked(report: StatisticsReport) -> StatisticsReport:
    return StatisticsReport.objects.select_for_update().select_related("province", "bureau").get(pk=report.pk)


@transaction.atomic
def reports_open_period(*, actor: Actor, year: int, period: int) -> list[StatisticsReport]:
    """A draft report for every provincial bureau, with its clock due on the period's date.

    Idempotent: the worker calls it every day of the reporting window.
    """
    if period not in Period.values:
        raise ValidationError(_("Unknown reporting period."))
    due = period_due(year, period)
    start = due - datetime.timedelta(days=rule(DEADLINE_RULE).amount)
    bureaus = Department.objects.filter(kind=Department.Kind.PROVINCIAL_BUREAU, region__level=Region.Level.PROVINCE)
    existing = set(StatisticsReport.objects.filter(year=year, period=period).values_list("province_id", flat=True))
    opened = []
    for bureau in bureaus.select_related("region").order_by("code"):
        if bureau.region_id in existing:
            continue
        report = StatisticsReport.objects.create(province=bureau.region, bureau=bureau, year=year, period=period)
        deadline_start(
            actor=actor,
            rule_code=DEADLINE_RULE,
            target=report,
            department=bureau,
            queue_role=Role.STATISTICS_OFFICER,
            start=start,
        )
        audit_record(actor=actor, action=StatisticsAction.OPEN, target=report, to_state=report.status)
        opened.append(report)
    return opened


def open_due_periods(today: datetime.date | None = None) -> int:
    """The worker's job: open the reports of every period whose reporting window has begun."""
    today = today or timezone.localdate()
    lead_days = datetime.timedelta(days=rule(DEADLINE_RULE).amount)
    opened = 0
    for period in Period.values:
        due = period_due(today.year, period)
        if due - lead_days <= today <= due:
            opened += len(reports_open_period(actor=None, year=today.year, period=period))
    return opened


def _clean_answers(answers: dict) -> dict:
    unknown = set(answers) - set(ANSWER_FIELDS) - {"contact_person", "contact_phone", "stage_report"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return answers


@transaction.atomic
def report_update(*, actor: User, report: StatisticsReport, answers: dict) -> StatisticsReport:
    """The officer fills in what the system does not hold; only while the report is editable."""
    report = _locked(report)
    _ensure(actor, "work_as_statistics_officer", report.bureau)
    if not report.is_editable:
        raise ValidationError(_("This report was submitted and can no longer be changed."))
    changed = {}
    for field, value in _clean_answers(answers).items():
        if getattr(report, field) != value:
            setattr(report, field, value)
            changed[field] = value
    if changed:
        report.full_clean(exclude=["province", "bureau", "current_snapshot", "status"])
        report.save()
        audit_record(actor=actor, action=StatisticsAction.UPDATE, target=report, data={"fields": sorted(changed)})
    return report


def report_live_content(report: StatisticsReport) -> dict:
    """Everything the form shows, counted now; what a snapshot stores."""
    start, end = report.window
    return {
        "header": {
            "bureau": report.bureau.name,
            "contact_person": report.contact_person,
            "contact_phone": report.contact_phone,
        },
        "window": [start.isoformat(), end.isoformat()],
        "figures": figures_count(report.province, start, end),
        "answers": {field: getattr(report, field) for field in ANSWER_FIELDS},
        "stage_report": report.stage_report,
    }


def _missing_answers(report: StatisticsReport) -> list[str]:
    required: dict[str, object] = {"contact_person": report.contact_person, "contact_phone": report.contact_phone}
    required["stage_report"] = report.stage_report.strip()
    return [
        StatisticsReport._meta.get_field(name).verbose_name for name, value in required.items() if value in ("", None)
    ]


@transaction.atomic
def report_submit(*, actor: User, report: StatisticsReport) -> StatisticsReport:
    """The officer submits to the lead: the figures are counted once more and frozen."""
    report = _locked(report)
    _ensure(actor, "work_as_statistics_officer", report.bureau)
    if not report.is_editable:
        raise ValidationError(_("This report was already submitted."))
    missing = _missing_answers(report)
    if missing:
        raise ValidationError(
            _("Fill in before submitting: %(fields)s.") % {"fields": "、".join(str(name) for name in missing)}
        )
    before = report.status
    content = report_live_content(report)
    encoded = json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    snapshot = ReportSnapshot.objects.create(
        report=report,
        number=report.snapshots.count() + 1,
        content=json.loads(encoded),
        sha256=hashlib.sha256(encoded.encode()).hexdigest(),
        taken_by=actor,
    )
    report.submit_for_approval()
    report.current_snapshot = snapshot
    report.submitted_at = timezone.now()
    report.save()
    audit_record(
        actor=actor,
        action=StatisticsAction.SUBMIT,
        target=report,
        from_state=before,
        to_state=report.status,
        data={"snapshot": snapshot.number, "sha256": snapshot.sha256},
    )
    tell(members_of(report.bureau_id, Role.LEAD), report, "awaiting_approval")
    return report


@transaction.atomic
def report_lead_decide(*, actor: User, report: StatisticsReport, approve: bool, comment: str = "") -> StatisticsReport:
    """The provincial lead sends the frozen report to the 科技司, or back to the officer."""
    report = _locked(report)
    _ensure(actor, "work_as_lead", report.bureau)
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be corrected.")})
    before = report.status
    if approve:
        report.approve()
        for deadline in deadlines_for(report).filter(
            rule_code=DEADLINE_RULE, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]
        ):
            deadline_meet(actor=actor, deadline=deadline)
    else:
        report.send_back()
        report.current_snapshot = None  # editable again: the live figures apply until the next submission
    report.save()
    audit_record(
        actor=actor,
        action=StatisticsAction.APPROVE if approve else StatisticsAction.SEND_BACK,
        target=report,
        from_state=before,
        to_state=report.status,
        comment=comment,
    )
    if approve:
        # The numbered copy the 科技司 receives, stored with its hash (the form as frozen).
        from .documents import statistics_form_issue

        statistics_form_issue(actor=actor, report=report)
        tell(members_of(national_office().pk, Role.STAFF), report, "submitted")
    else:
        tell(members_of(report.bureau_id, Role.STATISTICS_OFFICER), report, "sent_back", comment)
    return report


@transaction.atomic
def report_national_decide(
    *, actor: User, report: StatisticsReport, accept: bool, comment: str = ""
) -> StatisticsReport:
    """The 科技司 accepts the report (final) or returns it to the province for correction."""
    report = _locked(report)
    _ensure(actor, "work_as_staff", national_office())
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say what must be corrected.")})
    before = report.status
    if accept:
        report.accept()
    else:
        report.return_for_correction()
        report.current_snapshot = None
    report.decision_comment = comment
    report.decided_at = timezone.now()
    report.save()
    audit_record(
        actor=actor,
        action=StatisticsAction.ACCEPT if accept else StatisticsAction.RETURN,
        target=report,
        from_state=before,
        to_state=report.status,
        comment=comment,
    )
    recipients = [
        *members_of(report.bureau_id, Role.STATISTICS_OFFICER),
        *members_of(report.bureau_id, Role.LEAD),
    ]
    tell(recipients, report, "accepted" if accept else "returned", comment)
    return report
