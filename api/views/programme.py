"""Rural revitalisation and the promotion programme through the API (docs/adr/0062): a bureau's
staff read the projects, measures, effects, publicity, media reports and work plans the pages show
them (the same selectors), and record effects, publicity activities and media reports through the
page forms and the same actions. A project's steps are tasks of its flow, completed through
/api/tasks/; records with files (measures, work plans, project applications) are entered on the
pages, and their files open with the API token (ADR 0061)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from organizations.models import Region
from promotion import actions as promotion_actions
from promotion.forms import ActivityForm, MediaReportForm
from promotion.models import MediaReport, PublicityActivity, WorkPlan
from promotion.selectors import (
    activities_visible_to,
    media_reports_visible_to,
    recording_bureaus,
    work_plans_visible_to,
)
from rural import actions as rural_actions
from rural.forms import EffectReportForm
from rural.models import EffectReport, Measure, Project
from rural.selectors import (
    bureau_for,
    effect_reports_visible_to,
    entering_bureaus,
    measures_visible_to,
    projects_visible_to,
)

from ..serializers.programme import (
    ActivityCreateSerializer,
    ActivitySerializer,
    EffectReportCreateSerializer,
    EffectReportSerializer,
    MeasureSerializer,
    MediaReportCreateSerializer,
    MediaReportSerializer,
    RuralProjectSerializer,
    WorkPlanSerializer,
)
from .portal import REFUSALS
from .staff import StaffReadViewSet


def _posted(request) -> dict:
    """The request's fields, a region given by its code (as the API names regions) for the form's id."""
    data = {key: request.data.get(key) for key in request.data} if hasattr(request.data, "get") else {}
    if "products" in data and hasattr(request.data, "getlist"):
        data["products"] = request.data.getlist("products")
    code = data.get("region")
    if code not in (None, ""):
        region = Region.objects.filter(code=str(code)[:6]).only("pk").first()
        data["region"] = region.pk if region else "-1"  # no such code: the form's "valid choice" message
    return data


def _created(view, record) -> Response:
    return Response(view.get_serializer(view.get_queryset().get(pk=record.pk)).data, status=status.HTTP_201_CREATED)


def _rural_record(request, form_class, record: Callable[..., Any]):
    """As the page: the bureau entering the record is the narrowest of the caller's holding its region."""
    bureaus = entering_bureaus(request.user)
    if not bureaus:
        raise PermissionDenied
    form = form_class(_posted(request), bureaus=bureaus)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = dict(form.cleaned_data)
    region = data.pop("region")
    return record(actor=request.user, bureau=bureau_for(bureaus, [region]), region=region, **data)


def _promotion_record(request, form_class, record: Callable[..., Any]):
    bureaus = recording_bureaus(request.user)
    if not bureaus.exists():
        raise PermissionDenied
    form = form_class(_posted(request), bureaus=bureaus)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return record(actor=request.user, **form.cleaned_data)


@extend_schema_view(retrieve=extend_schema(responses={200: RuralProjectSerializer, **REFUSALS}))
@extend_schema(tags=["programme"])
class RuralProjectViewSet(StaffReadViewSet):
    """Rural revitalisation projects (乡村振兴项目) in the caller's jurisdiction."""

    queryset = Project.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = RuralProjectSerializer

    def get_queryset(self):
        return (
            projects_visible_to(self.request.user)
            .select_related("region", "applicant")
            .prefetch_related("products", "materials")
            .order_by("-created_at", "-pk")
        )


@extend_schema_view(retrieve=extend_schema(responses={200: MeasureSerializer, **REFUSALS}))
@extend_schema(tags=["programme"])
class MeasureViewSet(StaffReadViewSet):
    """Measures of rural revitalisation (training, promotion, technical aid) in the caller's jurisdiction."""

    queryset = Measure.objects.none()
    serializer_class = MeasureSerializer

    def get_queryset(self):
        return (
            measures_visible_to(self.request.user)
            .select_related("organiser")
            .prefetch_related("regions", "products", "materials")
            .order_by("-held_on", "-pk")
        )


@extend_schema_view(
    retrieve=extend_schema(responses={200: EffectReportSerializer, **REFUSALS}),
    create=extend_schema(
        summary="Report a region's effects over a period",
        description="Periods of one region may not overlap; the refusal names the periods already reported.",
        request=EffectReportCreateSerializer,
        responses={201: EffectReportSerializer, **REFUSALS},
    ),
)
@extend_schema(tags=["programme"])
class EffectReportViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    """Effects of rural revitalisation by region and period (people reached, employment, income, sales)."""

    queryset = EffectReport.objects.none()
    serializer_class = EffectReportSerializer

    def get_queryset(self):
        return (
            effect_reports_visible_to(self.request.user)
            .select_related("region", "reporter")
            .order_by("-period_end", "-pk")
        )

    def create(self, request, *args, **kwargs):
        return _created(self, _rural_record(request, EffectReportForm, rural_actions.effect_record))


@extend_schema_view(
    retrieve=extend_schema(responses={200: ActivitySerializer, **REFUSALS}),
    create=extend_schema(
        summary="Record a publicity or training activity",
        request=ActivityCreateSerializer,
        responses={201: ActivitySerializer, **REFUSALS},
    ),
)
@extend_schema(tags=["programme"])
class ActivityViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    """Publicity, training and other activities (宣传培训) held by the bureaus in the caller's jurisdiction."""

    queryset = PublicityActivity.objects.none()
    serializer_class = ActivitySerializer

    def get_queryset(self):
        return (
            activities_visible_to(self.request.user)
            .select_related("bureau", "region")
            .prefetch_related("products")
            .order_by("-held_on", "-pk")
        )

    def create(self, request, *args, **kwargs):
        return _created(self, _promotion_record(request, ActivityForm, promotion_actions.record_activity))


@extend_schema_view(
    retrieve=extend_schema(responses={200: MediaReportSerializer, **REFUSALS}),
    create=extend_schema(
        summary="Record a media report", request=MediaReportCreateSerializer, responses={201: MediaReportSerializer}
    ),
)
@extend_schema(tags=["programme"])
class MediaReportViewSet(mixins.CreateModelMixin, StaffReadViewSet):
    """Reports of central and local media on the province's GI products."""

    queryset = MediaReport.objects.none()
    serializer_class = MediaReportSerializer

    def get_queryset(self):
        return (
            media_reports_visible_to(self.request.user)
            .select_related("bureau", "region")
            .order_by("-published_on", "-pk")
        )

    def create(self, request, *args, **kwargs):
        return _created(self, _promotion_record(request, MediaReportForm, promotion_actions.record_media_report))


@extend_schema_view(retrieve=extend_schema(responses={200: WorkPlanSerializer, **REFUSALS}))
@extend_schema(tags=["programme"])
class WorkPlanViewSet(StaffReadViewSet):
    """Work plans (工作方案) adopted by the bureaus; `url` downloads the document."""

    queryset = WorkPlan.objects.none()
    serializer_class = WorkPlanSerializer

    def get_queryset(self):
        return work_plans_visible_to(self.request.user).select_related("bureau").order_by("-adopted_on", "-pk")
