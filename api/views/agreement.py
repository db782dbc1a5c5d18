"""The EU–China agreement's names (docs/adr/0052): the public list, read by anyone, and the
国际司's staff endpoints, through the same selectors as the pages. Its decisions are tasks of the
name's flow, completed through /api/tasks/."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets

from agreement.models import AgreementEntry, Annex
from agreement.selectors import entries_public, entries_visible_to, works_on_agreement

from ..serializers.agreement import AgreementEntrySerializer, StaffAgreementEntrySerializer
from .portal import REFUSALS
from .register import PublicMixin
from .staff import StaffReadViewSet

FILTERS = [
    OpenApiParameter("q", str, description="Name, transcription, pinyin or its initials"),
    OpenApiParameter("annex", str, enum=Annex.values),
]


def _filters(request) -> dict:
    annex = request.query_params.get("annex", "")
    if annex and annex not in Annex.values:
        raise exceptions.ValidationError({"annex": _("Unknown annex.")})
    return {"query": request.query_params.get("q", "")[:50], "annex": annex}


@extend_schema_view(list=extend_schema(parameters=FILTERS))
@extend_schema(tags=["register"])
class AgreementEntryViewSet(PublicMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Names protected (or being examined) under the EU–China agreement, by annex and batch."""

    serializer_class = AgreementEntrySerializer

    def get_queryset(self):
        return entries_public(**_filters(self.request))


@extend_schema_view(
    list=extend_schema(parameters=FILTERS),
    retrieve=extend_schema(responses={200: StaffAgreementEntrySerializer, **REFUSALS}),
)
@extend_schema(tags=["staff"])
class StaffAgreementEntryViewSet(StaffReadViewSet):
    """The 国际司's view of the names, with the objections received (other bodies: 403 on the list)."""

    queryset = AgreementEntry.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = StaffAgreementEntrySerializer

    def get_queryset(self):
        if self.action == "list" and not works_on_agreement(self.request.user):
            raise exceptions.PermissionDenied(_("The agreement lists are the 国际司's."))
        entries = entries_visible_to(self.request.user).prefetch_related("objections")
        if self.action == "list":
            filters = _filters(self.request)
            ids = entries_public(**filters).values("pk")
            entries = entries.filter(pk__in=ids)
        return entries
