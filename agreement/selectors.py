"""Reads of the agreement lists: the public list (every name, searchable by pinyin) and the staff's."""

from django.db.models import Q, QuerySet

from cases.common.pinyin import normalize_query
from organizations.selectors import departments_of

from .models import AgreementEntry


def entries_public(*, query: str = "", annex: str = "") -> QuerySet[AgreementEntry]:
    """Every name of the agreement, as the public sees it: original name, transcription or pinyin."""
    entries = AgreementEntry.objects.select_related("product")
    query = (query or "").strip()
    if query:
        entries = entries.filter(
            Q(name__icontains=query)
            | Q(transcription__icontains=query)
            | Q(name_pinyin__contains=normalize_query(query))
        )
    if annex:
        entries = entries.filter(annex=annex)
    return entries.order_by("annex", "name")


def entry_open_to_objections(token: str) -> AgreementEntry | None:
    if not token or len(token) > 64:
        return None
    return AgreementEntry.objects.filter(public_token=token, status=AgreementEntry.Status.PUBLISHED).first()


def entries_of_product(product) -> QuerySet[AgreementEntry]:
    """The agreement's names that rest on this domestic GI record (the product page's badge)."""
    return AgreementEntry.objects.filter(product=product).order_by("annex")


def works_on_agreement(user) -> bool:
    """The lists are the 国际司's: its members (and administrators) see them; the body is national."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or departments_of(user).filter(code="GJS").exists())


def entries_visible_to(user) -> QuerySet[AgreementEntry]:
    if not works_on_agreement(user):
        return AgreementEntry.objects.none()
    return AgreementEntry.objects.select_related("product").order_by("annex", "name")


def entry_visible_to(user, pk) -> AgreementEntry | None:
    return entries_visible_to(user).filter(pk=pk).first()
