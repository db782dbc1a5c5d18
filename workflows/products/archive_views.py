"""产品档案: the archives of the protected products a staff member's bureau keeps, and one product's
archive. Read-only pages; what they show is gathered in cases.products.archive."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.types import AuthenticatedHttpRequest
from cases.common.pinyin import normalize_query
from cases.products.archive import ELEMENTS, ELEMENTS_HELD, archives_visible_to, product_archive, with_completeness
from organizations.selectors import is_staff_member

from ..visibility import staff_or_404

PAGE_SIZE = 50


def archive_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise PermissionDenied
    products = with_completeness(archives_visible_to(request.user)).select_related("province")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        products = products.filter(Q(name__icontains=query) | Q(name_pinyin__contains=normalize_query(query)))
    incomplete = request.GET.get("incomplete") == "on"
    if incomplete:
        products = products.filter(**{f"{ELEMENTS_HELD}__lt": len(ELEMENTS)})
    page = Paginator(products.order_by("province__code", "name"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(product, round(100 * getattr(product, ELEMENTS_HELD) / max(len(ELEMENTS), 1))) for product in page]
    return render(
        request,
        "workflows/products/archive_list.html",
        {"page": page, "rows": rows, "query": query, "incomplete": incomplete, "element_count": len(ELEMENTS)},
    )


def archive_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    product = archives_visible_to(request.user).select_related("province").filter(pk=pk).first()
    if product is None:
        raise Http404
    return render(request, "workflows/products/archive.html", {"archive": product_archive(product)})
