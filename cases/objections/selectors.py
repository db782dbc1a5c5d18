"""Reads on objections: where an application stands with its objection window, who may see the evidence."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from organizations.selectors import enterprises_of, is_staff_member

from ..applications.selectors import applications_visible_to
from ..models import Application, Objection, ObjectionEvidence
from .choices import WindowState


def objection_window_state(application: Application, today=None) -> str:
    """ "open", "closed" or "not_open" (not announced yet, or the case has moved on)."""
    today = today or timezone.localdate()
    if application.objection_window_closes and today > application.objection_window_closes:
        return WindowState.CLOSED
    if application.status == Application.Status.OBJECTION_WINDOW:
        return WindowState.OPEN
    return WindowState.NOT_OPEN


def objection_evidence_files_visible_to(user) -> QuerySet[ObjectionEvidence]:
    """Whoever may see the application objected to: staff whose jurisdiction covers it and the
    experts convened on it; the applicant body once the objection is admitted (the portal shows
    it no sooner). The one rule for the download, the preview and the materials panel."""
    allowed = Q(objection__application__applicant__in=enterprises_of(user)) & ~Q(
        objection__status=Objection.Status.RECEIVED
    )
    if is_staff_member(user):
        allowed |= Q(objection__application__in=applications_visible_to(user, with_reviews=True).values("pk"))
    return ObjectionEvidence.objects.filter(allowed)
