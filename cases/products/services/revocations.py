"""Revoking a product's protection: 科技司 staff propose, the lead decides; every authorisation
to use the mark on the product ends with it, and the revocation is announced."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.types import Actor
from audit.services import audit_record
from organizations.models import Role
from organizations.selectors import members_of

from ...applications.services import ensure_role, national_department
from ...declarations.choices import DeclarationAction
from ...declarations.notices import tell_producer
from ...models import Declaration, ProductRevocation, ProtectedProduct, next_in_sequence
from ..announcements import revocation_announcement_issue
from ..choices import ProductAction
from ..notices import tell_staff_about_product


@transaction.atomic
def product_revocation_propose(
    *, actor: User, product: ProtectedProduct, ground: str, reasons: str
) -> ProductRevocation:
    product = ProtectedProduct.objects.select_for_update().get(pk=product.pk)
    kjs = national_department("KJS")
    ensure_role(actor, "work_as_staff", kjs)
    if product.status != ProtectedProduct.Status.PROTECTED:
        raise ValidationError(_("%(product)s is not protected.") % {"product": product.name})
    if product.revocations.filter(status=ProductRevocation.Status.PROPOSED).exists():
        raise ValidationError(_("A revocation of %(product)s is already proposed.") % {"product": product.name})
    if ground not in ProductRevocation.Ground.values:
        raise ValidationError({"ground": _("Choose the ground of the revocation.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons of the revocation.")})
    scope = f"CX-{timezone.localdate().year}"
    revocation = ProductRevocation.objects.create(
        product=product,
        reference=f"{scope}-{next_in_sequence(scope):04d}",
        ground=ground,
        reasons=reasons,
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        action=ProductAction.REVOCATION_PROPOSE,
        target=product,
        to_state=revocation.status,
        comment=reasons,
        data={"revocation": revocation.reference, "ground": ground},
    )
    tell_staff_about_product(members_of(kjs.pk, Role.LEAD), product, "revocation_proposed")
    return revocation


@transaction.atomic
def product_revocation_decide(
    *, actor: User, revocation: ProductRevocation, approve: bool, comment: str
) -> tuple[ProductRevocation, list[Declaration]]:
    """Returns the revocation and the declarations whose authorisation it ended."""
    revocation = ProductRevocation.objects.select_for_update().get(pk=revocation.pk)
    ensure_role(actor, "work_as_lead", national_department("KJS"))
    if not comment.strip():
        raise ValidationError({"comment": _("Give the reasons of your decision.")})
    product = ProtectedProduct.objects.select_for_update().get(pk=revocation.product_id)
    before = product.status
    ended: list[Declaration] = []
    if approve:
        revocation.confirm()
        product.revoke()
        product.save()
        ended = _end_authorisations(actor, product, comment)
    else:
        revocation.refuse()
    revocation.decision_comment = comment
    revocation.decided_at = timezone.now()
    revocation.save()
    document = None
    if approve:
        document = revocation_announcement_issue(
            actor=actor, product=product, revocation=revocation, ended_count=len(ended)
        )
    audit_record(
        actor=actor,
        action=ProductAction.REVOCATION_APPROVE if approve else ProductAction.REVOCATION_REFUSE,
        target=product,
        from_state=before,
        to_state=product.status,
        comment=comment,
        data={
            "revocation": revocation.reference,
            "announcement": document.number if document else "",
            "declarations_ended": [declaration.reference for declaration in ended],
        },
    )
    return revocation, ended


def _end_authorisations(actor: Actor, product: ProtectedProduct, reason: str) -> list[Declaration]:
    declarations = list(
        Declaration.objects.select_for_update()
        .filter(product=product, status__in=(*Declaration.AUTHORISED_STATES, Declaration.Status.SUSPENDED))
        .select_related("enterprise", "product")
    )
    closing_reason = _("The protection of %(product)s is revoked: %(reason)s") % {
        "product": product.name,
        "reason": reason,
    }
    for declaration in declarations:
        before = declaration.status
        declaration.revoke()
        declaration.closed_at = timezone.now()
        declaration.closing_reason = closing_reason
        declaration.save()
        audit_record(
            actor=actor,
            action=DeclarationAction.REVOKE,
            target=declaration,
            from_state=before,
            to_state=declaration.status,
            comment=closing_reason,
            data={"cause": "product_revoked"},
        )
        tell_producer(declaration, "revoked", reason=closing_reason)
    return declarations
