"""Demonstration zones through the API (docs/adr/0050): the register's named zones for anyone, and
the zones of the caller's jurisdiction for staff; the same selectors as the pages. The zones'
decisions are tasks of their flow, completed through /api/tasks/."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from zones.models import Zone
from zones.selectors import zones_public, zones_visible_to

from ..serializers.zones import PublicZoneSerializer, StaffZoneSerializer
from .portal import REFUSALS
from .register import NOT_FOUND, PublicMixin
from .staff import StaffReadViewSet


@extend_schema(tags=["register"])
class ZoneViewSet(PublicMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Named demonstration zones (and revoked ones, with the published reason); `q` searches the
    government's or a product's name, pinyin or initials."""

    serializer_class = PublicZoneSerializer
    lookup_field = "reference"
    lookup_value_regex = "[A-Za-z0-9-]{1,40}"

    def get_queryset(self):
        return zones_public(self.request.query_params.get("q", "")[:50])

    def get_object(self):
        zone = zones_public().filter(reference=self.kwargs["reference"]).first()
        if zone is None:
            raise Http404
        return zone

    @extend_schema(responses={200: PublicZoneSerializer, 404: NOT_FOUND})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(retrieve=extend_schema(responses={200: StaffZoneSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class StaffZoneViewSet(StaffReadViewSet):
    """Demonstration zones in the caller's jurisdiction, with their supervision tours."""

    queryset = Zone.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = StaffZoneSerializer

    def get_queryset(self):
        return zones_visible_to(self.request.user).prefetch_related("tours__items").order_by("-created_at", "-pk")
