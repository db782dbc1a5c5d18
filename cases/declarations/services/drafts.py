"""Writes of the producer on a self-declaration: draft, attach, declare, correct, withdraw.

Each: one transaction, row lock, permission check, FSM transition, one audit event,
notifications in the outbox."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from organizations.models import Enterprise, Region
from organizations.selectors import enterprises_of

from ...models import Declaration, DeclarationAttachment, ProtectedProduct, next_in_sequence
from ...uploads import checked_upload_fields
from ..choices import DeclarationAction
from ..notices import tell_producer
from ..receipts import receipt_issue

EDITABLE_STATES = (Declaration.Status.DRAFT, Declaration.Status.CORRECTION_REQUESTED)

# An enterprise holds at most one active declaration per product. "Active" is every state a
# declaration can still leave except by ending: a draft (it will be published), the authorised
# states, and a suspension (it ends only by revocation or withdrawal, and a fresh declaration must
# not be a way around it). Only withdrawn and revoked declarations are over; the state machine has
# no rejected state (a declaration is published at once, docs/domain.md §3).
ENDED_STATES = (Declaration.Status.WITHDRAWN, Declaration.Status.REVOKED)


def ensure_acts_for(actor: User, enterprise: Enterprise) -> None:
    if not enterprises_of(actor).filter(pk=enterprise.pk).exists():
        raise PermissionDenied(_("You do not act for this enterprise."))


def lock_declaration(declaration: Declaration) -> Declaration:
    return Declaration.objects.select_for_update().select_related("enterprise", "product").get(pk=declaration.pk)


def ensure_no_active_declaration(enterprise: Enterprise, product: ProtectedProduct) -> None:
    """Refuse a second active declaration of the enterprise for the product, naming the first.

    The caller holds the enterprise's row lock, so two concurrent declarations cannot both pass.
    """
    first = (
        Declaration.objects.filter(enterprise=enterprise, product=product)
        .exclude(status__in=ENDED_STATES)
        .order_by("created_at", "pk")
        .first()
    )
    if first is not None:
        raise ValidationError(
            {
                "product": _(
                    "%(enterprise)s already has declaration %(declaration)s (%(status)s) for %(product)s; "
                    "an enterprise holds one active declaration per product."
                )
                % {
                    "enterprise": enterprise.name,
                    "declaration": first,
                    "status": first.get_status_display(),
                    "product": product.name,
                }
            }
        )


def validate_production_region(product: ProtectedProduct, region: Region) -> None:
    """The production site must lie inside the product's protected area."""
    area = list(product.protected_area.all())
    if not any(area_region.contains(region) for area_region in area):
        raise ValidationError(
            {
                "production_region": _(
                    "%(region)s is outside the protected area of %(product)s (%(area)s); "
                    "only producers inside the area may declare."
                )
                % {
                    "region": region.name,
                    "product": product.name,
                    "area": "、".join(r.name for r in area),
                }
            }
        )


@transaction.atomic
def declaration_create_draft(
    *,
    actor: User,
    enterprise: Enterprise,
    product: ProtectedProduct,
    production_region: Region,
    production_address: str,
    annual_output: Decimal,
    output_unit: str,
    label_text: str,
) -> Declaration:
    ensure_acts_for(actor, enterprise)
    if product.status != ProtectedProduct.Status.PROTECTED:
        raise ValidationError({"product": _("%(product)s is no longer protected.") % {"product": product.name}})
    # The enterprise's row lock serialises its declarations: the check below cannot race.
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    ensure_no_active_declaration(enterprise, product)
    validate_production_region(product, production_region)
    declaration = Declaration(
        enterprise=enterprise,
        product=product,
        production_region=production_region,
        production_address=production_address,
        annual_output=annual_output,
        output_unit=output_unit,
        label_text=label_text,
        created_by=actor,
    )
    declaration.full_clean(exclude=["reference", "status"])  # status is FSM-protected
    declaration.save()
    audit_record(actor=actor, action=DeclarationAction.CREATE, target=declaration, to_state=declaration.status)
    return declaration


@transaction.atomic
def declaration_attach(*, actor: User, declaration: Declaration, kind: str, uploaded_file) -> DeclarationAttachment:
    declaration = lock_declaration(declaration)
    ensure_acts_for(actor, declaration.enterprise)
    if declaration.status not in EDITABLE_STATES:
        raise ValidationError(_("Files can only be added to a draft or a declaration being corrected."))
    if kind not in DeclarationAttachment.Kind.values:
        raise ValidationError(_("Unknown kind of attachment."))
    attachment = DeclarationAttachment.objects.create(
        declaration=declaration, kind=kind, uploaded_by=actor, **checked_upload_fields(uploaded_file)
    )
    audit_record(
        actor=actor,
        action=DeclarationAction.ATTACH,
        target=declaration,
        data={"kind": kind, "file": attachment.original_name, "sha256": attachment.sha256},
    )
    return attachment


def _next_reference(declaration: Declaration) -> str:
    """SB-<region>-<year>-<serial>: readable and unique; serial per production region and year."""
    scope = f"SB-{declaration.production_region.code}-{timezone.localdate().year}"
    return f"{scope}-{next_in_sequence(scope):05d}"


@transaction.atomic
def declaration_submit(*, actor: User, declaration: Declaration, commitment_accepted: bool) -> Declaration:
    """Declare and publish at once: from this moment the producer may use the mark."""
    declaration = lock_declaration(declaration)
    ensure_acts_for(actor, declaration.enterprise)
    if not commitment_accepted:
        raise ValidationError({"commitment_accepted": _("You must accept the commitment statement to declare.")})
    missing = set(DeclarationAttachment.REQUIRED_KINDS) - set(declaration.attachments.values_list("kind", flat=True))
    if missing:
        labels = "、".join(
            str(DeclarationAttachment.Kind(kind).label)
            for kind in DeclarationAttachment.REQUIRED_KINDS
            if kind in missing
        )
        raise ValidationError(_("Attach these documents before declaring: %(missing)s.") % {"missing": labels})
    before = declaration.status
    declaration.declare()
    declaration.commitment_accepted = True
    declaration.declared_at = timezone.now()
    declaration.reference = _next_reference(declaration)
    declaration.save()
    audit_record(
        actor=actor,
        action=DeclarationAction.SUBMIT,
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        data={"reference": declaration.reference},
    )
    receipt_issue(actor=actor, declaration=declaration)
    tell_producer(declaration, "published")
    return declaration


@transaction.atomic
def declaration_withdraw(*, actor: User, declaration: Declaration, reason: str = "") -> Declaration:
    declaration = lock_declaration(declaration)
    ensure_acts_for(actor, declaration.enterprise)
    before = declaration.status
    declaration.withdraw()
    declaration.closed_at = timezone.now()
    declaration.closing_reason = reason
    declaration.suspension_proposed = False  # a withdrawal ends the proposal with the process
    declaration.save()
    audit_record(
        actor=actor,
        action=DeclarationAction.WITHDRAW,
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        comment=reason,
    )
    tell_producer(declaration, "withdrawn", reason=reason)
    return declaration


@transaction.atomic
def declaration_resubmit(*, actor: User, declaration: Declaration, comment: str = "") -> Declaration:
    """The producer corrected what the bureau asked for."""
    declaration = lock_declaration(declaration)
    ensure_acts_for(actor, declaration.enterprise)
    before = declaration.status
    declaration.resubmit()
    declaration.save()
    audit_record(
        actor=actor,
        action=DeclarationAction.RESUBMIT,
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        comment=comment,
    )
    tell_producer(declaration, "resubmitted")
    return declaration
