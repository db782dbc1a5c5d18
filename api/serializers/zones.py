"""Demonstration zones as the API shows them: the register's named zones, and staff's zones."""

from rest_framework import serializers

from zones.models import RectificationItem, Tour, Zone

from .common import RegionSerializer, label_of


class ZoneProductSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    token = serializers.CharField(source="public_token", read_only=True)


class PublicZoneSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    level_label = label_of("level")
    status_label = label_of("status")
    region = RegionSerializer(read_only=True)
    products = ZoneProductSerializer(many=True, read_only=True)

    class Meta:
        model = Zone
        fields = [
            "reference",
            "name",
            "government",
            "region",
            "level",
            "level_label",
            "status",
            "status_label",
            "products",
            "named_on",
            "revoked_on",
            "revocation_reason",
        ]


class RectificationItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RectificationItem
        fields = ["description", "due_on", "done_on"]


class TourSerializer(serializers.ModelSerializer):
    result_label = label_of("result")
    items = RectificationItemSerializer(many=True, read_only=True)

    class Meta:
        model = Tour
        fields = [
            "toured_on",
            "result",
            "result_label",
            "standard_findings",
            "testing_findings",
            "quality_findings",
            "problems",
            "items",
        ]


class StaffZoneSerializer(PublicZoneSerializer):
    tours = TourSerializer(many=True, read_only=True)

    class Meta(PublicZoneSerializer.Meta):
        fields = [
            "id",
            *PublicZoneSerializer.Meta.fields,
            "standard_system",
            "testing_system",
            "quality_system",
            "eligibility",
            "submitted_at",
            "published_on",
            "preparation_from",
            "preparation_until",
            "tours",
        ]
