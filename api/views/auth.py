"""A personal API token for scripts and other systems, obtained with the password.

The same login form as the pages checks the password, so the same handling of failed logins
(docs/adr/0040) applies: every failure counts, and a locked account or an attempt that must wait
gets no token but a 429 with Retry-After, the password unread.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.forms import LoginForm

from ..base import PreferredLanguageMixin, PublicRateThrottle
from ..serializers.common import ErrorSerializer
from .portal import REFUSALS


class LoginRefused(exceptions.APIException):
    """Too many failed logins: the account is locked (code "locked") or must wait ("throttled")."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"

    def __init__(self, message, *, code: str, wait: int):
        super().__init__(message, code)
        self.wait = wait  # the error handler sends it as Retry-After


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


@extend_schema(tags=["auth"])
class TokenView(PreferredLanguageMixin, APIView):
    throttle_classes = [PublicRateThrottle]

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_authenticators(self):
        # Obtaining a token needs no session (and so no CSRF token): the password is the proof.
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    @extend_schema(
        summary="Obtain my token",
        request=CredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Wrong username or password"),
            429: OpenApiResponse(ErrorSerializer, description="Locked, or too many failures: see Retry-After"),
        },
        auth=[],
    )
    def post(self, request):
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        form = LoginForm(request._request, data=credentials.validated_data)
        if not form.is_valid():
            if form.refusal is not None:
                code = "locked" if form.refusal.locked else "throttled"
                message = form.refusal_error(form.refusal).message
                raise LoginRefused(message, code=code, wait=form.refusal.seconds())
            raise serializers.ValidationError(form.errors)
        token, _created = Token.objects.get_or_create(user=form.get_user())
        return Response({"token": token.key})

    @extend_schema(summary="Revoke my token", request=None, responses={204: None, **REFUSALS})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
