from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import translation
from django.utils.translation import gettext as _

from . import session_policy


def preferred_language(request) -> str:
    """The language chosen by the person, else Chinese.

    Accept-Language is ignored on purpose: the offices work in Chinese, and an
    English browser on a shared office computer must not switch the interface.
    """
    supported = {code for code, _name in settings.LANGUAGES}
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in supported:
        return user.language
    return settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = preferred_language(request)
        # override() restores the previous language afterwards, so nothing leaks to the next request.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionTimeoutMiddleware:
    """Signs out a session idle or older than its persona allows; the login page says why.

    Runs before the views (and LoginRequiredMiddleware's check), so the request that finds the
    session expired is already anonymous and is sent to the login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expiry = session_policy.session_expiry(request.session)
            if expiry is None:
                session_policy.session_touch(request.session)
            else:
                limits = session_policy.limits_for(request.session.get(session_policy.PERSONA, "staff"))
                logout(request)
                messages.info(request, _expiry_message(expiry, limits))
        return self.get_response(request)


def _expiry_message(expiry: str, limits: dict[str, int]) -> str:
    if expiry == "idle":
        return _("You were signed out after %(minutes)d minutes without activity. Please log in again.") % {
            "minutes": limits["idle"] // 60
        }
    return _("You were signed out because you signed in more than %(hours)d hours ago. Please log in again.") % {
        "hours": limits["absolute"] // 3600
    }
