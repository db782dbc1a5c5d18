"""The public register, read-only and anonymous: the same selectors as the register pages."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.generics import RetrieveAPIView

from cases.applications.selectors import announcements_public
from cases.declarations.selectors import Verdict, authorised_users_public, verification_answer
from cases.products.selectors import product_public, products_public

from ..base import PreferredLanguageMixin, PublicRateThrottle
from ..filters import AuthorisedUserFilter, ProductFilter
from ..serializers.common import ErrorSerializer
from ..serializers.register import (
    AnnouncementSerializer,
    AuthorisedUserSerializer,
    ProductDetailSerializer,
    ProductSerializer,
    VerificationSerializer,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found")


class PublicMixin(PreferredLanguageMixin):
    # Anyone may read; no session means no CSRF to check, so no authentication at all.
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]


@extend_schema(tags=["register"])
class ProductViewSet(PublicMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Protected GI products, searchable by Chinese name, pinyin or initials."""

    filterset_class = ProductFilter
    lookup_field = "token"
    lookup_value_regex = "[A-Za-z0-9_-]{1,64}"

    def get_queryset(self):
        return products_public()

    def get_serializer_class(self):
        return ProductDetailSerializer if self.action == "retrieve" else ProductSerializer

    def get_object(self):
        product = product_public(self.kwargs["token"])
        if product is None:
            raise Http404
        return product

    @extend_schema(responses={200: ProductDetailSerializer, 404: NOT_FOUND})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["register"])
class AuthorisedUserViewSet(PublicMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Enterprises that may use the GI special mark today, searchable by name or credit code."""

    serializer_class = AuthorisedUserSerializer
    filterset_class = AuthorisedUserFilter

    def get_queryset(self):
        return authorised_users_public()


@extend_schema(tags=["register"])
class AnnouncementViewSet(PublicMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published announcements (acceptance, recognition, approval, amendment, revocation) with their PDFs."""

    serializer_class = AnnouncementSerializer

    def get_queryset(self):
        return announcements_public()


@extend_schema(tags=["register"], responses={200: VerificationSerializer, 404: NOT_FOUND})
class VerificationView(PublicMixin, RetrieveAPIView):
    """May this enterprise use the GI mark on this product today? The token is the QR code's.
    An unknown token is "not found" and reveals nothing else."""

    serializer_class = VerificationSerializer

    def get_object(self):
        answer = verification_answer(self.kwargs["token"])
        if answer.verdict == Verdict.NOT_FOUND:
            raise Http404
        return answer

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        # Always current: the answer changes the moment a declaration is revoked.
        response["Cache-Control"] = "no-store"
        return response
