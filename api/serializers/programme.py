"""Rural revitalisation and the promotion programme's records as the API shows them (ADR 0062).

The write serializers only document the request for the schema: the page forms check the input
(EffectReportForm, ActivityForm, MediaReportForm), so the API and the pages accept and refuse alike."""

from django.urls import reverse
from rest_framework import serializers

from promotion.models import MediaReport, PublicityActivity, WorkPlan
from rural.models import EffectReport, Material, Measure, Project

from .common import FileLinkSerializer, label_of


class MaterialSerializer(FileLinkSerializer):
    url_name = "rural:material"

    class Meta(FileLinkSerializer.Meta):
        model = Material


class RuralProjectSerializer(serializers.ModelSerializer):
    status_label = label_of("status")
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    applicant = serializers.CharField(source="applicant.name", read_only=True)
    products = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = ["id", "reference", "title", "status", "status_label", "region", "region_name", "applicant"]
        fields += ["summary", "budget", "products", "recommendation", "evaluation", "published_on", "final_report"]
        fields += ["created_at", "closed_at", "materials"]


class MeasureSerializer(serializers.ModelSerializer):
    kind_label = label_of("kind")
    organiser = serializers.CharField(source="organiser.name", read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    products = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "kind", "kind_label", "title", "held_on", "organiser", "regions", "products"]
        fields += ["participants", "description", "created_at", "materials"]


class EffectReportSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    reporter = serializers.CharField(source="reporter.name", read_only=True)

    class Meta:
        model = EffectReport
        fields = ["id", "region", "region_name", "reporter", "period_start", "period_end", "people_reached"]
        fields += ["households_reached", "poor_employed", "income_per_capita", "gi_output", "online_sales"]
        fields += ["note", "created_at"]


class EffectReportCreateSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="A region code within the caller's bureaus, e.g. 350524.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    people_reached = serializers.IntegerField(min_value=0)
    households_reached = serializers.IntegerField(min_value=0)
    poor_employed = serializers.IntegerField(min_value=0)
    income_per_capita = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    gi_output = serializers.DecimalField(max_digits=14, decimal_places=2)
    online_sales = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(required=False)


class ActivitySerializer(serializers.ModelSerializer):
    kind_label = label_of("kind")
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    products = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = PublicityActivity
        fields = ["id", "bureau", "name", "kind", "kind_label", "held_on", "region", "products", "description"]
        fields += ["created_at"]


class ActivityCreateSerializer(serializers.Serializer):
    bureau = serializers.IntegerField(help_text="One of the caller's bureaus (id); the first when left out.")
    name = serializers.CharField(max_length=200)
    kind = serializers.CharField()
    held_on = serializers.DateField()
    region = serializers.CharField(help_text="A region code within the bureau's area.")
    products = serializers.ListField(child=serializers.IntegerField(), required=False)
    description = serializers.CharField(required=False)


class MediaReportSerializer(serializers.ModelSerializer):
    level_label = label_of("level")
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = MediaReport
        fields = ["id", "bureau", "title", "outlet", "level", "level_label", "published_on", "link", "region"]
        fields += ["created_at"]


class MediaReportCreateSerializer(serializers.Serializer):
    bureau = serializers.IntegerField(help_text="One of the caller's bureaus (id).")
    title = serializers.CharField(max_length=300)
    outlet = serializers.CharField(max_length=100)
    level = serializers.CharField()
    published_on = serializers.DateField()
    link = serializers.URLField(required=False)
    region = serializers.CharField(help_text="A region code within the bureau's area.")


class WorkPlanSerializer(serializers.ModelSerializer):
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = WorkPlan
        fields = ["id", "bureau", "title", "adopted_on", "covers_from", "covers_to", "original_name", "size"]
        fields += ["sha256", "url", "created_at"]

    def get_url(self, plan) -> str:
        return reverse("promotion:plan_document", args=[plan.pk])
