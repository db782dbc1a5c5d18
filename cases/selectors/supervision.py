"""Reads on supervision campaigns."""

from django.db.models import Q, QuerySet

from organizations.selectors import jurisdiction_prefixes

from ..models import SupervisionCampaign


def campaigns_visible_to(user) -> QuerySet[SupervisionCampaign]:
    """Campaigns organised inside the user's jurisdiction (national staff see all)."""
    campaigns = SupervisionCampaign.objects.select_related("organiser", "organiser__region").order_by("-created_at")
    prefixes = jurisdiction_prefixes(user)
    if "" in prefixes:
        return campaigns
    condition = Q(pk__in=[])
    for prefix in prefixes:
        # A county sees its province's campaigns too: they are checked on its ground.
        condition |= Q(organiser__region__code__startswith=prefix[:2])
    return campaigns.filter(condition)


def campaign_visible_to(user, pk: int) -> SupervisionCampaign | None:
    return campaigns_visible_to(user).filter(pk=pk).first()


def campaigns_published() -> QuerySet[SupervisionCampaign]:
    """What the public sees: drawn campaigns (一公开), without inspector names."""
    return SupervisionCampaign.objects.exclude(status=SupervisionCampaign.Status.PLANNED).select_related("organiser")
