from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.selectors.products import products_public

from .forms import ProductSearchForm

PAGE_SIZE = 25


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The public register of protected GI products."""
    form = ProductSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        province = form.cleaned_data["province"]
        filters = {
            "query": form.cleaned_data["q"],
            "province_code": province.code if province else "",
            "category": form.cleaned_data["category"],
        }
    page = Paginator(products_public(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/home.html", {"form": form, "page": page})
