"""Writes of the promotion programme: one service per change, each in a transaction with its
audit event. Records (activities, media reports, work plans) are entered by a regional bureau's
staff inside its region; national site pages move through their FSM (docs/adr/0054)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from cases.models import ProtectedProduct
from cases.models.sequences import next_in_sequence
from cases.uploads import PDF, checked_upload_fields
from organizations.models import Department, Region, Role
from organizations.selectors import members_of

from .audit_actions import PromotionAction
from .models import MediaReport, PublicityActivity, SitePage, WorkPlan
from .notices import tell

# The 信息中心 runs the national GI site: its staff review a province's page, its lead publishes it.
SITE_OFFICE = "XXZX"
REGIONAL_BUREAUS = (
    Department.Kind.PROVINCIAL_BUREAU,
    Department.Kind.CITY_BUREAU,
    Department.Kind.COUNTY_BUREAU,
)
PAGE_TEXT_FIELDS = ("natural_background", "cultural_background", "area_description", "standard", "testing_body")


def site_office() -> Department:
    return Department.objects.get(code=SITE_OFFICE)


def _ensure(actor: User, permission: str, department: Department) -> None:
    if not (actor.is_superuser or actor.has_perm(f"organizations.{permission}", department)):
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.display_name})


def _ensure_regional_staff(actor: User, bureau: Department) -> None:
    if bureau.kind not in REGIONAL_BUREAUS or bureau.region_id is None:
        raise PermissionDenied(_("Only provincial, city and county bureaus record these."))
    _ensure(actor, "work_as_staff", bureau)


def _region_of(bureau: Department) -> Region:
    if bureau.region is None:
        raise PermissionDenied(_("Only provincial, city and county bureaus record these."))
    return bureau.region


def _ensure_inside(bureau: Department, region: Region) -> None:
    own = _region_of(bureau)
    if not region.code.startswith(own.prefix):
        raise ValidationError({"region": _("Choose a region inside %(region)s.") % {"region": own.name}})


def _products_of(bureau: Department, products) -> list[ProtectedProduct]:
    products = list(products or [])
    outside = [
        p.name for p in products if p.province_id is None or not _region_of(bureau).code.startswith(p.province.prefix)
    ]
    if outside:
        raise ValidationError(
            {"products": _("Not products of this province: %(names)s.") % {"names": "、".join(outside)}}
        )
    return products


def _clean(instance, exclude=()) -> None:
    instance.full_clean(exclude=["bureau", "created_by", *exclude])


@transaction.atomic
def activity_record(
    *, actor: User, bureau: Department, name: str, kind: str, held_on, region: Region, products=(), description=""
) -> PublicityActivity:
    _ensure_regional_staff(actor, bureau)
    _ensure_inside(bureau, region)
    chosen = _products_of(bureau, products)
    activity = PublicityActivity(
        bureau=bureau,
        created_by=actor,
        name=name.strip(),
        kind=kind,
        held_on=held_on,
        region=region,
        description=description.strip(),
    )
    _clean(activity)
    activity.save()
    activity.products.set(chosen)
    audit_record(
        actor=actor,
        action=PromotionAction.ACTIVITY_RECORD,
        target=activity,
        data={"kind": kind, "held_on": held_on, "region": region.code, "products": [p.pk for p in chosen]},
    )
    return activity


@transaction.atomic
def media_report_record(
    *, actor: User, bureau: Department, title: str, outlet: str, level: str, published_on, region: Region, link=""
) -> MediaReport:
    _ensure_regional_staff(actor, bureau)
    _ensure_inside(bureau, region)
    report = MediaReport(
        bureau=bureau,
        created_by=actor,
        title=title.strip(),
        outlet=outlet.strip(),
        level=level,
        published_on=published_on,
        region=region,
        link=link.strip(),
    )
    _clean(report)
    report.save()
    audit_record(
        actor=actor,
        action=PromotionAction.MEDIA_RECORD,
        target=report,
        data={"level": level, "published_on": published_on, "outlet": report.outlet},
    )
    return report


@transaction.atomic
def work_plan_record(
    *, actor: User, bureau: Department, title: str, adopted_on, covers_from, covers_to, document
) -> WorkPlan:
    """A bureau's plan with its document: a PDF, checked by its content like every upload."""
    _ensure_regional_staff(actor, bureau)
    if covers_from and covers_to and covers_to < covers_from:
        raise ValidationError({"covers_to": _("The period covered must end after it starts.")})
    try:
        stored = checked_upload_fields(document, (PDF,))
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from error
    plan = WorkPlan(
        bureau=bureau,
        created_by=actor,
        title=title.strip(),
        adopted_on=adopted_on,
        covers_from=covers_from,
        covers_to=covers_to,
        document=stored["file"],
        original_name=stored["original_name"],
        file_type=stored["file_type"],
        size=stored["size"],
        sha256=stored["sha256"],
    )
    _clean(plan, exclude=["document"])
    plan.save()
    audit_record(
        actor=actor,
        action=PromotionAction.PLAN_RECORD,
        target=plan,
        data={"file": plan.original_name, "sha256": plan.sha256, "covers": [covers_from, covers_to]},
    )
    return plan


