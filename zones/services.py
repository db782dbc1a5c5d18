"""Writes on demonstration zones: one service per step, each in a transaction with its audit
event; FSM transitions change the status. Flows (zones.flows) and pages call them through
zones.actions (docs/adr/0050)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from cases.common.pinyin import pinyin_search_key
from cases.models import ProtectedProduct
from cases.models.sequences import next_in_sequence
from cases.uploads import checked_upload_fields
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import deadline_cancel, deadline_meet, deadline_start
from organizations.models import Department, Region, Role

from .audit_actions import ZoneAction
from .clocks import ANNUAL_REPORT, DRAFT_LIST, annual_report_start, first_report_year
from .eligibility import eligibility_snapshot
from .models import (
    AnnualReport,
    Level,
    PolicyDocument,
    RectificationItem,
    Review,
    Tour,
    Zone,
    ZoneObjection,
    ZoneQuota,
)
from .notices import event_of, tell_applicant
from .selectors import province_bureau

KJS = "KJS"
APPLICATION_FIELDS = (
    "standard_system",
    "testing_system",
    "quality_system",
    "producers_count",
    "output_share",
    "no_quality_accident",
    "contact_person",
    "contact_phone",
)


# ---------------------------------------------------------------- who
def national_office() -> Department:
    return Department.objects.get(code=KJS)


def reviewing_office(zone: Zone) -> Department:
    """The 科技司 reviews, publishes, assesses and names national zones; the province its own."""
    return national_office() if zone.level == Level.NATIONAL else province_bureau(zone)


def ensure(actor: Actor, permission: str, department: Department) -> None:
    if actor is None or actor.is_superuser:
        return
    if not actor.has_perm(f"organizations.{permission}", department):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _locked(zone: Zone) -> Zone:
    return Zone.objects.select_for_update().select_related("region", "province", "bureau").get(pk=zone.pk)


def _bureau_for(region: Region) -> Department:
    return Department.objects.filter(region=region).exclude(kind=Department.Kind.NATIONAL).get()


def _province_of(region: Region) -> Region:
    return Region.objects.get(code=region.code[:2] + "0000")


def _today() -> datetime.date:
    return timezone.localdate()


def _transition(actor: Actor, zone: Zone, action: str, move, *, comment: str = "", data: dict | None = None) -> Zone:
    before = zone.status
    move()
    zone.save()
    audit_record(
        actor=actor, action=action, target=zone, from_state=before, to_state=zone.status, comment=comment, data=data
    )
    event = event_of(action, data)
    if event is not None:
        tell_applicant(zone, event, comment)
    return zone


# ---------------------------------------------------------------- the application
@transaction.atomic
def zone_create(*, actor: User, government: str, region: Region, level: str = Level.NATIONAL) -> Zone:
    """The bureau of the government's region enters the government's application for it."""
    if level not in Level.values:
        raise ValidationError(_("Unknown level of zone."))
    if region.level not in (Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY):
        raise ValidationError(_("A county-level or higher government applies."))
    bureau = _bureau_for(region)
    ensure(actor, "work_as_staff", bureau)
    if not government.strip():
        raise ValidationError({"government": _("Name the applying government.")})
    if Zone.objects.filter(region=region, status__in=Zone.LIVE_STATES).exists():
        raise ValidationError(_("This government already has a demonstration zone or an application under way."))
    year = _today().year
    zone = Zone.objects.create(
        reference=f"SFQ-{region.code}-{year}-{next_in_sequence(f'SFQ-{region.code}-{year}'):02d}",
        level=level,
        government=government.strip(),
        search_key=pinyin_search_key(government.strip()),
        region=region,
        bureau=bureau,
        province=_province_of(region),
    )
    audit_record(actor=actor, action=ZoneAction.CREATE, target=zone, to_state=zone.status)
    return zone


@transaction.atomic
def zone_update(*, actor: User, zone: Zone, answers: dict, products=None) -> Zone:
    zone = _locked(zone)
    ensure(actor, "work_as_staff", zone.bureau)
    if not zone.is_editable:
        raise ValidationError(_("The application was submitted and can no longer be changed."))
    unknown = set(answers) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for field, value in answers.items():
        setattr(zone, field, value)
    zone.full_clean(exclude=["region", "bureau", "province", "status", "reference"], validate_constraints=False)
    zone.save()
    if products is not None:
        products = list(products)
        outside = [p.name for p in products if not _area_touches(p, zone.region)]
        if outside:
            raise ValidationError(
                _("Not protected in the government's area: %(products)s.") % {"products": "、".join(outside)}
            )
        zone.products.set(products)
    audit_record(
        actor=actor,
        action=ZoneAction.UPDATE,
        target=zone,
        data={"fields": sorted(answers), "products": [p.pk for p in products] if products is not None else None},
    )
    return zone


def _area_touches(product: ProtectedProduct, region: Region) -> bool:
    """The product's protected area and the government's region overlap (one contains the other)."""
    return any(
        area.code.startswith(region.prefix) or region.code.startswith(area.prefix)
        for area in product.protected_area.all()
    )


@transaction.atomic
def policy_add(*, actor: User, zone: Zone, title: str, uploaded_file) -> PolicyDocument:
    zone = _locked(zone)
    ensure(actor, "work_as_staff", zone.bureau)
    if not zone.is_editable:
        raise ValidationError(_("The application was submitted and can no longer be changed."))
    if not title.strip():
        raise ValidationError({"title": _("Give the policy's title.")})
    document = PolicyDocument.objects.create(
        zone=zone, title=title.strip()[:200], uploaded_by=actor, **checked_upload_fields(uploaded_file)
    )
    audit_record(actor=actor, action=ZoneAction.ADD_POLICY, target=zone, data={"document": document.pk})
    return document


@transaction.atomic
def zone_submit(*, actor: User, zone: Zone) -> Zone:
    """The eligibility snapshot is taken and checked; an ineligible application is not sent."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", zone.bureau)
    if not zone.is_editable:
        raise ValidationError(_("The application was already submitted."))
    missing = [
        str(Zone._meta.get_field(name).verbose_name)
        for name in ("standard_system", "testing_system", "quality_system")
        if not getattr(zone, name).strip()
    ]
    if not zone.policies.exists():
        missing.append(_("policy documents"))
    if missing:
        raise ValidationError(_("Fill in before submitting: %(fields)s.") % {"fields": "、".join(missing)})
    snapshot = eligibility_snapshot(zone, _today())
    if not snapshot["eligible"]:
        raise ValidationError(snapshot["failures"])
    zone.eligibility = snapshot
    zone.submitted_at = timezone.now()
    move = zone.submit if zone.level == Level.NATIONAL else zone.submit_to_province
    return _transition(actor, zone, ZoneAction.SUBMIT, move, data={"eligible": True})


