"""What every API view shares: the caller's language, the throttles, staff-only access."""

from django.http import Http404
from django.utils import translation
from rest_framework import mixins, permissions, viewsets
from rest_framework.throttling import SimpleRateThrottle

from accounts.middleware import preferred_language
from organizations.selectors import is_staff_member
from register.throttle import client_address


class PreferredLanguageMixin:
    """The middleware chose the language before DRF knew a token's user: choose again after
    authentication, so a token client gets its user's language (cookie first, as on the pages)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        translation.activate(preferred_language(request))
        request.LANGUAGE_CODE = translation.get_language()


# Ids in URLs are digits only: anything else is "not found", never a database error.
ID_PATTERN = r"[0-9]{1,18}"


class PublicRateThrottle(SimpleRateThrottle):
    """Per network address, signed in or not: the register is public and must not be scraped wholesale."""

    scope = "public"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class IsStaffMember(permissions.BasePermission):
    """Members of a body (and superusers), as on the staff pages; the selectors then scope by region.

    A signed-in non-member asking for one case (or task) is told it is not found, as staff of
    another province are and as for an id no row has; a list answers them 403 (ADR 0042), unless
    it is the list of one case's objections or notes, which names the case as its page does."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if is_staff_member(request.user):
            return True
        # One case's page, or a list under one case (its objections, its notes: /…/<case id>/…/).
        if getattr(view, "detail", False) or any(name.endswith("_pk") for name in getattr(view, "kwargs", {})):
            raise Http404
        return False


class ReadViewSet(PreferredLanguageMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and read by id; the subclasses add their actions."""

    lookup_value_regex = ID_PATTERN
