"""Brand evaluation rounds and their results as the API shows them (docs/adr/0051)."""

from rest_framework import serializers

from brands.models import BrandRound, Recommendation

from .common import RegionSerializer, label_of


class BrandResultSerializer(serializers.ModelSerializer):
    """A product's published result: what the register's top 50 shows."""

    year = serializers.IntegerField(source="round.year", read_only=True)
    product = serializers.CharField(source="product.name", read_only=True)
    product_token = serializers.CharField(source="product.public_token", read_only=True)
    category = serializers.CharField(source="product.category", read_only=True)
    category_label = serializers.CharField(source="product.get_category_display", read_only=True)
    province = RegionSerializer(read_only=True)
    value_change = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "year",
            "product",
            "product_token",
            "category",
            "category_label",
            "province",
            "rank",
            "category_rank",
            "top",
            "strength",
            "value",
            "previous_value",
            "value_change",
        ]


class RecommendationSerializer(BrandResultSerializer):
    """A recommendation as staff within its jurisdiction see it, results included once recorded."""

    status_label = label_of("status")

    class Meta(BrandResultSerializer.Meta):
        fields = [
            "id",
            *BrandResultSerializer.Meta.fields,
            "has_plan",
            "reason",
            "status",
            "status_label",
            "exclusion_reason",
            "sample_passed",
            "recommended_at",
        ]


class BrandRoundSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.code", read_only=True)
    stage = serializers.CharField(source="status", read_only=True)
    stage_label = label_of("status")
    step_label = label_of("step")

    class Meta:
        model = BrandRound
        fields = [
            "id",
            "year",
            "organiser",
            "recommendations_due",
            "stage",
            "stage_label",
            "step",
            "step_label",
            "published_on",
        ]


class BrandRoundDetailSerializer(BrandRoundSerializer):
    recommendations = serializers.SerializerMethodField()

    class Meta(BrandRoundSerializer.Meta):
        fields = [*BrandRoundSerializer.Meta.fields, "recommendations"]

    def get_recommendations(self, brand_round) -> list[dict]:
        from brands.selectors import recommendations_visible_to

        rows = recommendations_visible_to(self.context["request"].user).filter(round=brand_round)
        return RecommendationSerializer(rows.order_by("rank", "province__code", "product__name"), many=True).data
