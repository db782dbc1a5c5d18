"""Supervision for staff: campaigns (list, read, create, draw) and conflicts of interest (list,
declare, withdraw). The page forms check the input and workflows.supervision.actions makes
every change, as on the pages (ADR 0048); visibility comes from the same selectors."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import ConflictOfInterest, RectificationReport, SupervisionCampaign
from cases.supervision.selectors import (
    campaigns_visible_to,
    conflicts_visible_to,
    rectification_reports_visible_to,
)
from workflows.supervision import actions
from workflows.supervision.campaign_forms import CampaignForm
from workflows.supervision.conflict_forms import ConflictForm

from ..serializers.casework import RectificationReportSerializer
from ..serializers.supervision import (
    CampaignCreateSerializer,
    CampaignSerializer,
    ConflictCreateSerializer,
    ConflictSerializer,
)
from .portal import REFUSALS
from .staff import StaffReadViewSet


def _valid(form):
    """The page's form's errors are a 400 with a message per field."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


@extend_schema_view(
    list=extend_schema(summary="Campaigns organised in my jurisdiction"),
    retrieve=extend_schema(
        summary="One campaign, with its drawn checks", responses={200: CampaignSerializer, **REFUSALS}
    ),
)
@extend_schema(tags=["supervision"])
class CampaignViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    """Supervision campaigns (监督检查): a provincial or national lead plans one, then draws it."""

    queryset = SupervisionCampaign.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = CampaignSerializer

    def get_queryset(self):
        return campaigns_visible_to(self.request.user).prefetch_related(
            "regions",
            "checks__declaration__enterprise",
            "checks__inspector_a",
            "checks__inspector_b",
        )

    @extend_schema(
        summary="Plan a campaign", request=CampaignCreateSerializer, responses={201: CampaignSerializer, **REFUSALS}
    )
    def create(self, request, *args, **kwargs):
        form = CampaignForm(request.data if hasattr(request.data, "get") else {}, user=request.user)
        organisers = form.fields["organiser"].queryset  # type: ignore[attr-defined]
        if not organisers.exists():
            raise PermissionDenied  # only a lead of a provincial or national body plans campaigns, as on the page
        _valid(form)
        campaign = actions.create_campaign(actor=request.user, **form.cleaned_data)
        campaign = self.get_queryset().get(pk=campaign.pk)
        return Response(self.get_serializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Draw the declarations and inspectors, and publish the draw",
        description="A second draw, or one lost to a colleague's, answers 409.",
        request=None,
        responses={200: CampaignSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        campaign = self.get_object()
        actions.draw_campaign(actor=request.user, campaign=campaign)
        return Response(self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data)


@extend_schema_view(list=extend_schema(summary="My declared conflicts of interest (and, for a lead, the bureau's)"))
@extend_schema(tags=["supervision"])
class ConflictViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    """Conflicts of interest (利益冲突申报): the draw skips the inspector, and a check it covers is refused to them."""

    queryset = ConflictOfInterest.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = ConflictSerializer

    def get_queryset(self):
        return conflicts_visible_to(self.request.user).select_related("inspector", "enterprise", "product", "region")

    def get_object(self):
        conflict = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if conflict is None:
            raise Http404
        return conflict

    @extend_schema(
        summary="Declare a conflict of interest",
        request=ConflictCreateSerializer,
        responses={201: ConflictSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        # Every field of the form takes one value: a plain dict, without copying uploaded files.
        data = dict(request.data.items()) if hasattr(request.data, "items") else {}
        data.setdefault("inspector", request.user.pk)  # as the page's hidden field does
        form = _valid(ConflictForm(data, user=request.user))
        conflict = actions.declare_conflict(actor=request.user, **form.cleaned_data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=conflict.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(summary="Withdraw a declaration", request=None, responses={200: ConflictSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        conflict = actions.withdraw_conflict(actor=request.user, conflict=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=conflict.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Producers' rectification reports on checks in my jurisdiction"),
    retrieve=extend_schema(
        summary="One rectification report, with its files", responses={200: RectificationReportSerializer, **REFUSALS}
    ),
)
@extend_schema(tags=["supervision"])
class RectificationReportViewSet(StaffReadViewSet):
    """What producers reported having rectified after a check (ADR 0047), with the files' addresses."""

    queryset = RectificationReport.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = RectificationReportSerializer

    def get_queryset(self):
        return rectification_reports_visible_to(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "with_links": True}
