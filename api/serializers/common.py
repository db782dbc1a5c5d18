from rest_framework import serializers

from organizations.models import Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


def label_of(field_name: str):
    """A read-only field with the display label of a choice field (get_<field>_display)."""
    return serializers.CharField(source=f"get_{field_name}_display", read_only=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    """The one error format (api.errors); documented on every operation."""

    error = ErrorDetailSerializer()
