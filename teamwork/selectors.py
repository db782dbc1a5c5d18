"""Reads of team work: a case's notes thread, in a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import CaseNote

# The thread shows the latest notes; a case with more says how many there are.
NOTES_SHOWN = 100


def notes_of(case) -> QuerySet[CaseNote]:
    return (
        CaseNote.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)
        .select_related("author", "department")
        .prefetch_related("mentioned")
        .order_by("created_at", "pk")
    )


def notes_thread(case) -> tuple[list[CaseNote], int]:
    """The latest NOTES_SHOWN notes, oldest first, and how many the case has: three queries."""
    notes = notes_of(case)
    latest = list(notes.order_by("-created_at", "-pk")[:NOTES_SHOWN])
    total = len(latest) if len(latest) < NOTES_SHOWN else notes.count()
    return latest[::-1], total