# ------------------------------------------------------------------ national site pages


def _locked(page: SitePage) -> SitePage:
    return SitePage.objects.select_for_update().select_related("product", "bureau", "province").get(pk=page.pk)


def _page_text(data: dict) -> dict:
    text = {field: str(data.get(field) or "").strip() for field in PAGE_TEXT_FIELDS}
    return text


@transaction.atomic
def site_page_submit(*, actor: User, bureau: Department, product: ProtectedProduct, **data) -> SitePage:
    """The provincial bureau submits a product's page (or an update of it) for the 信息中心's review."""
    if bureau.kind != Department.Kind.PROVINCIAL_BUREAU:
        raise PermissionDenied(_("Only a provincial bureau submits pages for its section of the national site."))
    _ensure(actor, "work_as_staff", bureau)
    if product.province_id != bureau.region_id:
        raise ValidationError({"product": _("Choose a product of your province.")})
    if product.status != ProtectedProduct.Status.PROTECTED:
        raise ValidationError({"product": _("Only a product under protection has a page on the national site.")})
    if SitePage.objects.filter(product=product).exclude(status=SitePage.Status.PUBLISHED).exists():
        raise ValidationError({"product": _("A page of this product is already on its way; finish that one first.")})
    scope = f"DFG-{_region_of(bureau).code}-{timezone.localdate().year}"
    page = SitePage(
        reference=f"{scope}-{next_in_sequence(scope):04d}",
        product=product,
        province=bureau.region,
        bureau=bureau,
        created_by=actor,
        submitted_at=timezone.now(),
        **_page_text(data),
    )
    page.full_clean(exclude=["created_by", "status"])
    page.save()
    audit_record(actor=actor, action=PromotionAction.PAGE_SUBMIT, target=page, to_state=page.status)
    tell(members_of(site_office().pk, Role.STAFF), page, "submitted")
    return page


@transaction.atomic
def site_page_resubmit(*, actor: User, page: SitePage, **data) -> SitePage:
    """The province corrects a returned page and submits it again (it keeps its first submission date)."""
    page = _locked(page)
    _ensure(actor, "work_as_staff", page.bureau)
    if not page.is_editable:
        raise ValidationError(_("Only a returned page can be corrected."))
    for field, value in _page_text(data).items():
        setattr(page, field, value)
    page.full_clean(exclude=["created_by", "status"])
    before = page.status
    page.resubmit()
    page.return_reason = ""
    page.save()
    audit_record(
        actor=actor, action=PromotionAction.PAGE_RESUBMIT, target=page, from_state=before, to_state=page.status
    )
    tell(members_of(site_office().pk, Role.STAFF), page, "submitted")
    return page


def _returned(actor: User, page: SitePage, before: str, comment: str) -> None:
    page.return_reason = comment.strip()
    page.save()
    audit_record(
        actor=actor,
        action=PromotionAction.PAGE_RETURN,
        target=page,
        from_state=before,
        to_state=page.status,
        comment=comment,
    )
    tell(members_of(page.bureau_id, Role.STAFF), page, "returned", comment)


@transaction.atomic
def site_page_review(*, actor: User, page: SitePage, approve: bool, comment: str = "") -> SitePage:
    """The 信息中心's staff check the page: it goes on to publication, or back with a reason."""
    page = _locked(page)
    _ensure(actor, "work_as_staff", site_office())
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the page is returned.")})
    before = page.status
    if approve:
        page.pass_review()
        page.save()
        audit_record(
            actor=actor,
            action=PromotionAction.PAGE_REVIEW,
            target=page,
            from_state=before,
            to_state=page.status,
            comment=comment,
        )
        tell(members_of(site_office().pk, Role.LEAD), page, "reviewed")
    else:
        page.return_for_correction()
        _returned(actor, page, before, comment)
    return page


@transaction.atomic
def site_page_publish(*, actor: User, page: SitePage, approve: bool, comment: str = "") -> SitePage:
    """The 信息中心's lead publishes the reviewed page, or sends it back to the province with a reason."""
    page = _locked(page)
    _ensure(actor, "work_as_lead", site_office())
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the page is returned.")})
    before = page.status
    if approve:
        page.publish()
        page.published_at = timezone.now()
        page.save()
        audit_record(
            actor=actor,
            action=PromotionAction.PAGE_PUBLISH,
            target=page,
            from_state=before,
            to_state=page.status,
            comment=comment,
        )
        tell(members_of(page.bureau_id, Role.STAFF), page, "published")
    else:
        page.withhold()
        _returned(actor, page, before, comment)
    return page
