"""The EU–China agreement's names through the API: as the public list and the 国际司's pages show them."""

from rest_framework import serializers

from agreement.models import AgreementEntry, AgreementObjection

from .common import label_of


class AgreementEntrySerializer(serializers.ModelSerializer):
    annex_label = label_of("annex")
    country_label = label_of("country")
    status_label = label_of("status")
    batch = serializers.IntegerField(read_only=True)
    domestic_product = serializers.CharField(source="product.name", read_only=True, default=None)

    class Meta:
        model = AgreementEntry
        fields = [
            "name",
            "transcription",
            "annex",
            "annex_label",
            "batch",
            "product_class",
            "country",
            "country_label",
            "domestic_product",
            "decision_reference",
            "status",
            "status_label",
            "protected_from",
            "window_opens",
            "window_closes",
        ]


class AgreementObjectionSerializer(serializers.ModelSerializer):
    status_label = label_of("status")

    class Meta:
        model = AgreementObjection
        fields = ["id", "objector_name", "contact", "grounds", "status", "status_label", "received_at", "decided_at"]


class StaffAgreementEntrySerializer(AgreementEntrySerializer):
    objections = AgreementObjectionSerializer(many=True, read_only=True)
    proposed_outcome_label = label_of("proposed_outcome")

    class Meta(AgreementEntrySerializer.Meta):
        fields = [
            "id",
            *AgreementEntrySerializer.Meta.fields,
            "window_provisional",
            "proposed_outcome",
            "proposed_outcome_label",
            "decision_comment",
            "objections",
        ]
