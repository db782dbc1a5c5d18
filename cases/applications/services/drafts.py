"""The applicant's side: the draft, its documents, submission, the supplement, withdrawal."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from deadlines.models import Deadline
from deadlines.selectors import deadlines_for
from deadlines.services import deadline_meet
from organizations.models import Enterprise, Region
from organizations.selectors import enterprises_of

from ...models import Application, ApplicationAttachment, ProtectedProduct, Purpose, next_in_sequence
from ...uploads import checked_upload_fields
from ..choices import CONTENT_FIELDS, ApplicationAction
from ..notices import tell_applicant
from .common import SUPPLEMENT_RULE, ensure_acts_for_applicant, lock, record, require

Status = Application.Status


def _validate_area(province: Region, area: list[Region]) -> None:
    if province.level != Region.Level.PROVINCE:
        raise ValidationError({"province": _("Choose a province.")})
    if not area:
        raise ValidationError({"proposed_area": _("Name at least one region of the proposed protected area.")})
    outside = [f"{region.name}（{region.code}）" for region in area if not province.contains(region)]
    if outside:
        raise ValidationError(
            {
                "proposed_area": _("%(regions)s lie outside %(province)s; apply through each province separately.")
                % {"regions": "、".join(outside), "province": province.name}
            }
        )


def _validate_name_is_free(name: str, exclude_pk: int | None = None, amends: ProtectedProduct | None = None) -> None:
    """A name may be protected once; an amendment may keep the name of the product it amends."""
    if ProtectedProduct.objects.filter(name=name).exclude(pk=amends.pk if amends else None).exists():
        raise ValidationError({"product_name": _("%(name)s is already a protected GI product.") % {"name": name}})
    pending = Application.objects.filter(product_name=name, status__in=Application.OPEN_STATES)
    if amends:
        pending = pending.exclude(amends=amends)
    if exclude_pk:
        pending = pending.exclude(pk=exclude_pk)
    if pending.exists():
        raise ValidationError({"product_name": _("An application for %(name)s is already under way.") % {"name": name}})


def _validate_purpose(purpose: str, amends: ProtectedProduct | None, province: Region) -> None:
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if purpose == Purpose.PROTECTION:
        if amends is not None:
            raise ValidationError({"amends": _("A new product amends nothing.")})
        return
    if amends is None:
        raise ValidationError({"amends": _("Choose the protected product to amend.")})
    if amends.status != ProtectedProduct.Status.PROTECTED:
        raise ValidationError({"amends": _("%(product)s is no longer protected.") % {"product": amends.name}})
    if amends.province_id != province.pk:
        raise ValidationError(
            {
                "amends": _("%(product)s is protected in %(province)s.")
                % {"product": amends.name, "province": amends.province.name}
            }
        )
    if Application.objects.filter(amends=amends, status__in=Application.OPEN_STATES).exists():
        raise ValidationError(
            {"amends": _("An amendment of %(product)s is already under way.") % {"product": amends.name}}
        )


@transaction.atomic
def application_create_draft(
    *,
    actor: User,
    applicant: Enterprise,
    province: Region,
    proposed_area: list[Region],
    purpose: str = Purpose.PROTECTION,
    amends: ProtectedProduct | None = None,
    **content,
) -> Application:
    """A draft application: protection of a new product, or an amendment of a protected one."""
    if not enterprises_of(actor).filter(pk=applicant.pk).exists():
        raise PermissionDenied(_("You do not act for this applicant body."))
    if applicant.kind != Enterprise.Kind.APPLICANT_BODY:
        raise ValidationError(_("Only a body designated by the local government may apply for protection."))
    _validate_purpose(purpose, amends, province)
    _validate_area(province, proposed_area)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    _validate_name_is_free(content.get("product_name", ""), amends=amends)
    application = Application(
        applicant=applicant, province=province, purpose=purpose, amends=amends, created_by=actor, **content
    )
    application.full_clean(exclude=["reference", "status", "proposed_area"])
    application.save()
    application.proposed_area.set(proposed_area)
    audit_record(actor=actor, action=ApplicationAction.CREATE, target=application, to_state=application.status)
    return application


@transaction.atomic
def application_attach(*, actor: User, application: Application, kind: str, uploaded_file) -> ApplicationAttachment:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    if application.status not in Application.EDITABLE_STATES:
        raise ValidationError(_("Files can be added only to a draft or when asked for a supplement."))
    if kind not in ApplicationAttachment.Kind.values:
        raise ValidationError(_("Unknown kind of attachment."))
    attachment = ApplicationAttachment.objects.create(
        application=application, kind=kind, uploaded_by=actor, **checked_upload_fields(uploaded_file)
    )
    audit_record(
        actor=actor,
        action=ApplicationAction.ATTACH,
        target=application,
        data={"kind": kind, "file": attachment.original_name, "sha256": attachment.sha256},
    )
    return attachment


# A draft's map and government letter are one document each: a new one replaces the old. Further
# evidence is added to what is there.
REPLACED_KINDS = (ApplicationAttachment.Kind.AREA_MAP, ApplicationAttachment.Kind.GOVERNMENT_LETTER)


def ensure_draft(application: Application) -> None:
    if application.status != Status.DRAFT:
        raise ValidationError(
            _("Application %(reference)s has been submitted; it can no longer be edited.")
            % {"reference": application.reference or application.product_name}
        )


@transaction.atomic
def application_edit_draft(
    *,
    actor: User,
    application: Application,
    province: Region,
    proposed_area: list[Region],
    purpose: str = Purpose.PROTECTION,
    amends: ProtectedProduct | None = None,
    files: dict | None = None,
    **content,
) -> Application:
    """The applicant reopens a draft and changes any of it, documents included, until it is
    submitted; afterwards it is refused and nothing changes."""
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    ensure_draft(application)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    _validate_purpose(purpose, amends, province)
    _validate_area(province, proposed_area)
    if (
        content.get("product_name", application.product_name) != application.product_name
        or amends != application.amends
    ):
        _validate_name_is_free(content.get("product_name", application.product_name), application.pk, amends)
    fields = {"province": province, "purpose": purpose, "amends": amends, **content}
    changed = sorted(name for name, value in fields.items() if getattr(application, name) != value)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["reference", "status", "proposed_area"])
    application.save()
    if set(application.proposed_area.all()) != set(proposed_area):
        application.proposed_area.set(proposed_area)
        changed.append("proposed_area")
    if set(files or {}) - set(ApplicationAttachment.Kind.values):
        raise ValidationError(_("Unknown kind of attachment."))
    # Every file is checked before any is stored: a refused one leaves no stored file behind.
    checked = {kind: checked_upload_fields(uploaded) for kind, uploaded in (files or {}).items()}
    replaced, added = [], []
    for kind, upload_fields in checked.items():
        if kind in REPLACED_KINDS:
            for old in application.attachments.filter(kind=kind):
                replaced.append(old.original_name)
                transaction.on_commit(partial(old.file.delete, save=False))
                old.delete()
        attachment = ApplicationAttachment.objects.create(
            application=application, kind=kind, uploaded_by=actor, **upload_fields
        )
        added.append({"kind": kind, "file": attachment.original_name, "sha256": attachment.sha256})
    audit_record(
        actor=actor,
        action=ApplicationAction.EDIT_DRAFT,
        target=application,
        data={"fields": changed, "files_added": added, "files_replaced": replaced},
    )
    return application


def _next_reference(application: Application) -> str:
    """DB-<province>-<year>-<serial>: serial per province and year."""
    scope = f"DB-{application.province.code}-{timezone.localdate().year}"
    return f"{scope}-{next_in_sequence(scope):04d}"


@transaction.atomic
def application_submit(*, actor: User, application: Application) -> Application:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    present = set(application.attachments.values_list("kind", flat=True))
    missing = [kind for kind in ApplicationAttachment.REQUIRED_KINDS if kind not in present]
    if missing:
        labels = "、".join(str(ApplicationAttachment.Kind(kind).label) for kind in missing)
        raise ValidationError(_("Attach these documents before submitting: %(missing)s.") % {"missing": labels})
    before = application.status
    application.submit()
    application.reference = _next_reference(application)
    application.submitted_at = timezone.now()
    application.save()
    record(actor, application, ApplicationAction.SUBMIT, before, reference=application.reference)
    tell_applicant(application, "submitted")
    return application


@transaction.atomic
def application_resubmit(*, actor: User, application: Application, comment: str) -> Application:
    """The supplement, or the answer to a defect notice, goes back to the provincial bureau."""
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    require(comment, "comment", _("Say what you supplemented or corrected."))
    before = application.status
    application.resubmit()
    application.pending_request = ""
    application.save()
    for clock in deadlines_for(application).filter(rule_code=SUPPLEMENT_RULE, state=Deadline.State.RUNNING):
        deadline_meet(actor=actor, deadline=clock)
    record(actor, application, ApplicationAction.RESUBMIT, before, comment, round=application.supplement_rounds)
    tell_applicant(application, "resubmitted")
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    application = lock(application)
    ensure_acts_for_applicant(actor, application)
    before = application.status
    application.withdraw()
    application.closed_at = timezone.now()
    application.closing_reason = reason
    application.save()
    record(actor, application, ApplicationAction.WITHDRAW, before, reason)
    tell_applicant(application, "withdrawn", reason=reason)
    return application
