"""Writes on brand evaluation rounds: one service per change, each in a transaction with one audit
event. The flow (brands.flows) offers each stage to its body and role (brands.stages); the
services check the same permission again, so no entry point can skip it."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from cases.models import ProtectedProduct
from cases.uploads import checked_upload_fields
from organizations.models import Department
from organizations.selectors import bureau_of

from .audit_actions import BrandAction
from .models import TOP, BrandRound, DossierFile, Recommendation, Stage
from .notices import tell_bureaus_their_results, tell_provinces_of_the_call
from .stages import stage_department, stage_work

ORGANISERS = ("ZLS", "KJS")
MAX_STRENGTH = Decimal(1000)


def _ensure(actor: User, permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _locked(brand_round: BrandRound) -> BrandRound:
    return BrandRound.objects.select_for_update().select_related("organiser").get(pk=brand_round.pk)


@transaction.atomic
def round_open(*, actor: User, year: int, organiser: Department, recommendations_due: datetime.date) -> BrandRound:
    """The organising body (质量司 or 科技司) opens the year's round; the call for recommendations begins."""
    if organiser.code not in ORGANISERS:
        raise ValidationError({"organiser": _("A round is organised by the 质量司 or the 科技司.")})
    _ensure(actor, "work_as_staff", organiser)
    if BrandRound.objects.filter(year=year).exists():
        raise ValidationError({"year": _("The round of %(year)s is already open.") % {"year": year}})
    if recommendations_due < timezone.localdate():
        raise ValidationError({"recommendations_due": _("The date for recommendations has passed.")})
    brand_round = BrandRound.objects.create(
        year=year, organiser=organiser, recommendations_due=recommendations_due, opened_by=actor
    )
    audit_record(actor=actor, action=BrandAction.OPEN, target=brand_round, to_state=brand_round.status)
    tell_provinces_of_the_call(brand_round)
    return brand_round


@transaction.atomic
def recommendation_add(
    *,
    actor: User,
    brand_round: BrandRound,
    product: ProtectedProduct,
    has_plan: bool,
    reason: str,
    files: list,
) -> Recommendation:
    """A provincial bureau recommends one of its province's protected products, with its dossier."""
    brand_round = _locked(brand_round)
    bureau = bureau_of(product.province)
    _ensure(actor, "work_as_staff", bureau)
    if brand_round.status != Stage.CALL:
        raise ValidationError(_("The call for recommendations of this round is closed."))
    if not product.is_protected:
        raise ValidationError({"product": _("Only a product under protection can be recommended.")})
    if brand_round.recommendations.filter(product=product).exists():
        raise ValidationError({"product": _("This product is already recommended in this round.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the grounds of the recommendation.")})
    files = [file for file in files if file]
    if not files:
        raise ValidationError(_("Attach the recommendation's dossier (at least one file)."))
    checked = [checked_upload_fields(file) for file in files]  # every file checked before any is stored
    recommendation = Recommendation.objects.create(
        round=brand_round,
        product=product,
        province=product.province,
        bureau=bureau,
        has_plan=has_plan,
        reason=reason.strip(),
        recommended_by=actor,
    )
    for fields in checked:
        DossierFile.objects.create(recommendation=recommendation, uploaded_by=actor, **fields)
    audit_record(
        actor=actor,
        action=BrandAction.RECOMMEND,
        target=brand_round,
        data={"product": product.name, "province": product.province.code, "has_plan": has_plan, "files": len(files)},
    )
    return recommendation


def _in_evaluation(brand_round: BrandRound):
    return brand_round.recommendations.filter(status=Recommendation.Status.ADMITTED).select_related("product")


def _exclude(brand_round: BrandRound, excluded, reason: str) -> list[str]:
    names = []
    for recommendation in brand_round.recommendations.filter(pk__in=list(excluded or [])).select_related("product"):
        recommendation.exclude()
        recommendation.exclusion_reason = reason
        recommendation.save()
        names.append(recommendation.product.name)
    return names


def _numbers(brand_round: BrandRound, given: dict, field: str, low: Decimal, high: Decimal | None) -> dict:
    """Every product in the evaluation gets its number, within the scale; nothing is saved otherwise."""
    missing = [r.product.name for r in _in_evaluation(brand_round) if given.get(r.pk) is None]
    if missing:
        raise ValidationError(_("Give a figure for every product: %(names)s.") % {"names": "、".join(missing)})
    for value in given.values():
        if value is None or value < low or (high is not None and value > high):
            raise ValidationError(_("A figure is outside the scale."))
    changed = {}
    for recommendation in _in_evaluation(brand_round):
        setattr(recommendation, field, given[recommendation.pk])
        recommendation.save(update_fields=[field])
        changed[recommendation.product.name] = str(given[recommendation.pk])
    return changed


