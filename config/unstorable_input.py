"""Input the database cannot store is refused at the door, for pages and the API alike.

PostgreSQL refuses a NUL character in text ("A string literal cannot contain NUL") and a lone
UTF-16 surrogate cannot be encoded at all: either reached a query as a 500, anonymously too
(`/verify/%00/`, a JSON field "33\\u00000106"). This middleware looks at every value a view could
pass to the database — the path, the query string, form fields and uploaded file names, a JSON
body's keys and strings — and answers 400 with a clear message before any view runs: the page's
400 for people, the API's JSON error format for /api/. A value longer than
TERROIR_MAX_FIELD_CHARACTERS is refused the same way (forms check their own lengths; this bounds
the text fields that have none).
"""

import json
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from api.errors import error_body  # the API's one error format (docs/adr/0014)

API_PREFIX = "/api/"
UNSTORABLE_CHARACTER = "character"
TOO_LONG = "length"


def _has_unstorable_character(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= character <= "\udfff" for character in text)


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _submitted_values(request: HttpRequest) -> Iterator[str]:
    yield request.path_info
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for key, values in request.POST.lists():
            yield key
            yield from values
        for key, files in request.FILES.lists():
            yield key
            yield from (uploaded.name or "" for uploaded in files)
    elif request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except ValueError:
            return  # the API answers malformed JSON itself
        yield from _json_strings(body)


def refusal_reason(request: HttpRequest) -> str | None:
    """Why the request cannot be taken (UNSTORABLE_CHARACTER or TOO_LONG); None when it can."""
    limit = settings.TERROIR_MAX_FIELD_CHARACTERS
    for value in _submitted_values(request):
        if _has_unstorable_character(value):
            return UNSTORABLE_CHARACTER
        if len(value) > limit:
            return TOO_LONG
    return None


def reason_message(reason: str) -> str:
    if reason == UNSTORABLE_CHARACTER:
        return _(
            "The request contains a character that cannot be stored (a null character or a broken "
            "character encoding). Remove it and try again."
        )
    return _("A field is longer than %(limit)d characters. Shorten it and try again.") % {
        "limit": settings.TERROIR_MAX_FIELD_CHARACTERS
    }


class UnstorableInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        reason = refusal_reason(request)
        if reason is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            body = error_body("invalid", reason_message(reason))
            return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
        # The error page says it in both languages (templates/error_base.html).
        # Lazy: the error page reads it once in each language (templates/error_base.html).
        context = {"reason": lazy(reason_message, str)(reason)}
        return HttpResponseBadRequest(render_to_string("400.html", context))