# ---------------------------------------------------------------- recommendation within the quota
def quota_of(province: Region, year: int) -> int:
    row = ZoneQuota.objects.filter(province=province, year=year).first()
    return row.quota if row else settings.TERROIR_ZONE_DEFAULT_QUOTA


def recommended_in(province: Region, year: int) -> int:
    return Zone.objects.filter(province=province, level=Level.NATIONAL, recommended_at__year=year).count()


def _ensure_quota(zone: Zone) -> None:
    year = _today().year
    quota, used = quota_of(zone.province, year), recommended_in(zone.province, year)
    if used >= quota:
        raise ValidationError(
            _("%(province)s has recommended %(used)d of its %(quota)d zones for %(year)d.")
            % {"province": zone.province.name, "used": used, "quota": quota, "year": year}
        )


@transaction.atomic
def zone_propose_recommendation(*, actor: User, zone: Zone, recommend: bool, comment: str = "") -> Zone:
    """The province's staff proposes; the decision is the lead's (zone_recommend)."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", province_bureau(zone))
    if recommend:
        _ensure_quota(zone)
    elif not comment.strip():
        raise ValidationError({"comment": _("Say why the zone should not be recommended.")})
    zone.decision_comment = comment
    zone.save(update_fields=["decision_comment"])
    audit_record(actor=actor, action=ZoneAction.PROPOSE, target=zone, comment=comment, data={"recommend": recommend})
    return zone


@transaction.atomic
def zone_recommend(*, actor: User, zone: Zone, recommend: bool, comment: str = "") -> Zone:
    zone = _locked(zone)
    ensure(actor, "work_as_lead", province_bureau(zone))
    if not recommend:
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the zone is not recommended.")})
        zone.decision_comment = comment
        return _transition(actor, zone, ZoneAction.DECLINE, zone.reject, comment=comment)
    _ensure_quota(zone)
    zone.recommended_at = timezone.now()
    zone.decision_comment = comment
    return _transition(actor, zone, ZoneAction.RECOMMEND, zone.recommend, comment=comment)


# ---------------------------------------------------------------- review and the draft list
@transaction.atomic
def zone_national_review(*, actor: User, zone: Zone, propose: bool, comment: str = "") -> Zone:
    """The office's staff reviews the application and proposes it for the draft list, or not."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", reviewing_office(zone))
    if zone.status != Zone.Status.RECOMMENDED:
        raise ValidationError(_("The zone is not under review."))
    if not propose and not comment.strip():
        raise ValidationError({"comment": _("Say why the zone should not be approved.")})
    zone.decision_comment = comment
    zone.save(update_fields=["decision_comment"])
    audit_record(actor=actor, action=ZoneAction.PROPOSE, target=zone, comment=comment, data={"publish": propose})
    return zone