def _do_stage(brand_round: BrandRound, data: dict) -> dict:
    """The stage's own work; returns what the audit event records."""
    stage = brand_round.status
    comment = (data.get("comment") or "").strip()
    if stage == Stage.CALL:
        if not brand_round.recommendations.exists():
            raise ValidationError(_("No province has recommended a product yet."))
        return {"recommendations": brand_round.recommendations.count()}
    if stage in (Stage.SCREENING, Stage.EXPERT_REVIEW):
        excluded = list(data.get("excluded") or [])
        if stage == Stage.EXPERT_REVIEW and not comment:
            raise ValidationError({"comment": _("Write the experts' opinion.")})
        if excluded and not comment:
            raise ValidationError({"comment": _("Say why the products are excluded.")})
        names = _exclude(brand_round, excluded, comment)
        if stage == Stage.SCREENING:
            for recommendation in brand_round.recommendations.filter(status=Recommendation.Status.RECOMMENDED):
                recommendation.admit()
                recommendation.save()
        if not _in_evaluation(brand_round).exists():
            raise ValidationError(_("At least one product must stay in the evaluation."))
        return {"excluded": names}
    if stage == Stage.SCORING:
        return {"strength": _numbers(brand_round, data.get("scores") or {}, "strength", Decimal(0), MAX_STRENGTH)}
    if stage == Stage.VALUATION:
        return {"value": _numbers(brand_round, data.get("values") or {}, "value", Decimal("0.01"), None)}
    if stage == Stage.SAMPLE_TESTING:
        failed = set(data.get("failed") or [])
        if failed and not comment:
            raise ValidationError({"comment": _("Say which tests failed and how.")})
        names = []
        for recommendation in _in_evaluation(brand_round):
            recommendation.sample_passed = recommendation.pk not in failed
            recommendation.save(update_fields=["sample_passed"])
            if not recommendation.sample_passed:
                names.append(recommendation.product.name)
        _exclude(brand_round, failed, comment)
        return {"failed": names}
    raise ValidationError(_("This stage has no work of its own."))


@transaction.atomic
def stage_complete(*, actor: User, brand_round: BrandRound, **data) -> BrandRound:
    """The stage's body records its work; the organiser's lead then approves the move on.

    The approval and publication stages move the round on at once: they are the lead's approval
    and the register's publication themselves."""
    brand_round = _locked(brand_round)
    work = stage_work(brand_round)
    _ensure(actor, work.permission, stage_department(brand_round))
    if brand_round.awaiting_approval or brand_round.is_published:
        raise ValidationError(_("This stage's work is already done."))
    before = brand_round.status
    comment = (data.get("comment") or "").strip()
    if before == Stage.APPROVAL:
        return _decide_results(actor, brand_round, approve=bool(data.get("approve")), comment=comment)
    if before == Stage.PUBLICATION:
        return _publish(actor, brand_round, published_on=data.get("published_on") or timezone.localdate())
    recorded = _do_stage(brand_round, data)
    brand_round.finish_stage()
    brand_round.save()
    audit_record(
        actor=actor,
        action=BrandAction.STAGE_DONE,
        target=brand_round,
        from_state=before,
        to_state=before,
        comment=comment,
        data={"stage": before, **recorded},
    )
    return brand_round


@transaction.atomic
def stage_decide(*, actor: User, brand_round: BrandRound, approve: bool, comment: str = "") -> BrandRound:
    """The organiser's lead approves the move to the next stage, or sends the stage's work back."""
    brand_round = _locked(brand_round)
    _ensure(actor, "work_as_lead", brand_round.organiser)
    if not brand_round.awaiting_approval:
        raise ValidationError(_("No stage of this round awaits approval."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be done again.")})
    before = brand_round.status
    brand_round.reopen_stage()
    if approve:
        brand_round.advance()
    brand_round.save()
    audit_record(
        actor=actor,
        action=BrandAction.STAGE_APPROVE if approve else BrandAction.STAGE_SEND_BACK,
        target=brand_round,
        from_state=before,
        to_state=brand_round.status,
        comment=comment,
    )
    return brand_round


def previous_round(brand_round: BrandRound) -> BrandRound | None:
    """The last published round before this one: last year's results, when there were any."""
    return BrandRound.objects.filter(year__lt=brand_round.year, status=Stage.PUBLISHED).order_by("-year").first()


def rank_round(brand_round: BrandRound) -> list[Recommendation]:
    """Ranks by brand value (then strength, then name), overall and within each category; the first
    50 make the top 50; each product's value of last year from the previous round's result."""
    ranked = sorted(
        (r for r in _in_evaluation(brand_round) if r.value is not None and r.sample_passed is not False),
        key=lambda r: (-r.value, -(r.strength or 0), r.product.name),
    )
    previous = previous_round(brand_round)
    last_year = (
        dict(previous.recommendations.filter(rank__isnull=False).values_list("product_id", "value"))
        if previous is not None
        else {}
    )
    in_category: dict[str, int] = {}
    for position, recommendation in enumerate(ranked, start=1):
        category = recommendation.product.category
        in_category[category] = in_category.get(category, 0) + 1
        recommendation.rank = position
        recommendation.category_rank = in_category[category]
        recommendation.top = position <= TOP
        recommendation.previous_value = last_year.get(recommendation.product_id)
        recommendation.save(update_fields=["rank", "category_rank", "top", "previous_value"])
    return ranked


def _decide_results(actor: User, brand_round: BrandRound, *, approve: bool, comment: str) -> BrandRound:
    if not approve and not comment:
        raise ValidationError({"comment": _("Say what must be done again.")})
    before = brand_round.status
    if approve:
        ranked = rank_round(brand_round)
        if not ranked:
            raise ValidationError(_("No product has a brand value to rank."))
        brand_round.advance()
    else:
        brand_round.send_back_to_scoring()
    brand_round.save()
    audit_record(
        actor=actor,
        action=BrandAction.RESULTS_APPROVE if approve else BrandAction.RESULTS_SEND_BACK,
        target=brand_round,
        from_state=before,
        to_state=brand_round.status,
        comment=comment,
    )
    return brand_round


def _publish(actor: User, brand_round: BrandRound, *, published_on: datetime.date) -> BrandRound:
    before = brand_round.status
    brand_round.advance()
    brand_round.published_on = published_on
    brand_round.save()
    audit_record(
        actor=actor,
        action=BrandAction.PUBLISH,
        target=brand_round,
        from_state=before,
        to_state=brand_round.status,
        data={"published_on": published_on.isoformat()},
    )
    tell_bureaus_their_results(brand_round)
    return brand_round
