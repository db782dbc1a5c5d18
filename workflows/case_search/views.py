"""The 案件 page: a thin view over the search (selectors.search_cases)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from accounts.types import AuthenticatedHttpRequest
from organizations.selectors import is_staff_member

from .forms import CaseSearchForm
from .selectors import criteria_for, search_cases


def case_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise PermissionDenied
    form = CaseSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid() and form.asks_something():
        data = form.cleaned_data
        criteria = criteria_for(text=data["q"], status=data["status"], open_only=data["open"])
        page = search_cases(request.user, criteria, kind=data["kind"], cursor=request.GET.get("cursor", ""))
    return render(request, "case_search/search.html", {"form": form, "page": page})
