"""Response headers Django does not set itself: the Content-Security-Policy.

Django 5.2 has no CSP support; a few lines here avoid a dependency (docs/adr/0011).
"""

from django.conf import settings


def content_security_policy() -> str:
    """The header value built from settings.TERROIR_CONTENT_SECURITY_POLICY (directive → sources)."""
    return "; ".join(
        f"{directive} {' '.join(sources)}".strip()
        for directive, sources in settings.TERROIR_CONTENT_SECURITY_POLICY.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header_value = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        # A view that needs another policy (none does today) sets its own header first.
        response.headers.setdefault("Content-Security-Policy", self.header_value)
        return response
