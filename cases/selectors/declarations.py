"""Reads on self-declarations."""

from django.db.models import QuerySet

from organizations.selectors import enterprises_of

from ..models import Declaration


def declarations_of_producer(user) -> QuerySet[Declaration]:
    """The declarations of every enterprise the user acts for."""
    return (
        Declaration.objects.filter(enterprise__in=enterprises_of(user))
        .select_related("enterprise", "product", "production_region")
        .order_by("-created_at")
    )


def declaration_for_producer(user, pk: int) -> Declaration:
    """One of the user's declarations; Declaration.DoesNotExist for anything else (→ 404)."""
    return declarations_of_producer(user).get(pk=pk)


def declaration_by_verification_token(token: str) -> Declaration | None:
    """The declaration a QR code points to; None for an unknown token or a draft."""
    if not token or len(token) > 64:
        return None
    return (
        Declaration.objects.select_related("enterprise", "product", "product__province")
        .exclude(status=Declaration.Status.DRAFT)
        .filter(verification_token=token)
        .first()
    )
