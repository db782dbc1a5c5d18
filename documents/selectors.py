from django.contrib.contenttypes.models import ContentType

from .kinds import get_kind
from .models import Document


def documents_for(target, kind: str | None = None):
    documents = Document.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return documents.filter(kind=kind) if kind else documents


def document_visible_to(user, pk: int) -> Document | None:
    """The document if its kind lets this user see it; None otherwise (the page answers 404)."""
    document = Document.objects.filter(pk=pk).first()
    if document is None or not get_kind(document.kind).can_view(user, document):
        return None
    return document
