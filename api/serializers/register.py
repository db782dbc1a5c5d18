"""The public register as the API shows it: only what the public pages show."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Declaration, ProtectedProduct
from cases.products.selectors import product_announcements_public, product_public_history

from .common import RegionSerializer, label_of


class AnnouncementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    issued_at = serializers.DateTimeField(source="created_at", read_only=True)
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, document) -> str:
        return reverse("register:announcement_pdf", args=[document.pk])


class HistoryEntrySerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    event = serializers.CharField(source="label")
    status = serializers.CharField()


class ProductSerializer(serializers.ModelSerializer):
    token = serializers.CharField(source="public_token", read_only=True)
    category_label = label_of("category")
    status_label = label_of("status")
    province = RegionSerializer(read_only=True)

    class Meta:
        model = ProtectedProduct
        fields = [
            "token",
            "name",
            "name_en",
            "category",
            "category_label",
            "province",
            "announcement_number",
            "announcement_year",
            "protected_since",
            "standard",
            "status",
            "status_label",
        ]


class ProductDetailSerializer(ProductSerializer):
    protected_area = RegionSerializer(many=True, read_only=True)
    authority_label = label_of("authority")
    announcements = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(ProductSerializer.Meta):
        fields = [
            *ProductSerializer.Meta.fields,
            "protected_area",
            "authority",
            "authority_label",
            "quality_summary",
            "announcements",
            "history",
        ]

    @extend_schema_field(AnnouncementSerializer(many=True))
    def get_announcements(self, product):
        return AnnouncementSerializer(product_announcements_public(product), many=True).data

    @extend_schema_field(HistoryEntrySerializer(many=True))
    def get_history(self, product):
        return HistoryEntrySerializer(product_public_history(product), many=True).data


class ProductRefSerializer(serializers.ModelSerializer):
    token = serializers.CharField(source="public_token", read_only=True)

    class Meta:
        model = ProtectedProduct
        fields = ["token", "name", "name_en"]


class EnterpriseRefSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    credit_code = serializers.CharField(read_only=True)


class AuthorisedUserSerializer(serializers.ModelSerializer):
    """One enterprise's right to use the mark on one product (合法使用人名录)."""

    enterprise = EnterpriseRefSerializer(read_only=True)
    product = ProductRefSerializer(read_only=True)
    production_region = RegionSerializer(read_only=True)
    route = serializers.SerializerMethodField()
    status_label = label_of("status")

    class Meta:
        model = Declaration
        fields = ["reference", "enterprise", "product", "production_region", "route", "status", "status_label"]
        fields += ["declared_at"]

    def get_route(self, declaration) -> str:
        return "self_declaration"


class VerificationSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["authorised", "suspended", "revoked", "withdrawn"])
    may_use_mark = serializers.BooleanField()
    ended_on = serializers.DateField(allow_null=True)
    enterprise = EnterpriseRefSerializer(source="declaration.enterprise")
    product = ProductRefSerializer(source="declaration.product")
    reference = serializers.CharField(source="declaration.reference")
    declared_at = serializers.DateTimeField(source="declaration.declared_at")