@transaction.atomic
def zone_publish(*, actor: User, zone: Zone, publish: bool, comment: str = "") -> Zone:
    """The office's lead publishes the zone on the draft list (30 working days) or refuses it."""
    zone = _locked(zone)
    office = reviewing_office(zone)
    ensure(actor, "work_as_lead", office)
    zone.decision_comment = comment
    if not publish:
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the zone is not approved.")})
        return _transition(actor, zone, ZoneAction.DECLINE, zone.reject, comment=comment)
    zone.published_on = _today()
    _transition(actor, zone, ZoneAction.PUBLISH, zone.publish_draft_list, comment=comment)
    deadline_start(actor=actor, rule_code=DRAFT_LIST, target=zone, department=office, queue_role=Role.LEAD)
    return zone


def draft_list_ends(zone: Zone) -> Deadline | None:
    return deadlines_for(zone).filter(rule_code=DRAFT_LIST).order_by("-pk").first()


@transaction.atomic
def objection_record(*, actor: User, zone: Zone, objector: str, grounds: str) -> ZoneObjection:
    zone = _locked(zone)
    ensure(actor, "work_as_staff", reviewing_office(zone))
    if zone.status not in (Zone.Status.ON_DRAFT_LIST, Zone.Status.PUBLIC_NOTICE):
        raise ValidationError(_("Objections are taken while the zone is published for them."))
    if not objector.strip() or not grounds.strip():
        raise ValidationError(_("Name the objector and give the grounds."))
    objection = ZoneObjection.objects.create(
        zone=zone, objector=objector.strip()[:200], grounds=grounds.strip(), received_on=_today(), recorded_by=actor
    )
    audit_record(actor=actor, action=ZoneAction.OBJECTION, target=zone, data={"objection": objection.pk})
    return objection


@transaction.atomic
def objection_decide(*, actor: User, objection: ZoneObjection, sustained: bool, reason: str) -> ZoneObjection:
    objection = ZoneObjection.objects.select_for_update().select_related("zone").get(pk=objection.pk)
    ensure(actor, "work_as_staff", reviewing_office(objection.zone))
    if objection.outcome != ZoneObjection.Outcome.PENDING:
        raise ValidationError(_("This objection was already decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons of the decision.")})
    objection.outcome = ZoneObjection.Outcome.SUSTAINED if sustained else ZoneObjection.Outcome.REJECTED
    objection.reason = reason.strip()
    objection.save()
    audit_record(
        actor=actor,
        action=ZoneAction.OBJECTION_DECIDE,
        target=objection.zone,
        data={"objection": objection.pk, "outcome": objection.outcome},
    )
    return objection


def _objections_settled(zone: Zone) -> None:
    if zone.objections.filter(outcome=ZoneObjection.Outcome.PENDING).exists():
        raise ValidationError(_("Decide every objection first."))


