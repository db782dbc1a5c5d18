"""The portal of producers and applicant bodies."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organizations.selectors import enterprises_of

from ..applications.selectors import applications_of_applicant
from ..declarations.selectors import declarations_of_producer


def home(request: HttpRequest) -> HttpResponse:
    enterprises = enterprises_of(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "enterprises": enterprises,
            "declarations": declarations_of_producer(request.user)[:50],
            "is_producer": any(enterprise.kind == "producer" for enterprise in enterprises),
            "is_applicant": any(enterprise.kind == "applicant" for enterprise in enterprises),
            "applications": applications_of_applicant(request.user)[:50],
        },
    )
