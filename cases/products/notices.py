"""What staff are told when a protected product's protection is put in question.

Called by the services inside their transaction, so a refused change tells no one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_event_kinds
from notifications.services import notify_event

PRODUCT_EVENTS = {
    "revocation_proposed": _("A revocation of protection awaits your decision"),
}


def register_kinds() -> None:
    register_event_kinds("product.staff", PRODUCT_EVENTS, "product")


def tell_staff_about_product(recipients, product, event: str, **context) -> None:
    notify_event(
        prefix="product.staff",
        events=PRODUCT_EVENTS,
        event=event,
        recipients=recipients,
        target=product,
        link=reverse("applications:product", args=[product.pk]),
        context={"product": product, **context},
    )