@transaction.atomic
def zone_decide_preparation(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    """After the 30 working days, the lead approves the zone for preparation (筹建) or refuses it;
    the first annual report's clock starts."""
    zone = _locked(zone)
    ensure(actor, "work_as_lead", reviewing_office(zone))
    window = draft_list_ends(zone)
    today = _today()
    if window is not None and today <= window.due_on:
        raise ValidationError(
            _("The draft list is published until %(date)s; decide after it.") % {"date": window.due_on.isoformat()}
        )
    _objections_settled(zone)
    if window is not None and window.state in (Deadline.State.RUNNING, Deadline.State.OVERDUE):
        deadline_meet(actor=actor, deadline=window)
    zone.decision_comment = comment
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the zone is not approved.")})
        return _transition(actor, zone, ZoneAction.DECLINE, zone.reject, comment=comment)
    zone.preparation_from = today
    zone.preparation_until = _years_later(today, zone.preparation_years)
    _transition(actor, zone, ZoneAction.PREPARE, zone.approve_preparation, comment=comment)
    _start_report_clock(actor, zone, first_report_year(today))
    return zone


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _start_report_clock(actor: Actor, zone: Zone, year: int) -> None:
    """A report for each 31 December that falls inside the preparation."""
    if zone.preparation_until is None or datetime.date(year, 12, 31) > zone.preparation_until:
        return
    deadline_start(
        actor=actor,
        rule_code=ANNUAL_REPORT,
        target=zone,
        department=zone.bureau,
        queue_role=Role.STAFF,
        start=annual_report_start(year),
    )


@transaction.atomic
def annual_report_submit(*, actor: User, zone: Zone, progress: str, problems: str = "") -> AnnualReport:
    """The government's report of the year, entered by its bureau; it meets the year's clock and
    starts the next year's while the preparation lasts."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", zone.bureau)
    if zone.status not in (Zone.Status.PREPARING, Zone.Status.ACCEPTANCE):
        raise ValidationError(_("Annual reports are made during the preparation."))
    if not progress.strip():
        raise ValidationError({"progress": _("Describe the progress of the year.")})
    clock = (
        deadlines_for(zone)
        .filter(rule_code=ANNUAL_REPORT, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE])
        .first()
    )
    # The year the clock was started for (1 December): its due date may roll into January.
    year = clock.started_on.year if clock else _today().year
    if AnnualReport.objects.filter(zone=zone, year=year).exists():
        raise ValidationError(_("The report of %(year)d was already submitted.") % {"year": year})
    report = AnnualReport.objects.create(
        zone=zone, year=year, progress=progress.strip(), problems=problems.strip(), submitted_by=actor
    )
    if clock is not None:
        deadline_meet(actor=actor, deadline=clock)
        _start_report_clock(actor, zone, year + 1)
    audit_record(actor=actor, action=ZoneAction.ANNUAL_REPORT, target=zone, data={"year": year})
    return report


# ---------------------------------------------------------------- acceptance and naming
@transaction.atomic
def zone_request_acceptance(*, actor: User, zone: Zone) -> Zone:
    zone = _locked(zone)
    ensure(actor, "work_as_staff", zone.bureau)
    today = _today()
    if zone.status == Zone.Status.PREPARING and not zone.preparation_over(today):
        raise ValidationError(
            _("The preparation lasts until %(date)s.") % {"date": zone.preparation_until.isoformat()}  # type: ignore[union-attr]
        )
    if (
        deadlines_for(zone)
        .filter(rule_code=ANNUAL_REPORT, state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE])
        .exists()
    ):
        raise ValidationError(_("Submit the outstanding annual report first."))
    return _transition(actor, zone, ZoneAction.REQUEST_ACCEPTANCE, zone.request_acceptance)


@transaction.atomic
def zone_site_visit(*, actor: User, zone: Zone, passed: bool, experts: str, findings: str) -> Zone:
    """The province's expert site visit, on the national office's behalf."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", province_bureau(zone))
    if not experts.strip() or not findings.strip():
        raise ValidationError(_("Name the experts and give their findings."))
    zone.site_visit_experts = experts.strip()[:300]
    zone.site_visit_report = findings.strip()
    if passed:
        zone.save()
        audit_record(actor=actor, action=ZoneAction.SITE_VISIT, target=zone, data={"passed": True})
        return zone
    return _transition(
        actor, zone, ZoneAction.SITE_VISIT, zone.fail_acceptance, comment=zone.site_visit_report, data={"passed": False}
    )


@transaction.atomic
def zone_assess(*, actor: User, zone: Zone, passed: bool, assessment: str) -> Zone:
    """The national assessment: passed, the zone goes into the public notice before naming."""
    zone = _locked(zone)
    ensure(actor, "work_as_staff", reviewing_office(zone))
    if not assessment.strip():
        raise ValidationError({"assessment": _("Give the assessment.")})
    zone.assessment = assessment.strip()
    if not passed:
        return _transition(
            actor, zone, ZoneAction.ASSESS, zone.fail_acceptance, comment=zone.assessment, data={"passed": False}
        )
    zone.notice_on = _today()
    return _transition(actor, zone, ZoneAction.ASSESS, zone.publish_notice, data={"passed": True})


@transaction.atomic
def zone_name(*, actor: User, zone: Zone, approve: bool, comment: str = "") -> Zone:
    zone = _locked(zone)
    ensure(actor, "work_as_lead", reviewing_office(zone))
    _objections_settled(zone)
    zone.decision_comment = comment
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the zone is not named.")})
        return _transition(actor, zone, ZoneAction.DECLINE, zone.reject, comment=comment)
    zone.named_on = _today()
    return _transition(actor, zone, ZoneAction.NAME, zone.name_zone, comment=comment)


