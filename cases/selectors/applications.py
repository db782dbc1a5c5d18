"""Reads on protection applications: who may see which, and their history for the applicant."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from audit.selectors import actor_display, audit_events_for
from organizations.selectors import enterprises_of, region_code_filter

from ..models import Application, ExpertOpinion
from .history import HistoryEntry, visible_history


def applications_of_applicant(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant__in=enterprises_of(user)).select_related("applicant", "province")


def application_for_applicant(user, pk: int) -> Application:
    """Raises Application.DoesNotExist for someone else's application (the page answers 404)."""
    return applications_of_applicant(user).get(pk=pk)


def applications_visible_to(user) -> QuerySet[Application]:
    """Staff: national bodies see every application, bureaus those of their province and below.
    Drafts stay with the applicant."""
    return (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .filter(region_code_filter(user, "province__code"))
        .select_related("applicant", "province")
    )


def application_open_to_objections(token: str) -> Application | None:
    return (
        Application.objects.filter(public_token=token)
        .exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
        .exclude(objection_window_opens__isnull=True)
        .select_related("applicant", "province")
        .first()
    )


def review_opinions_of(user) -> QuerySet[ExpertOpinion]:
    """The expert's own opinions, newest review first."""
    return ExpertOpinion.objects.filter(expert=user).select_related("application").order_by("-pk")


APPLICANT_VISIBLE_ACTIONS = {
    "application.create": (_("Draft created"), False),
    "application.edit_draft": (_("Draft changed"), False),
    "application.submit": (_("Submitted to the provincial bureau"), False),
    "application.preliminary.accept": (_("Preliminary examination passed; forwarded"), False),
    "application.preliminary.supplement": (_("Supplement requested"), True),
    "application.resubmit": (_("Supplement sent"), True),
    "application.formal.accept": (_("Formal examination passed"), False),
    "application.formal.defect": (_("Defect notice issued"), True),
    "application.announcement.approve": (_("Announced; objection window opened"), False),
    "application.objection_window.close": (_("Objection window closed"), False),
    "application.objections.proceed": (_("Objections handled; the application proceeds"), True),
    "application.objections.return": (_("Returned after a sustained objection"), True),
    "application.objections.reject": (_("Rejected after a sustained objection"), True),
    "application.review.pass": (_("Technical review passed"), False),
    "application.rejection.approve": (_("Rejected"), True),
    "application.approval.approve": (_("Protection approved"), False),
    "application.withdraw": (_("Withdrawn"), True),
}


# The staff file shows every event; these are the internal ones the applicant's list leaves out.
STAFF_ONLY_ACTIONS = {
    "application.update": _("Draft edited"),
    "application.attach": _("Material attached"),
    "application.preliminary.reject": _("Rejection proposed at the preliminary examination"),
    "application.formal.reject": _("Rejection proposed at the formal examination"),
    "application.rejection.refuse": _("Proposed rejection refused; back to the stage"),
    "application.announcement.return": _("Announcement returned"),
    "application.review.convene": _("Technical review convened"),
    "application.review.opinion": _("Expert opinion given"),
    "application.review.reject": _("Technical review: rejection proposed"),
    "application.approval.return": _("Approval returned"),
    "document.issue": _("Document issued"),
}


@dataclass(frozen=True)
class StaffHistoryEntry:
    occurred_at: datetime.datetime
    actor_label: str
    label: str
    from_status: str
    to_status: str
    comment: str


def staff_history(application: Application) -> list[StaffHistoryEntry]:
    """The application's audit trail in words: a step's name, not its code; a status's label, not
    its value. An event of a kind added later reads "Other step" until it is named here."""
    statuses = dict(Application.Status.choices)
    labels = {action: label for action, (label, _public) in APPLICANT_VISIBLE_ACTIONS.items()} | STAFF_ONLY_ACTIONS
    return [
        StaffHistoryEntry(
            occurred_at=event.occurred_at,
            actor_label=actor_display(event),
            label=str(labels.get(event.action, _("Other step"))),
            from_status=str(statuses.get(event.from_state, "")),
            to_status=str(statuses.get(event.to_state, "")),
            comment=event.comment,
        )
        for event in audit_events_for(application)
    ]


def applicant_history(application: Application) -> list[HistoryEntry]:
    return visible_history(application, APPLICANT_VISIBLE_ACTIONS, Application.Status.choices)


def announcements_public():
    """Every published announcement of an application, newest first, with its application."""
    from documents.models import Document

    from ..announcements import PUBLIC_KINDS

    return Document.objects.filter(kind__in=PUBLIC_KINDS).order_by("-created_at", "-pk")


def announcement_public(pk: int):
    return announcements_public().filter(pk=pk).first()


def announcement_rows(documents) -> list[tuple]:
    """(document, its application or None, the product's name) per announcement: most are issued on
    an application, a revocation on the protected product itself (not an application's key)."""
    from django.contrib.contenttypes.models import ContentType

    from ..models import ProtectedProduct

    documents = list(documents)
    of = {model: ContentType.objects.get_for_model(model).pk for model in (Application, ProtectedProduct)}
    applications = Application.objects.select_related("applicant", "province").in_bulk(
        [d.target_id for d in documents if d.target_type_id == of[Application]]
    )
    products = ProtectedProduct.objects.in_bulk(
        [d.target_id for d in documents if d.target_type_id == of[ProtectedProduct]]
    )
    rows = []
    for document in documents:
        application = applications.get(document.target_id) if document.target_type_id == of[Application] else None
        product = products.get(document.target_id) if document.target_type_id == of[ProtectedProduct] else None
        name = application.product_name if application else (product.name if product else "")
        rows.append((document, application, name))
    return rows
