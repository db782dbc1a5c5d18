"""Writes on supervision campaigns and checks (双随机、一公开)."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition
from guardian.shortcuts import assign_perm

from audit.services import Change, audit_record, audit_record_many
from deadlines.calendar import WorkingCalendar
from organizations.models import Department, Membership, Region, Role
from organizations.selectors import members_of

from ..models import (
    CheckEvidence,
    ConflictOfInterest,
    Declaration,
    SupervisionCampaign,
    SupervisionCheck,
    next_in_sequence,
)
from ..notices import tell_producer, tell_staff
from ..supervision_draw import DrawImpossible, draw_by_ids, sample_count
from ..uploads import validate_upload

RECTIFICATION_DAYS = 30


def _ensure_lead(actor, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm("organizations.work_as_lead", department)):
        raise PermissionDenied(_("Only the lead of %(department)s may do this.") % {"department": department.name})


@transaction.atomic
def conflict_declare(*, actor, enterprise, reason: str) -> ConflictOfInterest:
    """An inspector declares a conflict of interest with an enterprise; the draw will skip them."""
    conflict, created = ConflictOfInterest.objects.get_or_create(
        inspector=actor, enterprise=enterprise, defaults={"reason": reason}
    )
    if created:
        audit_record(actor=actor, action="conflict.declare", target=conflict, comment=reason)
    return conflict


@transaction.atomic
def campaign_create(
    *,
    actor,
    title: str,
    organiser: Department,
    regions: list[Region],
    products: list,
    period_start: datetime.date,
    period_end: datetime.date,
    inspectors: list,
    sample_size: int | None = None,
    sample_percent: int | None = None,
) -> SupervisionCampaign:
    """A provincial or 科技司 lead plans a campaign."""
    _ensure_lead(actor, organiser)
    errors = {}
    if organiser.kind not in (Department.Kind.PROVINCIAL_BUREAU, Department.Kind.NATIONAL):
        errors["organiser"] = _("Campaigns are organised by a provincial bureau or a national department.")
    if (sample_size is None) == (sample_percent is None):
        errors["sample_size"] = _("Give either a number of declarations or a share, not both.")
    elif sample_percent is not None and not 1 <= sample_percent <= 100:
        errors["sample_percent"] = _("The share must be between 1 and 100 %.")
    if period_end < period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if not regions:
        errors["regions"] = _("Choose at least one region.")
    elif organiser.region_id and not all(organiser.region.contains(region) for region in regions):
        errors["regions"] = _("A bureau can only check inside its own region.")
    inspector_ids = {user.pk for user in inspectors}
    qualified = set(
        Membership.objects.filter(user_id__in=inspector_ids, role=Role.INSPECTOR, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    if len(qualified) < 2 or qualified != inspector_ids:
        errors["inspectors"] = _("Choose at least two inspectors, each holding the inspector role.")
    if errors:
        raise ValidationError(errors)
    year = timezone.localdate().year
    scope = f"CC-{organiser.code}-{year}"
    campaign = SupervisionCampaign.objects.create(
        reference=f"{scope}-{next_in_sequence(scope):03d}",
        title=title,
        organiser=organiser,
        period_start=period_start,
        period_end=period_end,
        sample_size=sample_size,
        sample_percent=sample_percent,
        created_by=actor,
    )
    campaign.regions.set(regions)
    campaign.products.set(products)
    campaign.inspectors.set(inspectors)
    audit_record(actor=actor, action="campaign.create", target=campaign, to_state=campaign.status)
    return campaign


def campaign_candidates(campaign: SupervisionCampaign):
    """Published declarations in the campaign's regions, products and period, not already being checked.

    Written so PostgreSQL answers from declaration_draw_idx alone: the regions as ids, the period
    as a bound on the timestamp (declared on or before the last day, in the current time zone).
    """
    in_regions = Q()
    for region in campaign.regions.all():
        in_regions |= Q(code__startswith=region.prefix)
    # Every region with whether the campaign covers it, in one query: a national campaign then
    # needs no region filter, which would otherwise pass all 3,000 region ids to the draw's read.
    regions = []
    if in_regions:  # no regions chosen: the whole country
        covered = Region.objects.annotate(inside=ExpressionWrapper(in_regions, output_field=BooleanField()))
        regions = list(covered.values_list("pk", "inside"))
    period_over = datetime.datetime.combine(campaign.period_end + datetime.timedelta(days=1), datetime.time.min)
    declarations = Declaration.objects.filter(
        status=Declaration.Status.PUBLISHED,
        declared_at__lt=timezone.make_aware(period_over),
    )
    if not all(inside for _pk, inside in regions):
        declarations = declarations.filter(production_region_id__in=[pk for pk, inside in regions if inside])
    products = list(campaign.products.values_list("pk", flat=True))
    if products:
        declarations = declarations.filter(product_id__in=products)
    return declarations


@transaction.atomic
def campaign_draw(*, actor, campaign: SupervisionCampaign, seed: str | None = None) -> list[SupervisionCheck]:
    """Draw the declarations and their inspectors; the result is recorded and published.

    The draw is written in a fixed number of statements, whatever the sample: the checks,
    the declarations put under check (each by its transition, each with its audit event)
    and the campaign's own event. Each check is then opened by check_open, in the worker
    (ADR 0021): its inspectors' permission, its process and clock, its notifications.
    """
    campaign = (
        SupervisionCampaign.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=campaign.pk)
    )
    _ensure_lead(actor, campaign.organiser)
    seed = seed or secrets.token_hex(16)
    candidate_ids = _ids_in_order(campaign_candidates(campaign))
    inspector_ids = list(campaign.inspectors.values_list("pk", flat=True))
    conflicts = set(
        ConflictOfInterest.objects.filter(inspector_id__in=inspector_ids).values_list("inspector_id", "enterprise_id")
    )
    count = sample_count(len(candidate_ids), size=campaign.sample_size, percent=campaign.sample_percent)
    declarations: dict[int, Declaration] = {}

    def lock_chosen(chosen: list[int]) -> dict[int, int]:
        declarations.update(Declaration.objects.select_for_update().in_bulk(chosen))
        return {pk: declaration.enterprise_id for pk, declaration in declarations.items()}

    try:
        drawn = draw_by_ids(
            declaration_ids=candidate_ids,
            enterprises_of=lock_chosen,
            inspectors=inspector_ids,
            conflicts=conflicts,
            count=count,
            seed=seed,
        )
    except DrawImpossible as impossible:
        raise ValidationError(
            _("Fewer than two eligible inspectors are free of conflicts with %(enterprise)s; add inspectors.")
            % {"enterprise": declarations[impossible.declaration_id].enterprise.name}
        ) from None
    before = campaign.status
    campaign.mark_drawn()
    campaign.seed = seed
    campaign.drawn_at = timezone.now()
    campaign.save()
    _declarations_start_check(declarations)
    checks = SupervisionCheck.objects.bulk_create(
        [
            SupervisionCheck(
                campaign=campaign,
                declaration=declarations[item.declaration_id],
                inspector_a_id=item.inspector_a,
                inspector_b_id=item.inspector_b,
                draw_position=item.position,
            )
            for item in drawn
        ]
    )
    changes = [
        Change(
            actor=actor,
            action="declaration.start_check",
            target=declarations[check.declaration_id],
            from_state=Declaration.Status.PUBLISHED,
            to_state=Declaration.Status.UNDER_CHECK,
            data={"campaign": campaign.reference},
        )
        for check in checks
    ]
    changes.append(
        Change(
            actor=actor,
            action="campaign.draw",
            target=campaign,
            from_state=before,
            to_state=campaign.status,
            data={
                "seed": seed,
                "candidates": len(candidate_ids),
                "drawn": [[c.draw_position, c.declaration_id, c.inspector_a_id, c.inspector_b_id] for c in checks],
            },
        )
    )
    audit_record_many(changes)
    return checks


def _ids_in_order(queryset) -> list[int]:
    """The queryset's primary keys, ascending, straight from the cursor.

    A national draw reads 500,000 ids: Django's row-by-row iteration would cost more than the
    query itself (about 0.3 s of the draw's second).
    """
    sql, params = queryset.order_by("pk").values_list("pk").query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def _declarations_start_check(declarations: dict[int, Declaration]) -> None:
    """Put each drawn (and locked) declaration under check by its transition, in one update.

    The transition refuses a declaration no longer published (e.g. withdrawn since the
    candidates were read); the update is conditional on the state the transition left, as
    ConcurrentTransitionMixin's save is, so a declaration changed behind the lock fails too.
    """
    for declaration in declarations.values():
        declaration.start_check()
    updated = Declaration.objects.filter(pk__in=list(declarations), status=Declaration.Status.PUBLISHED).update(
        status=Declaration.Status.UNDER_CHECK
    )
    if updated != len(declarations):
        raise ConcurrentTransition(_("A drawn declaration changed during the draw; draw again."))


def check_open(*, check: SupervisionCheck) -> None:
    """Give a drawn check's two inspectors their permission and tell them and the producer.

    Called once per check, by the worker's job that also opens the check's process, inside
    its transaction and with the check locked; the check is marked opened in the same one.
    """
    if check.opened_at is not None:
        raise ValueError(f"supervision check {check.pk} is already open")
    for inspector in (check.inspector_a, check.inspector_b):
        assign_perm("cases.perform_check", inspector, check)
    tell_producer(check.declaration, "selected_for_check", campaign=check.campaign.title)
    tell_staff([check.inspector_a, check.inspector_b], check, "check_assigned")
    check.opened_at = timezone.now()
    SupervisionCheck.objects.filter(pk=check.pk).update(opened_at=check.opened_at)


def _rectification_due(days: int) -> datetime.date:
    """Same rule as the rectification deadline: calendar days, moved off a day off."""
    return WorkingCalendar().add_calendar_days(timezone.localdate(), days).date


class CheckOutcome:
    COMPLIANT = "compliant"
    RECTIFICATION = "rectification"
    REVOCATION = "revocation"


def has_conflict_with(actor, check: SupervisionCheck) -> bool:
    """The inspector declared a conflict of interest with the checked enterprise (after the draw,
    which skips declared conflicts): they must stand aside (回避)."""
    enterprise = SupervisionCheck.objects.filter(pk=check.pk).values("declaration__enterprise_id")
    return ConflictOfInterest.objects.filter(inspector_id=actor.pk, enterprise_id__in=enterprise).exists()


def _ensure_inspector(actor, check: SupervisionCheck) -> None:
    if actor.pk not in (check.inspector_a_id, check.inspector_b_id):
        raise PermissionDenied(_("Only the two inspectors drawn for this check may record it."))
    if has_conflict_with(actor, check):
        raise PermissionDenied(
            _("You declared a conflict of interest with this enterprise; the other inspector records the check.")
        )


def _store_evidence(actor, check, files) -> list[dict]:
    stored = []
    for uploaded in files:
        file_type = validate_upload(uploaded)
        digest = hashlib.sha256()
        for chunk in uploaded.chunks():
            digest.update(chunk)
        uploaded.seek(0)
        evidence = CheckEvidence.objects.create(
            check_record=check,
            file=uploaded,
            original_name=uploaded.name[:200],
            file_type=file_type.label,
            size=uploaded.size,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        stored.append({"file": evidence.original_name, "sha256": evidence.sha256})
    return stored


@transaction.atomic
def check_record_result(
    *,
    actor,
    check: SupervisionCheck,
    outcome: str,
    document_review: str,
    onsite_visit: str,
    label_check: str,
    sample_test: str,
    findings: str,
    refer_to_enforcement: bool = False,
    referral_reason: str = "",
    evidence=(),
    rectification_days: int = RECTIFICATION_DAYS,
) -> SupervisionCheck:
    """The inspectors record what they found and propose an outcome."""
    check = SupervisionCheck.objects.select_for_update().select_related("declaration").get(pk=check.pk)
    _ensure_inspector(actor, check)
    if outcome != CheckOutcome.COMPLIANT and not findings.strip():
        raise ValidationError({"findings": _("Describe the findings behind this outcome.")})
    if refer_to_enforcement and not referral_reason.strip():
        raise ValidationError({"referral_reason": _("Say why the case is referred to enforcement.")})
    declaration = Declaration.objects.select_for_update().get(pk=check.declaration_id)
    check_before, declaration_before = check.status, declaration.status
    if outcome == CheckOutcome.COMPLIANT:
        check.find_compliant()
        declaration.find_compliant()
        check.closed_at = timezone.now()
    elif outcome == CheckOutcome.RECTIFICATION:
        check.order_rectification()
        declaration.order_rectification()
        check.rectification_due = _rectification_due(rectification_days)
    elif outcome == CheckOutcome.REVOCATION:
        check.propose_revocation()
    else:
        raise ValidationError(_("Unknown outcome."))
    check.document_review, check.onsite_visit = document_review, onsite_visit
    check.label_check, check.sample_test = label_check, sample_test
    check.findings = findings
    check.refer_to_enforcement = check.refer_to_enforcement or refer_to_enforcement
    if refer_to_enforcement:
        check.referral_reason = referral_reason
    check.save()
    declaration.save()
    stored = _store_evidence(actor, check, evidence)
    audit_record(
        actor=actor,
        action=f"check.{outcome}",
        target=check,
        from_state=check_before,
        to_state=check.status,
        comment=findings,
        data={"evidence": stored, "referred": check.refer_to_enforcement},
    )
    if declaration.status != declaration_before:
        audit_record(
            actor=actor,
            action=f"declaration.check_{outcome}",
            target=declaration,
            from_state=declaration_before,
            to_state=declaration.status,
            data={"campaign": check.campaign.reference},
        )
    if outcome == CheckOutcome.COMPLIANT:
        tell_producer(declaration, "compliant")
    elif outcome == CheckOutcome.RECTIFICATION:
        tell_producer(declaration, "rectification_ordered", reason=findings, due_on=check.rectification_due)
    else:
        tell_staff(members_of(check.campaign.organiser_id, Role.LEAD), check, "revocation_proposed")
    return check


@transaction.atomic
def check_decide_revocation(*, actor, check: SupervisionCheck, approve: bool, comment: str) -> SupervisionCheck:
    """The organiser's lead approves the revocation, or sends the producer to rectification instead."""
    check = SupervisionCheck.objects.select_for_update().select_related("campaign__organiser").get(pk=check.pk)
    _ensure_lead(actor, check.campaign.organiser)
    if not comment.strip():
        raise ValidationError({"comment": _("Give the reason; the producer is told why.")})
    declaration = Declaration.objects.select_for_update().get(pk=check.declaration_id)
    check_before, declaration_before = check.status, declaration.status
    if approve:
        check.confirm_revocation()
        declaration.revoke()
        declaration.closed_at = check.closed_at = timezone.now()
        declaration.closing_reason = comment
    else:
        check.order_rectification()
        check.rectification_due = _rectification_due(RECTIFICATION_DAYS)
        if declaration.status == Declaration.Status.UNDER_CHECK:
            declaration.order_rectification()
    check.save()
    declaration.save()
    audit_record(
        actor=actor,
        action="check.revocation_" + ("approve" if approve else "reject"),
        target=check,
        from_state=check_before,
        to_state=check.status,
        comment=comment,
    )
    if declaration.status != declaration_before:
        audit_record(
            actor=actor,
            action="declaration.revoke" if approve else "declaration.check_rectification",
            target=declaration,
            from_state=declaration_before,
            to_state=declaration.status,
            comment=comment,
        )
    if approve:
        tell_producer(declaration, "revoked", reason=comment)
    else:
        tell_producer(declaration, "rectification_ordered", reason=comment, due_on=check.rectification_due)
    return check
