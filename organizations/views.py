"""The region picker's two small reads: the linked selects for a chosen region, and a name search.

Public (the report-a-counterfeit form needs them without an account), read-only, bounded.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .region_picker import levels_for, search


def _max_level(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("max_level", 3)), 1), 3)
    except ValueError:
        return 3


@login_not_required
@require_GET
def region_levels(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("name", "")[:100]
    code = request.GET.get("code", "")[:6]
    widget = {"name": name, "levels": levels_for(code, _max_level(request))}
    return render(request, "organizations/region_levels.html", {"widget": widget})


@login_not_required
@require_GET
def region_search(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"results": search(request.GET.get("q", ""), _max_level(request))})
