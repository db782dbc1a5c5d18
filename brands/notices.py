"""What a brand evaluation round tells the provinces: the call for recommendations when a round
opens, and each recommending bureau its products' results when the round is published. Queued
inside the services' transactions. The stages in between are their bodies' tasks in 我的工作."""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event
from organizations.models import Department, Role
from organizations.selectors import members_of

from .models import BrandRound

EVENTS = {
    "call_open": _("A brand evaluation round calls for recommendations"),
    "published": _("The results of a brand evaluation round were published"),
}


def register_kinds() -> None:
    register_event_kinds("brand", EVENTS, "brand")


def _tell(recipients, brand_round: BrandRound, event: str, **context) -> None:
    context = {"year": brand_round.year, "organiser": brand_round.organiser.display_name, **context}
    notify_event(prefix="brand", events=EVENTS, event=event, recipients=recipients, target=brand_round, context=context)


def tell_provinces_of_the_call(brand_round: BrandRound) -> None:
    """Every provincial bureau's staff: they recommend their province's products."""
    staff = get_user_model().objects.filter(
        is_active=True,
        memberships__is_active=True,
        memberships__role=Role.STAFF,
        memberships__department__kind=Department.Kind.PROVINCIAL_BUREAU,
    )
    _tell(staff.distinct().order_by("pk"), brand_round, "call_open", due=brand_round.recommendations_due)


def tell_bureaus_their_results(brand_round: BrandRound) -> None:
    """Each recommending bureau, its own products: the rank, or why the product left the evaluation."""
    by_bureau: dict[int, list] = {}
    results = brand_round.recommendations.select_related("product")
    for recommendation in results.order_by(F("rank").asc(nulls_last=True), "product__name"):
        by_bureau.setdefault(recommendation.bureau_id, []).append(recommendation)
    for bureau_id, recommendations in by_bureau.items():
        _tell(members_of(bureau_id, Role.STAFF), brand_round, "published", results=recommendations)
