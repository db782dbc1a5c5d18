"""Special marks through the API (docs/adr/0060): a bureau's staff list and record print runs and
issues through the page forms and marks.services, read the usage reports added up; producers read
the usage reports they owe. Visibility comes from the pages' selectors (marks.selectors)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from marks import services
from marks.forms import IssueForm, PrintingForm, UsageFilterForm
from marks.models import MarkIssue, MarkPrinting
from marks.navigation import uses_marks
from marks.selectors import (
    DUE_STATE_LABELS,
    bureaus_keeping_records,
    dues_of_producer,
    issues_visible_to,
    printings_visible_to,
    usage_totals,
)
from workflows.navigation import staff_memberships

from ..base import IsStaffMember, PreferredLanguageMixin
from ..serializers.marks import (
    IssueCreateSerializer,
    IssueSerializer,
    PrintingCreateSerializer,
    PrintingSerializer,
    UsageDueSerializer,
    UsageTotalSerializer,
)
from .portal import REFUSALS
from .staff import StaffReadViewSet


class UsesMarks(IsStaffMember):
    """As on the pages: a bureau's staff, lead or statistics officer (and superusers)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return uses_marks(request.user, staff_memberships(request.user))


class _RecordViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    permission_classes = [IsAuthenticated, UsesMarks]
    form_class: type
    record: Callable[..., Any]

    def create(self, request, *args, **kwargs):
        bureaus = bureaus_keeping_records(request.user)
        if not bureaus.exists():
            raise PermissionDenied  # only a regional bureau's staff or lead records, as on the page
        data = dict(request.data.items()) if hasattr(request.data, "items") else {}
        form = self.form_class(data, bureaus=bureaus)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        saved = self.record(actor=request.user, **form.cleaned_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=saved.pk)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Print runs of the bureaus in my jurisdiction"),
    retrieve=extend_schema(summary="One print run", responses={200: PrintingSerializer, **REFUSALS}),
    create=extend_schema(
        summary="Record a print run",
        description="Serial ranges of a product never overlap; the refusal names the clashing run.",
        request=PrintingCreateSerializer,
        responses={201: PrintingSerializer, **REFUSALS},
    ),
)
@extend_schema(tags=["marks"])
class PrintingViewSet(_RecordViewSet):
    """Special-mark print runs (印制) the bureaus supervised."""

    queryset = MarkPrinting.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = PrintingSerializer
    form_class = PrintingForm
    record = staticmethod(services.printing_record)

    def get_queryset(self):
        return printings_visible_to(self.request.user).select_related("recorded_by")


@extend_schema_view(
    list=extend_schema(summary="Marks issued by the bureaus in my jurisdiction"),
    retrieve=extend_schema(summary="One issue", responses={200: IssueSerializer, **REFUSALS}),
    create=extend_schema(
        summary="Record an issue",
        description="Out of the bureau's stock (printed less issued); serials inside one of its print runs "
        "and never issued before.",
        request=IssueCreateSerializer,
        responses={201: IssueSerializer, **REFUSALS},
    ),
)
@extend_schema(tags=["marks"])
class IssueViewSet(_RecordViewSet):
    """Special marks issued (发放) to authorised users."""

    queryset = MarkIssue.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = IssueSerializer
    form_class = IssueForm
    record = staticmethod(services.issue_record)

    def get_queryset(self):
        return issues_visible_to(self.request.user).select_related("recorded_by")


@extend_schema(tags=["marks"])
class UsageTotalViewSet(PreferredLanguageMixin, viewsets.ViewSet):
    """The usage reports added up by product, city and year, within the caller's jurisdiction."""

    permission_classes = [IsAuthenticated, UsesMarks]

    @extend_schema(
        summary="Usage reports added up",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Only this year."),
            OpenApiParameter("product", OpenApiTypes.INT, description="Only this product (id)."),
        ],
        responses={200: UsageTotalSerializer(many=True), **REFUSALS},
    )
    def list(self, request):
        form = UsageFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        product = form.cleaned_data["product"]
        totals = usage_totals(request.user, year=form.cleaned_data["year"], product_id=product.pk if product else None)
        return Response(UsageTotalSerializer(totals, many=True).data)


def _due_rows(rows) -> list[dict]:
    return [
        {"due": due, "report": report, "state": state, "state_label": DUE_STATE_LABELS[state]}
        for due, report, state in rows
    ]


@extend_schema(tags=["declarations"])
class UsageDueViewSet(PreferredLanguageMixin, viewsets.ViewSet):
    """The usage reports a producer owes for its declarations (and when), with their state."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="My usage reports due", responses={200: UsageDueSerializer(many=True), **REFUSALS})
    def list(self, request):
        return Response(UsageDueSerializer(_due_rows(dues_of_producer(request.user)), many=True).data)
