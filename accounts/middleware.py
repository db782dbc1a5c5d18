from django.conf import settings
from django.utils import translation


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
