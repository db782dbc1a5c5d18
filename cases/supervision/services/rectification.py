"""The producer's side of a rectification: the report of what was fixed, and the reminder
before its deadline (issue 23, ADR 0047)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from deadlines.calendar import WorkingCalendar
from organizations.selectors import enterprises_of

from ...declarations.notices import tell_producer
from ...models import CheckEvidence, RectificationReport, SupervisionCheck
from ...uploads import checked_upload_fields
from ..choices import SupervisionAction
from ..notices import tell_staff
from ..selectors import rectification_report_due

# Working days before the deadline when a producer who has not reported yet is reminded.
REMINDER_WORKING_DAYS = 3


@transaction.atomic
def rectification_report_submit(*, actor: User, check: SupervisionCheck, text: str, files=()) -> RectificationReport:
    """A producer account of the checked enterprise reports what it fixed, with evidence, while
    the check awaits its re-inspection. After the deadline the report is still taken (the
    inspector decides what lateness means) but marked late."""
    check = (
        SupervisionCheck.objects.select_for_update(of=("self",))
        .select_related("declaration", "inspector_a", "inspector_b", "campaign")
        .get(pk=check.pk)
    )
    if not enterprises_of(actor).filter(pk=check.declaration.enterprise_id).exists():
        raise PermissionDenied(_("Only the checked enterprise's accounts may report its rectification."))
    if check.status != SupervisionCheck.Status.RECTIFICATION or check.rectification_due is None:
        raise ValidationError(_("No rectification is awaited for this check."))
    if not text.strip():
        raise ValidationError({"fixed": _("Say what you rectified.")})
    if check.rectification_reports.filter(due_on=check.rectification_due).exists():
        raise ValidationError(_("Your rectification report was already sent; the bureau will re-inspect."))
    report = RectificationReport.objects.create(
        check_record=check,
        fixed=text.strip(),
        due_on=check.rectification_due,
        late=timezone.localdate() > check.rectification_due,
        submitted_by=actor,
    )
    stored = []
    for uploaded in files:
        evidence = CheckEvidence.objects.create(
            check_record=check, rectification_report=report, uploaded_by=actor, **checked_upload_fields(uploaded)
        )
        stored.append({"file": evidence.original_name, "sha256": evidence.sha256})
    audit_record(
        actor=actor,
        action=SupervisionAction.RECTIFICATION_REPORT,
        target=check,
        comment=report.fixed,
        data={"evidence": stored, "due_on": report.due_on.isoformat(), "late": report.late},
    )
    tell_staff([check.inspector_a, check.inspector_b], check, "rectification_reported", report=report)
    return report


def _needs_reminder(check: SupervisionCheck, today: datetime.date, calendar: WorkingCalendar) -> bool:
    due = check.rectification_due
    if due is None or due < today or check.rectification_reminded_for == due:
        return False
    return calendar.working_days_between(today, due) <= REMINDER_WORKING_DAYS


def rectification_remind(today: datetime.date | None = None, batch: int = 200) -> int:
    """Remind each producer whose rectification is due within REMINDER_WORKING_DAYS working days
    and who has not reported yet, once per deadline. Returns how many were reminded."""
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    horizon = calendar.add_working_days(today, REMINDER_WORKING_DAYS).date
    reminded = 0
    with transaction.atomic():
        awaiting = (
            SupervisionCheck.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=SupervisionCheck.Status.RECTIFICATION,
                rectification_due__gte=today,
                rectification_due__lte=horizon,
            )
            .select_related("declaration__enterprise", "declaration__product")
            .order_by("rectification_due", "pk")[:batch]
        )
        for check in awaiting:
            if not _needs_reminder(check, today, calendar) or rectification_report_due(check) is not None:
                continue
            tell_producer(check.declaration, "rectification_reminder", due_on=check.rectification_due)
            check.rectification_reminded_for = check.rectification_due
            SupervisionCheck.objects.filter(pk=check.pk).update(rectification_reminded_for=check.rectification_due)
            reminded += 1
    return reminded
