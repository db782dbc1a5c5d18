"""The receipt of a self-declaration: a numbered PDF with a QR code to the public verification page."""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from documents.kinds import register_kind
from documents.qr import qr_data_uri
from documents.selectors import documents_for
from documents.services import document_render
from organizations.models import Department
from organizations.selectors import enterprises_of, jurisdiction_prefixes

from ..models import Declaration

RECEIPT = "declaration.receipt"


def _can_view_receipt(user, document) -> bool:
    if not user.is_authenticated:
        return False
    declaration = Declaration.objects.select_related("production_region").filter(pk=document.target_id).first()
    if declaration is None:
        return False
    if enterprises_of(user).filter(pk=declaration.enterprise_id).exists():
        return True
    code = declaration.production_region.code
    return any(code.startswith(prefix) for prefix in jurisdiction_prefixes(user))


def register_kinds() -> None:
    register_kind(
        RECEIPT,
        label=_("Receipt of a self-declaration"),
        template="documents/declaration_receipt.html",
        number_format="地标专用标志声明回执〔{year}〕{serial}号",
        can_view=_can_view_receipt,
    )


def verification_url(declaration: Declaration) -> str:
    return urljoin(settings.TERROIR_SITE_URL, reverse("register:verify", args=[declaration.verification_token]))


def receipt_issue(*, actor: Actor, declaration: Declaration):
    """Issue the receipt at publication; called inside declaration_submit's transaction."""
    url = verification_url(declaration)
    return document_render(
        kind=RECEIPT,
        target=declaration,
        actor=actor,
        title=_("Receipt of the self-declaration to use the GI special mark"),
        context={
            "authority": _receiving_bureau_name(declaration),
            "declaration": declaration,
            "verification_url": url,
            "qr": qr_data_uri(url),
        },
    )


def _receiving_bureau_name(declaration: Declaration) -> str:
    bureau = Department.objects.filter(region=declaration.production_region).first()
    return bureau.display_name if bureau else declaration.production_region.display_name


def receipt_of(declaration: Declaration):
    return documents_for(declaration, RECEIPT).order_by("-pk").first()
