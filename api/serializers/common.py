from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers

from cases.uploads import validate_upload
from organizations.models import Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class FileLinkSerializer(serializers.ModelSerializer):
    """A stored file (cases.uploads' StoredFile fields) with the address of its download route,
    `url_name`, which opens with a session or the API token (ADR 0061)."""

    url_name: str
    url = serializers.SerializerMethodField()

    class Meta:
        fields = ["id", "original_name", "file_type", "size", "sha256", "url"]

    def get_url(self, stored) -> str:
        return reverse(self.url_name, args=[stored.pk])


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


class EvidenceUploadField(serializers.FileField):
    """A file checked as the pages' EvidenceFileField checks it (size, type, content), so a refused
    file is reported under its own field before any service runs; the services check again."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "PDF, JPEG or PNG, at most 10 MB.")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        uploaded = super().to_internal_value(data)
        try:
            validate_upload(uploaded)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return uploaded
