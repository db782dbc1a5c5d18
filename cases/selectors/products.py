from django.db.models import Q, QuerySet

from ..models import ProtectedProduct
from ..pinyin import normalize_query


def products_public(*, query: str = "", province_code: str = "", category: str = "") -> QuerySet[ProtectedProduct]:
    """Protected products as the public sees them, searchable by Chinese name, pinyin or initials."""
    products = ProtectedProduct.objects.select_related("province")
    if query:
        needle = normalize_query(query)
        products = products.filter(
            Q(name__icontains=query.strip()) | Q(name_pinyin__contains=needle) | Q(name_en__icontains=query.strip())
        )
    if province_code:
        products = products.filter(province__code=province_code)
    if category:
        products = products.filter(category=category)
    return products.order_by("province__code", "name")
