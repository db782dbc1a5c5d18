"""Downloads that an API client opens with its token, as a browser opens them with its session.

The API's answers link files (evidence, attachments, dossiers, issued documents) to the same
download routes the pages use; those are plain Django views behind LoginRequiredMiddleware, which
knows only sessions. A view marked @accepts_api_token also takes `Authorization: Token …`, checked
by DRF's own TokenAuthentication (the API's), before the login check: the same visibility rule then
decides, for the token's user, as for a signed-in one. Nothing else of the site takes a token.
"""

from collections.abc import Callable

from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

_MARK = "accepts_api_token"


def accepts_api_token(view: Callable) -> Callable:
    """Mark a download view: an API token signs its request in (ApiTokenDownloadsMiddleware)."""
    setattr(view, _MARK, True)
    return view


class ApiTokenDownloadsMiddleware:
    """Between AuthenticationMiddleware and LoginRequiredMiddleware (their process_view runs in order)."""

    keyword = TokenAuthentication.keyword.encode()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, _MARK, False) or request.user.is_authenticated:
            return None
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower():
            return None  # no token: the login check answers as for any page
        try:
            signed_in = TokenAuthentication().authenticate(request)
        except AuthenticationFailed:
            # A token that is wrong, malformed or of a deactivated account: said plainly, not a
            # redirect to a login page a script cannot follow.
            response = HttpResponse(
                _("The API token is not valid."), status=401, content_type="text/plain; charset=utf-8"
            )
            response["WWW-Authenticate"] = TokenAuthentication.keyword
            return response
        if signed_in is not None:
            request.user = signed_in[0]
        return None
