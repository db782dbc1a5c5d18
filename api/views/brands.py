"""Brand evaluation through the API (docs/adr/0051): the published results for anyone, the rounds
for staff with the recommendations of their jurisdiction. The stages are tasks of the round's flow,
completed through /api/tasks/ with the task pages' forms."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets

from brands.models import BrandRound
from brands.selectors import published_results, rounds_visible_to

from ..serializers.brands import BrandResultSerializer, BrandRoundDetailSerializer, BrandRoundSerializer
from .portal import REFUSALS
from .register import PublicMixin
from .staff import StaffReadViewSet


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Product name or pinyin"),
            OpenApiParameter("year", OpenApiTypes.INT, description="The round's year (default: every year)"),
        ]
    )
)
@extend_schema(tags=["register"])
class BrandResultViewSet(PublicMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The published brand top 50 of each round, best first; searchable by name or pinyin."""

    serializer_class = BrandResultSerializer

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("year") or None
        if year is not None:
            if not year.isdigit() or len(year) > 4:
                raise exceptions.ValidationError({"year": [_("Give a year, e.g. 2026.")]})
            year = int(year)
        return published_results(year=year, query=(params.get("q") or "")[:50])


@extend_schema_view(retrieve=extend_schema(responses={200: BrandRoundDetailSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class BrandRoundViewSet(StaffReadViewSet):
    """Brand evaluation rounds, each with the recommendations of the caller's jurisdiction."""

    queryset = BrandRound.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = BrandRoundSerializer

    def get_queryset(self):
        return rounds_visible_to(self.request.user).order_by("-year")

    def get_serializer_class(self):
        return BrandRoundSerializer if self.action == "list" else BrandRoundDetailSerializer
