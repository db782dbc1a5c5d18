"""The announcement of the revocation of a product's protection (撤销保护公告): a numbered public PDF."""

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from documents.kinds import register_kind
from documents.services import document_render
from organizations.models import Department

REVOCATION = "product.revocation_announcement"
TITLE = _("Announcement of the revocation of GI product protection")


def _public(user, document) -> bool:
    """Announcements are published: anyone may read them."""
    return True


def register_kinds() -> None:
    register_kind(
        REVOCATION,
        label=_("Revocation announcement"),
        template="documents/revocation_announcement.html",
        number_format="地理标志产品撤销保护公告〔{year}〕第{serial}号",
        can_view=_public,
    )


def revocation_announcement_issue(*, actor: Actor, product, revocation, ended_count: int):
    """Render and number the announcement; called inside the deciding service's transaction."""
    return document_render(
        kind=REVOCATION,
        target=product,
        actor=actor,
        title=TITLE,
        context={
            "authority": Department.objects.get(code="KJS").display_name,
            "product": product,
            "area": list(product.protected_area.order_by("code")),
            "revocation": revocation,
            "ended_count": ended_count,
        },
    )
