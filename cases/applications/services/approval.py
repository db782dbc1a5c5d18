"""Approval: the approval announcement, then the product enters the register (new, or amended in place)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record

from ...common.pinyin import pinyin_search_key
from ...models import Application, ProtectedProduct, Purpose
from ...products.choices import ProductAction
from ..announcements import AMENDMENT, APPROVAL, announcement_issue
from ..choices import ApplicationAction
from ..notices import tell_applicant
from .common import ensure_role, lock, national_department, record, require


@transaction.atomic
def application_decide_approval(*, actor: User, application: Application, approve: bool, comment: str = ""):
    """科技司's lead approves protection: the approval announcement, then the product enters the register."""
    application = lock(application)
    ensure_role(actor, "work_as_lead", national_department("KJS"))
    before = application.status
    if not approve:
        require(comment, "comment", _("Say why the approval is returned."))
        application.return_approval()
        application.save()
        record(actor, application, ApplicationAction.APPROVAL_RETURN, before, comment)
        return application
    application.approve()
    application.closed_at = timezone.now()
    application.save()
    if application.purpose == Purpose.PROTECTION:
        document = announcement_issue(actor=actor, application=application, kind=APPROVAL)
        product = ProtectedProduct(
            announcement_number=document.number,
            announcement_year=document.year,
            # Protected from the approval announcement's date, the day it was issued.
            protected_since=timezone.localdate(document.created_at),
            authority=ProtectedProduct.Authority.CNIPA,
        )
        action = ProductAction.PROTECT
    else:
        document = announcement_issue(actor=actor, application=application, kind=AMENDMENT)
        product = ProtectedProduct.objects.select_for_update().get(pk=application.amends_id)
        action = ProductAction.AMEND
    _write_register_entry(product, application)
    if application.purpose == Purpose.PROTECTION:
        application.product = product
        application.save(update_fields=["product"])
    record(actor, application, ApplicationAction.APPROVAL_APPROVE, before, comment, announcement=document.number)
    audit_record(
        actor=actor,
        action=action,
        target=product,
        to_state=product.status,
        data={"application": application.reference, "announcement": document.number},
    )
    tell_applicant(application, "protected" if application.purpose == Purpose.PROTECTION else "amended")
    return application


def _write_register_entry(product: ProtectedProduct, application: Application) -> None:
    """What the register shows comes from the approved application: new, or amended in place."""
    product.name = application.product_name
    product.name_pinyin = pinyin_search_key(application.product_name)
    product.category = application.category
    product.province = application.province
    product.standard = application.proposed_standard
    product.quality_summary = application.quality_characteristics[:2000]
    product.save()
    product.protected_area.set(application.proposed_area.all())
