"""The notification centre: the user's own notifications and e-mail settings. Login required (middleware)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import EmailPreferencesForm

PAGE_SIZE = 20


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_of_or_404(request.user, notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    return _back_to_list(request)


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return _back_to_list(request)


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    # Bound on every POST: with all boxes cleared the form carries no field at all.
    data = request.POST if request.method == "POST" else None
    form = EmailPreferencesForm(data, preferences=selectors.email_preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_set(user=request.user, email_enabled=form.email_enabled())
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _back_to_list(request: HttpRequest) -> HttpResponse:
    # Back to the page the button was on (the list keeps its page number).
    next_url = request.POST.get("next", "")
    if next_url and _is_safe(request, next_url):
        return HttpResponseRedirect(next_url)
    return redirect("notifications:list")


def _is_safe(request: HttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
