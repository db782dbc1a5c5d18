"""The one door for every change of a protected product: entering it in the register, and the
revocation of its protection. Each runs in one transaction."""

from django.db import transaction

from accounts.models import User
from accounts.types import Actor
from cases.models import ProductRevocation, ProtectedProduct
from cases.products import services

from ..task_views import service_decision


def _flow():
    # flows → views → actions: the flow class is read when an action runs, not at import.
    from .flows import ProductRevocationFlow

    return ProductRevocationFlow


def revocation_of(activation) -> ProductRevocation:
    return ProductRevocation.objects.select_related("product", "proposed_by").get(
        pk=activation.process.artifact_object_id
    )


@transaction.atomic
def import_protected(*, actor: Actor, **product) -> tuple[ProtectedProduct, bool]:
    """A product protected before Terroir, from the published announcements (idempotent by name)."""
    return services.product_import_protected(actor=actor, **product)


@transaction.atomic
def propose_revocation(*, actor: User, product: ProtectedProduct, ground: str, reasons: str) -> ProductRevocation:
    """科技司 staff propose to revoke the protection; the lead's decision task opens."""
    return _flow().start.run(actor=actor, product=product, ground=ground, reasons=reasons)


# The lead's task (shared by the task page and the API).
decide_revocation = transaction.atomic(service_decision(services.product_revocation_decide, revocation=revocation_of))
