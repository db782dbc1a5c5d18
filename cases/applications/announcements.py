"""Announcements of protection applications (受理公告, 初步认定公告, 批准公告): numbered public PDFs."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from documents.kinds import register_kind
from documents.selectors import documents_for
from documents.services import document_render
from organizations.models import Department

from ..models import Application, Purpose, Regime
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


def _context(application: Application, kind: str, *, window_opens, window_closes) -> dict:
    """What the announcement's template reads: the issued PDF and its preview are drawn alike."""
    return {
        "authority": Department.objects.get(code="KJS").display_name,
        "kind": kind,
        "application": application,
        "area": list(application.proposed_area.order_by("code")),
        "objection_window": kind in (ACCEPTANCE, RECOGNITION),
        "window_opens": window_opens,
        "window_closes": window_closes,
    }


def announcement_issue(*, actor: Actor, application: Application, kind: str):
    """Render and number the announcement; called inside the approving service's transaction."""
    return document_render(
        kind=kind,
        target=application,
        actor=actor,
        title=TITLES[kind],
        context=_context(
            application,
            kind,
            window_opens=application.objection_window_opens,
            window_closes=application.objection_window_closes,
        ),
    )


def announcement_to_approve(application: Application) -> str | None:
    """The announcement the lead's approval at the application's present stage would publish."""
    if application.status == Application.Status.ANNOUNCEMENT_PENDING:
        return opening_announcement_kind(application)
    if application.status == Application.Status.APPROVAL_PENDING:
        return APPROVAL if application.purpose == Purpose.PROTECTION else AMENDMENT
    return None


def announcement_preview(application: Application) -> dict | None:
    """The announcement as approval today would publish it (its number is given on approval): the
    context of the same text template, with the objection window it would open from today."""
    from .services.objection_window import objection_window_closes  # the services import this module

    kind = announcement_to_approve(application)
    if kind is None:
        return None
    today = timezone.localdate()
    # The window's last day as the approval computes it (a DueDate since ADR 0041: its date here).
    window = (today, objection_window_closes(today).date) if kind in (ACCEPTANCE, RECOGNITION) else (None, None)
    return {
        **_context(application, kind, window_opens=window[0], window_closes=window[1]),
        "document_title": TITLES[kind],
        "issued_on": today,
    }


def announcements_of(application: Application):
    return documents_for(application).filter(kind__in=PUBLIC_KINDS).order_by("pk")
