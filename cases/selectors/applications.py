"""Reads on protection applications: who may see which, and their history for the applicant."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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


def applicant_history(application: Application) -> list[HistoryEntry]:
    return visible_history(application, APPLICANT_VISIBLE_ACTIONS, Application.Status.choices)


def announcements_public():
    """Every published announcement of an application, newest first, with its application."""
    from documents.models import Document

    from ..announcements import PUBLIC_KINDS

    return Document.objects.filter(kind__in=PUBLIC_KINDS).order_by("-created_at", "-pk")


def announcement_public(pk: int):
    return announcements_public().filter(pk=pk).first()


def applications_by_pk(pks) -> dict[int, Application]:
    return Application.objects.select_related("applicant", "province").in_bulk(list(pks))
