"""What every write on an application shares: who may act, the row lock, the audit record, and the
steps that send the case back to the applicant or propose its rejection."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from deadlines.services import deadline_start
from organizations.models import Department, Role
from organizations.selectors import bureau_of, enterprises_of, members_of

from ...models import Application
from ..choices import ApplicationAction
from ..notices import tell_staff

SUPPLEMENT_RULE = "application.supplement"


def ensure_acts_for_applicant(actor: User, application: Application) -> None:
    if not enterprises_of(actor).filter(pk=application.applicant_id).exists():
        raise PermissionDenied(_("You do not act for this applicant body."))


def ensure_role(actor: User, role_permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{role_permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def provincial_bureau(application: Application) -> Department:
    return bureau_of(application.province)


def national_department(code: str) -> Department:
    return Department.objects.get(code=code)


def lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def record(
    actor: Actor, application: Application, action: ApplicationAction, before: str, comment: str = "", **data
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=application,
        from_state=before,
        to_state=application.status,
        comment=comment,
        data=data or None,
    )


def require(text: str, field: str, message: str) -> None:
    if not (text or "").strip():
        raise ValidationError({field: message})


def ask_applicant(application: Application, request: str) -> None:
    """The case goes back to the applicant (supplement, defect notice, sustained objection): a new
    round, what is asked, and the applicant's clock; the provincial bureau hears if it runs out."""
    application.supplement_rounds += 1
    application.pending_request = request
    deadline_start(actor=None, rule_code=SUPPLEMENT_RULE, target=application, department=provincial_bureau(application))


def propose_rejection(actor: Actor, application: Application, department: Department, reason: str) -> None:
    require(reason, "comment", _("Give the reasons for the rejection; the applicant is told them."))
    application.rejection_stage = application.status
    application.rejection_department = department
    application.propose_rejection()
    tell_staff(members_of(department.pk, Role.LEAD), application, "rejection_proposed")
