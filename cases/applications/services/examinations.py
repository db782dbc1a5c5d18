"""The examinations: the provincial bureau's preliminary one, 科技司's formal one, and the lead's
decision on a proposed rejection."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organizations.models import Role
from organizations.selectors import members_of

from ...models import Application, Purpose, Regime
from ..choices import ApplicationAction, Outcome
from ..notices import tell_applicant, tell_staff
from .common import (
    ask_applicant,
    ensure_role,
    lock,
    national_department,
    propose_rejection,
    provincial_bureau,
    record,
    require,
)

PRELIMINARY_ACTIONS = {
    Outcome.ACCEPT: ApplicationAction.PRELIMINARY_ACCEPT,
    Outcome.SUPPLEMENT: ApplicationAction.PRELIMINARY_SUPPLEMENT,
    Outcome.REJECT: ApplicationAction.PRELIMINARY_REJECT,
}
FORMAL_ACTIONS = {
    Outcome.ACCEPT: ApplicationAction.FORMAL_ACCEPT,
    Outcome.DEFECT: ApplicationAction.FORMAL_DEFECT,
    Outcome.REJECT: ApplicationAction.FORMAL_REJECT,
}


@transaction.atomic
def application_examine_preliminary(
    *, actor: User, application: Application, outcome: str, comment: str = ""
) -> Application:
    """The provincial bureau: forward to the national examination, ask for a supplement, or propose rejection."""
    application = lock(application)
    bureau = provincial_bureau(application)
    ensure_role(actor, "work_as_staff", bureau)
    before = application.status
    if outcome == Outcome.ACCEPT:
        application.forward_to_formal_examination()
    elif outcome == Outcome.SUPPLEMENT:
        require(comment, "comment", _("Say what the applicant must supplement."))
        application.request_supplement()
        ask_applicant(application, comment)
    elif outcome == Outcome.REJECT:
        propose_rejection(actor, application, bureau, comment)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    record(actor, application, PRELIMINARY_ACTIONS[outcome], before, comment, round=application.supplement_rounds)
    if outcome == Outcome.ACCEPT:
        tell_applicant(application, "forwarded")
    elif outcome == Outcome.SUPPLEMENT:
        tell_applicant(application, "supplement_requested", reason=comment)
    return application


@transaction.atomic
def application_examine_formal(
    *, actor: User, application: Application, outcome: str, comment: str = ""
) -> Application:
    """科技司: accept, send a defect notice back through the province, or propose rejection."""
    application = lock(application)
    kjs = national_department("KJS")
    ensure_role(actor, "work_as_staff", kjs)
    before = application.status
    if outcome == Outcome.ACCEPT:
        if application.purpose == Purpose.MINOR_AMENDMENT:
            application.accept_minor_amendment()
        elif application.regime == Regime.CNIPA_2023:
            application.accept_for_review()
        else:
            application.accept_for_announcement()
    elif outcome == Outcome.DEFECT:
        require(comment, "comment", _("Write the defects the applicant must correct."))
        application.issue_defect_notice()
        ask_applicant(application, comment)
    elif outcome == Outcome.REJECT:
        propose_rejection(actor, application, kjs, comment)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    record(actor, application, FORMAL_ACTIONS[outcome], before, comment, round=application.supplement_rounds)
    if outcome == Outcome.ACCEPT:
        tell_applicant(application, "accepted")
    elif outcome == Outcome.DEFECT:
        tell_applicant(application, "defect_notice", reason=comment)
        tell_staff(members_of(provincial_bureau(application).pk, Role.STAFF), application, "defect_notice")
    return application


@transaction.atomic
def application_decide_rejection(*, actor: User, application: Application, approve: bool, comment: str) -> Application:
    """The lead of the body that proposed the rejection confirms it or sends the case back."""
    application = lock(application)
    if application.rejection_department is None:
        raise ValidationError(_("No rejection is proposed."))
    ensure_role(actor, "work_as_lead", application.rejection_department)
    require(comment, "comment", _("Give the reasons of your decision."))
    before = application.status
    if approve:
        application.reject()
        application.closed_at = timezone.now()
        application.closing_reason = comment
    else:
        application.refuse_rejection()
        application.rejection_department = None
        application.rejection_stage = ""
    application.save()
    record(
        actor,
        application,
        ApplicationAction.REJECTION_APPROVE if approve else ApplicationAction.REJECTION_REFUSE,
        before,
        comment,
    )
    if approve:
        tell_applicant(application, "rejected", reason=comment)
    return application
