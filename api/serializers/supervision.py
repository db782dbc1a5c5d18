"""Supervision campaigns and conflicts of interest as staff read them through the API.

The write serializers only document the request for the schema: the page forms check the input
(CampaignForm, ConflictForm), so the API and the pages accept and refuse the same things."""

from rest_framework import serializers

from cases.models import ConflictOfInterest, SupervisionCampaign, SupervisionCheck

from .common import RegionSerializer, label_of


class CampaignCheckSerializer(serializers.ModelSerializer):
    declaration = serializers.CharField(source="declaration.number", read_only=True)
    enterprise = serializers.CharField(source="declaration.enterprise.name", read_only=True)
    status_label = label_of("status")
    inspectors = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionCheck
        fields = [
            "id",
            "declaration",
            "enterprise",
            "status",
            "status_label",
            "inspectors",
            "document_review",
            "onsite_visit",
            "label_check",
            "sample_test",
            "findings",
            "closed_at",
        ]

    def get_inspectors(self, check) -> list[str]:
        return [person.get_full_name() or person.get_username() for person in (check.inspector_a, check.inspector_b)]


class CampaignSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.display_name", read_only=True)
    regions = RegionSerializer(many=True, read_only=True)
    status_label = label_of("status")
    checks = CampaignCheckSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisionCampaign
        fields = [
            "id",
            "reference",
            "title",
            "organiser",
            "regions",
            "period_start",
            "period_end",
            "sample_size",
            "sample_percent",
            "status",
            "status_label",
            "drawn_at",
            "checks",
        ]


class CampaignCreateSerializer(serializers.Serializer):
    """A campaign's plan, as on the page (checked by its form)."""

    title = serializers.CharField(max_length=200)
    organiser = serializers.IntegerField(help_text="Id of a bureau the caller leads.")
    regions = serializers.ListField(child=serializers.CharField(), help_text="Region codes, down to city level.")
    products = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="None: all.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    sample_size = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    sample_percent = serializers.IntegerField(min_value=1, max_value=100, required=False, allow_null=True)
    inspectors = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of eligible inspectors.")


class ConflictSerializer(serializers.ModelSerializer):
    inspector = serializers.SerializerMethodField()
    enterprise = serializers.CharField(source="enterprise.name", read_only=True, default=None)
    product = serializers.CharField(source="product.name", read_only=True, default=None)
    region = RegionSerializer(read_only=True)

    class Meta:
        model = ConflictOfInterest
        fields = [
            "id",
            "inspector",
            "enterprise",
            "product",
            "region",
            "reason",
            "valid_from",
            "valid_until",
            "declared_at",
            "withdrawn_at",
        ]

    def get_inspector(self, conflict) -> str:
        return conflict.inspector.get_full_name() or conflict.inspector.get_username()


class ConflictCreateSerializer(serializers.Serializer):
    """A declaration, as on the page (checked by its form): name an enterprise, a product or a region."""

    inspector = serializers.IntegerField(required=False, help_text="Default: the caller; a lead may name a member.")
    enterprise = serializers.CharField(required=False, help_text="Unified social credit code.")
    product = serializers.IntegerField(required=False)
    region = serializers.CharField(required=False, help_text="Region code.")
    reason = serializers.CharField(max_length=300)
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False)
