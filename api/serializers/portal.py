"""Producers' declarations and applicant bodies' applications: what they read and what they send.

Write serializers only check the shape of the input and resolve references within what the
caller may use (their own enterprises); the services decide everything else.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    Application,
    ApplicationAttachment,
    Declaration,
    DeclarationAttachment,
    ProductCategory,
    ProtectedProduct,
    Purpose,
    Regime,
)
from organizations.models import Region
from organizations.selectors import enterprises_of

from .common import EvidenceUploadField, RegionSerializer, label_of
from .register import ProductRefSerializer


class EnterpriseSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    credit_code = serializers.CharField(read_only=True)


class DeclarationAttachmentSerializer(serializers.ModelSerializer):
    kind_label = label_of("kind")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DeclarationAttachment
        fields = ["id", "kind", "kind_label", "original_name", "file_type", "size", "sha256", "uploaded_at"]
        fields += ["download_url"]

    def get_download_url(self, attachment) -> str:
        return reverse("files:declaration_attachment", args=[attachment.pk])


class DeclarationSerializer(serializers.ModelSerializer):
    enterprise = EnterpriseSerializer(read_only=True)
    product = ProductRefSerializer(read_only=True)
    production_region = RegionSerializer(read_only=True)
    status_label = label_of("status")
    output_unit_label = label_of("output_unit")
    attachments = DeclarationAttachmentSerializer(many=True, read_only=True)
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Declaration
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "enterprise",
            "product",
            "production_region",
            "production_address",
            "annual_output",
            "output_unit",
            "output_unit_label",
            "label_text",
            "created_at",
            "declared_at",
            "closed_at",
            "closing_reason",
            "attachments",
            "verification_url",
        ]

    def get_verification_url(self, declaration) -> str | None:
        if declaration.status == Declaration.Status.DRAFT:
            return None  # a draft has no public existence
        return reverse("register:verify", args=[declaration.verification_token])


@extend_schema_field(OpenApiTypes.INT)
class OwnEnterpriseField(serializers.PrimaryKeyRelatedField):
    """An enterprise the caller acts for; any other id is refused as unknown."""

    def get_queryset(self):
        return enterprises_of(self.context["request"].user)


def region_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), **kwargs)


class DeclarationCreateSerializer(serializers.Serializer):
    enterprise = OwnEnterpriseField()
    product = serializers.SlugRelatedField(
        slug_field="public_token", queryset=ProtectedProduct.objects.all(), help_text="The product's register token."
    )
    production_region = region_field(help_text="GB/T 2260 code of the production site's division.")
    production_address = serializers.CharField(max_length=300)
    annual_output = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    output_unit = serializers.ChoiceField(choices=Declaration.OutputUnit.choices)
    label_text = serializers.CharField(max_length=2000)


class DeclarationAttachSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeclarationAttachment.Kind.choices)
    file = EvidenceUploadField()


class DeclarationCorrectionSerializer(serializers.Serializer):
    """What the portal's resubmission form asks: what was corrected, and optionally the corrected document."""

    comment = serializers.CharField(max_length=2000, help_text="What you corrected.")
    correction = EvidenceUploadField(required=False, help_text="The corrected document (multipart only).")


class DeclarationSubmitSerializer(serializers.Serializer):
    commitment_accepted = serializers.BooleanField(
        help_text="The producer accepts the commitment statement (required to declare)."
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ApplicationAttachmentSerializer(serializers.ModelSerializer):
    kind_label = label_of("kind")

    class Meta:
        model = ApplicationAttachment
        fields = ["id", "kind", "kind_label", "original_name", "file_type", "size", "sha256", "uploaded_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    applicant = EnterpriseSerializer(read_only=True)
    province = RegionSerializer(read_only=True)
    proposed_area = RegionSerializer(many=True, read_only=True)
    # null until there is one: the product amended (amendments only), the product protected (once approved).
    amends = ProductRefSerializer(read_only=True, allow_null=True)
    product = ProductRefSerializer(read_only=True, allow_null=True)
    status_label = label_of("status")
    category_label = label_of("category")
    attachments = ApplicationAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "purpose",
            "regime",
            "applicant",
            "amends",
            "product_name",
            "category",
            "category_label",
            "province",
            "proposed_area",
            "quality_characteristics",
            "area_link",
            "production_specification",
            "reputation_history",
            "proposed_standard",
            "pending_request",
            "objection_window_opens",
            "objection_window_closes",
            "objection_window_provisional",
            "product",
            "created_at",
            "submitted_at",
            "closed_at",
            "closing_reason",
            "attachments",
        ]


class ApplicationCreateSerializer(serializers.Serializer):
    applicant = OwnEnterpriseField()
    purpose = serializers.ChoiceField(choices=Purpose.choices, default=Purpose.PROTECTION)
    amends = serializers.SlugRelatedField(
        slug_field="public_token",
        queryset=ProtectedProduct.objects.all(),
        required=False,
        allow_null=True,
        help_text="Register token of the protected product to amend (amendments only).",
    )
    regime = serializers.ChoiceField(choices=Regime.choices, default=Regime.CNIPA_2023)
    product_name = serializers.CharField(max_length=100)
    category = serializers.ChoiceField(choices=ProductCategory.choices)
    province = region_field(help_text="GB/T 2260 code of the province.")
    proposed_area = region_field(many=True, help_text="GB/T 2260 codes of the proposed protected area.")
    quality_characteristics = serializers.CharField(max_length=8000)
    area_link = serializers.CharField(max_length=8000)
    production_specification = serializers.CharField(max_length=8000)
    reputation_history = serializers.CharField(max_length=8000)
    proposed_standard = serializers.CharField(max_length=200)


class ApplicationAttachSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicationAttachment.Kind.choices)
    file = EvidenceUploadField()
