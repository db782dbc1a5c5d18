"""Writes on supervision campaigns (双随机、一公开): conflicts of interest, the plan and the draw."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from accounts.models import User
from audit.services import Change, audit_record, audit_record_many
from organizations.models import Department, Membership, Region, Role

from ...declarations.choices import DeclarationAction
from ...models import ConflictOfInterest, Declaration, SupervisionCampaign, SupervisionCheck, next_in_sequence
from ..choices import SupervisionAction
from ..draw import DrawImpossible, draw_by_ids, sample_count
from ..notices import tell_of_conflict
from ..selectors import conflict_applies, conflicts_in_force


def ensure_lead(actor: User, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm("organizations.work_as_lead", department)):
        raise PermissionDenied(_("Only the lead of %(department)s may do this.") % {"department": department.name})


def _may_declare_for(actor: User, inspector: User) -> bool:
    """An inspector for themself; a lead for a member of a body they lead."""
    if actor.pk == inspector.pk or actor.is_superuser:
        return True
    departments = Department.objects.filter(memberships__user=inspector, memberships__is_active=True)
    return any(actor.has_perm("organizations.work_as_lead", department) for department in departments)


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    inspector: User | None = None,
    enterprise=None,
    product=None,
    region: Region | None = None,
    reason: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> ConflictOfInterest:
    """Declare a conflict of interest: the draw skips the inspector and a check it covers is
    refused to them while the period covers the day (ADR 0046)."""
    inspector = inspector or actor
    if not _may_declare_for(actor, inspector):
        raise PermissionDenied(_("Only the inspector or the lead of their bureau may declare their conflict."))
    valid_from = valid_from or timezone.localdate()
    errors = {}
    if enterprise is None and product is None and region is None:
        errors["enterprise"] = _("Name an enterprise, a product or a region.")
    if not reason.strip():
        errors["reason"] = _("Give the reason.")
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("The period ends before it starts.")
    if errors:
        raise ValidationError(errors)
    conflict = ConflictOfInterest.objects.create(
        inspector=inspector,
        enterprise=enterprise,
        product=product,
        region=region,
        reason=reason.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        declared_by=actor,
    )
    audit_record(
        actor=actor,
        action=SupervisionAction.CONFLICT_DECLARE,
        target=conflict,
        comment=conflict.reason,
        data={"inspector": inspector.pk, "for_another": actor.pk != inspector.pk},
    )
    tell_of_conflict(
        [*_leads_of(inspector).exclude(pk=actor.pk), inspector if actor.pk != inspector.pk else None], conflict
    )
    return conflict


def _leads_of(inspector: User):
    """The active leads of the bodies the inspector works in."""
    bodies = Membership.objects.filter(user=inspector, is_active=True).values("department_id")
    leads = Membership.objects.filter(department_id__in=bodies, role=Role.LEAD, is_active=True).values("user_id")
    return User.objects.filter(pk__in=leads, is_active=True).order_by("pk")


@transaction.atomic
def conflict_withdraw(*, actor: User, conflict: ConflictOfInterest) -> ConflictOfInterest:
    """Withdraw a declaration (the record stays, for the history); the same people may."""
    conflict = ConflictOfInterest.objects.select_for_update().select_related("inspector").get(pk=conflict.pk)
    if not _may_declare_for(actor, conflict.inspector):
        raise PermissionDenied(_("Only the inspector or the lead of their bureau may withdraw their conflict."))
    if conflict.withdrawn_at is not None:
        raise ValidationError(_("This declaration is already withdrawn."))
    conflict.withdrawn_at = timezone.now()
    conflict.save(update_fields=["withdrawn_at"])
    audit_record(actor=actor, action=SupervisionAction.CONFLICT_WITHDRAW, target=conflict)
    return conflict


@transaction.atomic
def campaign_create(
    *,
    actor: User,
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
    ensure_lead(actor, organiser)
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
    elif organiser.region is not None and not all(organiser.region.contains(region) for region in regions):
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
    audit_record(actor=actor, action=SupervisionAction.CAMPAIGN_CREATE, target=campaign, to_state=campaign.status)
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
def campaign_draw(*, actor: User, campaign: SupervisionCampaign, seed: str | None = None) -> list[SupervisionCheck]:
    """Draw the declarations and their inspectors; the result is recorded and published.

    The draw is written in a fixed number of statements, whatever the sample: the checks,
    the declarations put under check (each by its transition, each with its audit event)
    and the campaign's own event. Each check is then opened by check_open, in the worker
    (ADR 0021): its inspectors' permission, its process and clock, its notifications.
    """
    campaign = (
        SupervisionCampaign.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=campaign.pk)
    )
    ensure_lead(actor, campaign.organiser)
    seed = seed or secrets.token_hex(16)
    candidate_ids = _ids_in_order(campaign_candidates(campaign))
    inspector_ids = list(campaign.inspectors.values_list("pk", flat=True))
    in_force = list(conflicts_in_force().filter(inspector_id__in=inspector_ids).select_related("region"))
    applied: set[int] = set()
    count = sample_count(len(candidate_ids), size=campaign.sample_size, percent=campaign.sample_percent)
    declarations: dict[int, Declaration] = {}

    def lock_chosen(chosen: list[int]) -> dict[int, int]:
        locked = Declaration.objects.select_for_update(of=("self",)).select_related("enterprise__region")
        declarations.update(locked.in_bulk(chosen))
        return {pk: declaration.enterprise_id for pk, declaration in declarations.items()}

    def excluded(declaration_id: int) -> set[int]:
        """Inspectors with a conflict in force on the declaration's enterprise, product or region."""
        declaration = declarations[declaration_id]
        matching = [
            conflict
            for conflict in in_force
            if conflict_applies(
                conflict,
                enterprise_id=declaration.enterprise_id,
                product_id=declaration.product_id,
                region_code=declaration.enterprise.region.code,
            )
        ]
        applied.update(conflict.pk for conflict in matching)
        return {conflict.inspector_id for conflict in matching}

    try:
        drawn = draw_by_ids(
            declaration_ids=candidate_ids,
            enterprises_of=lock_chosen,
            inspectors=inspector_ids,
            conflicts=set(),
            excluded=excluded,
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
    campaign.conflicts_excluded = len(applied)
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
            action=DeclarationAction.START_CHECK,
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
            action=SupervisionAction.CAMPAIGN_DRAW,
            target=campaign,
            from_state=before,
            to_state=campaign.status,
            data={
                "seed": seed,
                "candidates": len(candidate_ids),
                "conflicts_excluded": sorted(applied),
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
