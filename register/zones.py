"""The public register's page of demonstration zones: the named zones with their products, and
revoked ones with the published reason; searchable by name or pinyin like the products."""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from zones.selectors import zones_public

PAGE_SIZE = 25


class ZoneSearchForm(forms.Form):
    q = forms.CharField(label=_("Government, product or pinyin"), required=False, max_length=50)


@login_not_required
@require_GET
def zones(request: HttpRequest) -> HttpResponse:
    form = ZoneSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(zones_public(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/zones.html", {"form": form, "page": page})
