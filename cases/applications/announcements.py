"""Announcements of protection applications (受理公告, 初步认定公告, 批准公告): numbered public PDFs."""

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from documents.kinds import register_kind
from documents.selectors import documents_for
from documents.services import document_render
from organizations.models import Department

from ..models import Application, Regime
from ..products.announcements import REVOCATION

ACCEPTANCE = "application.acceptance_announcement"
RECOGNITION = "application.recognition_announcement"
APPROVAL = "application.approval_announcement"
AMENDMENT = "application.amendment_announcement"
PUBLIC_KINDS = (ACCEPTANCE, RECOGNITION, APPROVAL, AMENDMENT, REVOCATION)

TITLES = {
    ACCEPTANCE: _("Announcement of the acceptance of an application for GI product protection"),
    RECOGNITION: _("Announcement of the preliminary recognition of a GI product"),
    APPROVAL: _("Announcement of the approval of GI product protection"),
    AMENDMENT: _("Announcement of the approval of an amendment of a GI product"),
}


def _public(user, document) -> bool:
    """Announcements are published: anyone may read them."""
    return True


def register_kinds() -> None:
    register_kind(
        ACCEPTANCE,
        label=_("Acceptance announcement"),
        template="documents/application_announcement.html",
        number_format="地理标志产品保护申请受理公告〔{year}〕第{serial}号",
        can_view=_public,
    )
    register_kind(
        RECOGNITION,
        label=_("Preliminary recognition announcement"),
        template="documents/application_announcement.html",
        number_format="地理标志产品初步认定公告〔{year}〕第{serial}号",
        can_view=_public,
    )
    register_kind(
        APPROVAL,
        label=_("Approval announcement"),
        template="documents/application_announcement.html",
        number_format="地理标志产品保护批准公告〔{year}〕第{serial}号",
        can_view=_public,
    )
    register_kind(
        AMENDMENT,
        label=_("Amendment announcement"),
        template="documents/application_announcement.html",
        number_format="地理标志产品变更批准公告〔{year}〕第{serial}号",
        can_view=_public,
    )


def opening_announcement_kind(application: Application) -> str:
    """The announcement that opens the objection window depends on the procedure."""
    return ACCEPTANCE if application.regime == Regime.AQSIQ_2005 else RECOGNITION


def announcement_issue(*, actor: Actor, application: Application, kind: str):
    """Render and number the announcement; called inside the approving service's transaction."""
    return document_render(
        kind=kind,
        target=application,
        actor=actor,
        title=TITLES[kind],
        context={
            "authority": Department.objects.get(code="KJS").display_name,
            "kind": kind,
            "application": application,
            "area": list(application.proposed_area.order_by("code")),
            "objection_window": kind in (ACCEPTANCE, RECOGNITION),
        },
    )


def announcements_of(application: Application):
    return documents_for(application).filter(kind__in=PUBLIC_KINDS).order_by("pk")
