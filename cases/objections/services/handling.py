"""Objections (异议) to an announced application: filed by anyone, handled by 法规司.

Each is recorded on the application it objects to, with the objection's reference."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from organizations.identity_number import validate_person_or_organisation_code
from organizations.models import Role
from organizations.selectors import members_of

from ...applications.notices import tell_applicant, tell_staff
from ...applications.services import ensure_acts_for_applicant, ensure_role, national_department
from ...models import Application, Objection, ObjectionEvidence
from ...uploads import checked_upload_fields
from ..choices import ObjectionAction, WindowState
from ..selectors import objection_window_state

MAX_EVIDENCE_FILES = 5


def _lock(objection: Objection) -> Objection:
    return Objection.objects.select_for_update().select_related("application").get(pk=objection.pk)


def _record(actor: Actor, objection: Objection, action: ObjectionAction, before: str, comment: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        target=objection.application,
        from_state=before,
        to_state=objection.status,
        comment=comment,
        data={"objection": objection.reference},
    )


@transaction.atomic
def objection_file(
    *,
    application: Application,
    objector_name: str,
    objector_id_code: str,
    contact: str,
    grounds: str,
    evidence=(),
    actor: Actor = None,
) -> Objection:
    """Anyone may object while the window is open; the evidence is checked before anything is stored."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    state = objection_window_state(application)
    closes = application.objection_window_closes
    if state == WindowState.CLOSED and closes is not None:
        raise ValidationError(
            _("The objection window closed on %(date)s; objections are no longer accepted.")
            % {"date": formats.date_format(closes, "DATE_FORMAT")}
        )
    if state != WindowState.OPEN:
        raise ValidationError(_("This application is not open to objections."))
    evidence = list(evidence)
    if len(evidence) > MAX_EVIDENCE_FILES:
        raise ValidationError({"evidence": _("Attach at most %(count)d files.") % {"count": MAX_EVIDENCE_FILES}})
    try:
        validate_person_or_organisation_code(objector_id_code)
    except ValidationError as error:
        raise ValidationError({"objector_id_code": error.messages}) from None
    checked = [checked_upload_fields(uploaded) for uploaded in evidence]
    serial = application.objections.count() + 1
    objection = Objection(
        application=application,
        reference=f"{application.reference}-YY{serial:02d}",
        objector_name=objector_name.strip(),
        objector_id_code=objector_id_code.strip().upper(),
        contact=contact.strip(),
        grounds=grounds.strip(),
    )
    objection.full_clean(exclude=["status"])
    objection.save()
    for fields in checked:
        ObjectionEvidence.objects.create(objection=objection, uploaded_by=actor, **fields)
    audit_record(
        actor=actor,
        action=ObjectionAction.FILE,
        target=application,
        to_state=objection.status,
        data={"objection": objection.reference, "files": len(checked)},
    )
    tell_staff(members_of(national_department("FGS").pk, Role.STAFF), application, "objection_filed")
    return objection


@transaction.atomic
def objection_decide_admissibility(
    *, actor: User, objection: Objection, admissible: bool, reason: str = ""
) -> Objection:
    objection = _lock(objection)
    ensure_role(actor, "work_as_staff", national_department("FGS"))
    before = objection.status
    if admissible:
        objection.admit()
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the objection is inadmissible.")})
        objection.refuse_as_inadmissible()
        objection.decision_reason = reason
        objection.decided_at = timezone.now()
    objection.save()
    _record(actor, objection, ObjectionAction.ADMIT if admissible else ObjectionAction.INADMISSIBLE, before, reason)
    if admissible:
        tell_applicant(objection.application, "objection_received")
    return objection


@transaction.atomic
def objection_reply(*, actor: User, objection: Objection, reply: str) -> Objection:
    objection = _lock(objection)
    ensure_acts_for_applicant(actor, objection.application)
    if not reply.strip():
        raise ValidationError({"reply": _("Write your reply to the objection.")})
    before = objection.status
    objection.reply()
    objection.applicant_reply = reply
    objection.save()
    _record(actor, objection, ObjectionAction.REPLY, before)
    return objection


@transaction.atomic
def objection_decide(*, actor: User, objection: Objection, sustain: bool, reason: str) -> Objection:
    objection = _lock(objection)
    ensure_role(actor, "work_as_staff", national_department("FGS"))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons of the decision.")})
    if objection.application.status != Application.Status.OBJECTION_HANDLING:
        raise PermissionDenied(_("Objections are decided once the window has closed."))
    before = objection.status
    if sustain:
        objection.sustain()
    else:
        objection.reject()
    objection.decision_reason = reason
    objection.decided_at = timezone.now()
    objection.save()
    _record(actor, objection, ObjectionAction.SUSTAIN if sustain else ObjectionAction.REJECT, before, reason)
    return objection