# ---------------------------------------------------------------- after naming
@transaction.atomic
def zone_review(*, actor: User, zone: Zone, result: str, findings: str) -> Review:
    zone = _locked(zone)
    ensure(actor, "work_as_staff", reviewing_office(zone))
    if zone.status != Zone.Status.NAMED:
        raise ValidationError(_("Only named zones are reviewed."))
    if result not in Review.Result.values or not findings.strip():
        raise ValidationError(_("Give the result and the findings."))
    review = Review.objects.create(
        zone=zone, reviewed_on=_today(), result=result, findings=findings.strip(), recorded_by=actor
    )
    audit_record(actor=actor, action=ZoneAction.REVIEW, target=zone, data={"result": result})
    return review


@transaction.atomic
def zone_revoke(*, actor: User, zone: Zone, reason: str) -> Zone:
    """The lead revokes; the reason is published in the register."""
    zone = _locked(zone)
    ensure(actor, "work_as_lead", reviewing_office(zone))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, which is published.")})
    zone.revocation_reason = reason.strip()
    zone.revoked_on = _today()
    for clock in deadlines_for(zone).filter(state__in=[Deadline.State.RUNNING, Deadline.State.OVERDUE]):
        deadline_cancel(actor=actor, deadline=clock, reason=reason.strip())
    return _transition(actor, zone, ZoneAction.REVOKE, zone.revoke, comment=reason)


# ---------------------------------------------------------------- supervision tours
TOURING_STATES = (Zone.Status.PREPARING, Zone.Status.ACCEPTANCE, Zone.Status.PUBLIC_NOTICE, Zone.Status.NAMED)


@transaction.atomic
def tour_record(
    *,
    actor: User,
    zone: Zone,
    bureau: Department,
    toured_on: datetime.date,
    inspectors,
    findings: dict,
    result: str,
    problems: str = "",
    items=(),
) -> Tour:
    """A tour by inspectors of a bureau whose jurisdiction covers the zone, with its findings per
    system and the rectification items it sets, each with its deadline."""
    zone = _locked(zone)
    ensure(actor, "work_as_inspector", bureau)
    if bureau.region is not None and not zone.region.code.startswith(bureau.region.prefix):
        raise PermissionDenied(_("The zone lies outside %(bureau)s.") % {"bureau": bureau.display_name})
    if zone.status not in TOURING_STATES:
        raise ValidationError(_("Only zones in preparation or named are toured."))
    if toured_on > _today():
        raise ValidationError({"toured_on": _("A tour is recorded once it took place.")})
    if result not in Tour.Result.values:
        raise ValidationError({"result": _("Choose the result.")})
    inspectors = list(inspectors)
    if not inspectors:
        raise ValidationError({"inspectors": _("Name the inspectors.")})
    if any(not u.has_perm("organizations.work_as_inspector", bureau) for u in inspectors):
        raise ValidationError({"inspectors": _("Every inspector must be an inspector of the bureau.")})
    items = [item for item in items if item["description"].strip()]
    if result != Tour.Result.GOOD and not items:
        raise ValidationError(_("Set at least one rectification item with its deadline."))
    for item in items:
        if item["due_on"] <= toured_on:
            raise ValidationError(_("A rectification deadline falls after the tour."))
    tour = Tour.objects.create(
        zone=zone,
        bureau=bureau,
        toured_on=toured_on,
        standard_findings=findings.get("standard", "").strip(),
        testing_findings=findings.get("testing", "").strip(),
        quality_findings=findings.get("quality", "").strip(),
        result=result,
        problems=problems.strip(),
        recorded_by=actor,
    )
    tour.inspectors.set(inspectors)
    for item in items:
        RectificationItem.objects.create(tour=tour, description=item["description"].strip(), due_on=item["due_on"])
    audit_record(actor=actor, action=ZoneAction.TOUR, target=zone, data={"tour": tour.pk, "result": result})
    return tour


@transaction.atomic
def rectification_done(*, actor: User, item: RectificationItem) -> RectificationItem:
    item = RectificationItem.objects.select_for_update().select_related("tour__bureau", "tour__zone").get(pk=item.pk)
    ensure(actor, "work_as_inspector", item.tour.bureau)
    if item.done_on is not None:
        raise ValidationError(_("This item was already marked as rectified."))
    item.done_on = _today()
    item.save()
    audit_record(actor=actor, action=ZoneAction.RECTIFIED, target=item.tour.zone, data={"item": item.pk})
    return item
