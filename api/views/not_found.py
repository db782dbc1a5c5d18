"""An address under /api/ that no route has: 404 in the API's one error format (api.errors), the
body an object outside the caller's jurisdiction gets, never Django's page (ADR 0042)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.views import APIView

from ..base import PreferredLanguageMixin


@extend_schema(exclude=True)
class NotFoundView(PreferredLanguageMixin, APIView):
    # Nothing to authenticate nor throttle: the answer is the same for anyone, for any method.
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes: list = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise Http404
