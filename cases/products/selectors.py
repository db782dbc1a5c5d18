from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from ..common.history import HistoryEntry, StaffHistory, staff_history, visible_history
from ..common.pinyin import normalize_query
from ..models import Application, ProductRevocation, ProtectedProduct
from .choices import ProductAction


def products_public(
    *, query: str = "", province_code: str = "", category: str = "", status: str = ""
) -> QuerySet[ProtectedProduct]:
    """Protected products as the public sees them, searchable by Chinese name, pinyin or initials."""
    products = ProtectedProduct.objects.select_related("province")
    query = (query or "").strip()
    if query:
        needle = normalize_query(query)
        products = products.filter(
            Q(name__icontains=query) | Q(name_pinyin__contains=needle) | Q(name_en__icontains=query)
        )
    if province_code:
        products = products.filter(province__code=province_code)
    if category:
        products = products.filter(category=category)
    if status:
        products = products.filter(status=status)
    return products.order_by("province__code", "name")


def product_public(token: str) -> ProtectedProduct | None:
    """A register entry by its public token (ids are not public); None when there is none."""
    if not token or len(token) > 64:
        return None
    return (
        ProtectedProduct.objects.select_related("province")
        .prefetch_related("protected_area")
        .filter(public_token=token)
        .first()
    )


# What the public history of a register entry shows. The comments stay out: the reasons that
# are public are printed in the announcements themselves.
PUBLIC_PRODUCT_ACTIONS: dict[str, tuple[str | Promise, bool]] = {
    action: (action.label, False)
    for action in (
        ProductAction.IMPORT,
        ProductAction.PROTECT,
        ProductAction.AMEND,
        ProductAction.REVOCATION_APPROVE,
    )
}


def product_public_history(product: ProtectedProduct) -> list[HistoryEntry]:
    return visible_history(product, PUBLIC_PRODUCT_ACTIONS, ProtectedProduct.Status.choices)


def product_staff_history(product: ProtectedProduct, *, everything: bool = False) -> StaffHistory:
    """A product's history for staff. Its revocations are recorded on the product, the proposal
    with the revocation's state."""
    return staff_history(product, everything=everything, kind_states={ProductAction: ProductRevocation.Status.choices})


def product_announcements_public(product: ProtectedProduct):
    """The published announcements about a product: of its applications (protection,
    amendments) and of the product itself (revocation), oldest first."""
    from documents.models import Document

    from ..applications.announcements import PUBLIC_KINDS

    application_ids = Application.objects.filter(Q(product=product) | Q(amends=product)).values("pk")
    about_applications = Q(target_type=ContentType.objects.get_for_model(Application), target_id__in=application_ids)
    about_product = Q(target_type=ContentType.objects.get_for_model(ProtectedProduct), target_id=product.pk)
    return Document.objects.filter(about_applications | about_product, kind__in=PUBLIC_KINDS).order_by(
        "created_at", "pk"
    )
