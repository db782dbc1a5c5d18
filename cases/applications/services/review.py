"""The technical review: 科技司 convenes the experts, each gives an opinion, the chair concludes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record

from ...models import Application, ExpertOpinion, Regime
from ..choices import ApplicationAction, ReviewOutcome
from ..notices import tell_staff
from ..selectors import eligible_experts
from .common import ensure_role, lock, national_department, propose_rejection, record, require

Status = Application.Status
MIN_EXPERTS = 3
REVIEW_ACTIONS = {
    ReviewOutcome.MEETS_CONDITIONS: ApplicationAction.REVIEW_PASS,
    ReviewOutcome.REJECT: ApplicationAction.REVIEW_REJECT,
}


def current_round(application: Application) -> int:
    return application.expert_opinions.order_by("-review_round").values_list("review_round", flat=True).first() or 0


@transaction.atomic
def application_convene_review(*, actor: User, application: Application, experts: list, chair) -> Application:
    """科技司 convenes at least three experts of the committee and names the chair."""
    application = lock(application)
    ensure_role(actor, "work_as_staff", national_department("KJS"))
    if application.status != Status.TECHNICAL_REVIEW:
        raise ValidationError(_("The application is not in technical review."))
    experts = list(dict.fromkeys(experts))
    if len(experts) < MIN_EXPERTS:
        raise ValidationError({"experts": _("Convene at least %(count)d experts.") % {"count": MIN_EXPERTS}})
    eligible = set(eligible_experts().values_list("pk", flat=True))
    strangers = [str(expert) for expert in experts if expert.pk not in eligible]
    if strangers:
        raise ValidationError(
            {"experts": _("Not on the expert committee: %(names)s.") % {"names": "、".join(strangers)}}
        )
    if chair not in experts:
        raise ValidationError({"chair": _("The chair must be one of the convened experts.")})
    review_round = current_round(application) + 1
    ExpertOpinion.objects.bulk_create(
        ExpertOpinion(application=application, expert=expert, review_round=review_round) for expert in experts
    )
    application.review_chair = chair
    application.save(update_fields=["review_chair"])
    audit_record(
        actor=actor,
        action=ApplicationAction.REVIEW_CONVENE,
        target=application,
        data={"round": review_round, "experts": [expert.pk for expert in experts], "chair": chair.pk},
    )
    tell_staff(experts, application, "review_convened")
    return application


@transaction.atomic
def expert_opinion_submit(*, actor: User, opinion: ExpertOpinion, text: str, vote: str) -> ExpertOpinion:
    opinion = ExpertOpinion.objects.select_for_update().select_related("application").get(pk=opinion.pk)
    if opinion.expert_id != actor.pk:
        raise PermissionDenied(_("Only the expert convened may give this opinion."))
    if opinion.application.status != Status.TECHNICAL_REVIEW or opinion.review_round != current_round(
        opinion.application
    ):
        raise ValidationError(_("This review is closed."))
    if opinion.is_submitted:
        raise ValidationError(_("You already gave your opinion in this review."))
    require(text, "opinion", _("Write your opinion."))
    if vote not in ExpertOpinion.Vote.values:
        raise ValidationError({"vote": _("Choose your vote.")})
    opinion.opinion, opinion.vote, opinion.submitted_at = text, vote, timezone.now()
    opinion.save()
    audit_record(
        actor=actor,
        action=ApplicationAction.REVIEW_OPINION,
        target=opinion.application,
        data={"round": opinion.review_round, "vote": vote},
    )
    return opinion


@transaction.atomic
def application_conclude_review(*, actor: User, application: Application, outcome: str, conclusion: str) -> Application:
    """The chair records the meeting's conclusion once every convened expert has voted."""
    application = lock(application)
    if application.review_chair_id != actor.pk:
        raise PermissionDenied(_("Only the chair of the review records its conclusion."))
    opinions = application.expert_opinions.filter(review_round=current_round(application))
    waiting = [str(opinion.expert) for opinion in opinions if not opinion.is_submitted]
    if not opinions or waiting:
        raise ValidationError(_("Waiting for the opinions of: %(names)s.") % {"names": "、".join(waiting) or "—"})
    require(conclusion, "conclusion", _("Record the meeting's conclusion."))
    votes = {vote: opinions.filter(vote=vote).count() for vote in ExpertOpinion.Vote.values}
    before = application.status
    application.review_conclusion = conclusion
    if outcome == ReviewOutcome.MEETS_CONDITIONS:
        if application.regime == Regime.AQSIQ_2005:
            application.pass_review_for_approval()
        else:
            application.pass_review_for_recognition()
    elif outcome == ReviewOutcome.REJECT:
        propose_rejection(actor, application, national_department("KJS"), conclusion)
    else:
        raise ValidationError(_("Unknown outcome."))
    application.save()
    record(actor, application, REVIEW_ACTIONS[outcome], before, conclusion, votes=votes)
    return application
