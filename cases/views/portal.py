"""The portal of producers and applicant bodies."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organizations.selectors import enterprises_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"enterprises": enterprises_of(request.user)})
