"""Objections to an announced application through the API (docs/adr/0057): anyone files one while
the window is open; the bureau decides its admissibility and then the objection; the applicant
replies. The register's and the pages' forms check the input, workflows.applications.actions
makes each change, and the pages' selectors decide who sees what."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, status, views
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases.applications.selectors import (
    application_for_applicant,
    application_open_to_objections,
    applications_visible_to,
)
from cases.models import Application, Objection
from register.objection_forms import ObjectionForm
from register.throttle import client_address, objection_allowed
from workflows.applications import actions
from workflows.applications.portal_forms import ObjectionReplyForm
from workflows.applications.staff_forms import AdmissibilityForm, ObjectionDecisionForm

from ..base import PreferredLanguageMixin, PublicRateThrottle, ReadViewSet
from ..serializers.casework import (
    AdmissibilitySerializer,
    ObjectionDecisionSerializer,
    ObjectionFileSerializer,
    ObjectionReceiptSerializer,
    ObjectionReplySerializer,
    ObjectionSerializer,
)
from ..serializers.common import ErrorSerializer
from .forms import checked, form_data
from .portal import REFUSALS
from .staff import StaffReadViewSet


@extend_schema(
    tags=["register"],
    summary="Object to an announced application",
    description="Anyone, signed in or not, while the objection window is open. The token is the "
    "application's public token (its objection page's address). Keep the tracking number: with the "
    "contact given it shows where the objection stands (办件查询).",
    request={"multipart/form-data": ObjectionFileSerializer, "application/json": ObjectionFileSerializer},
    responses={
        201: ObjectionReceiptSerializer,
        **REFUSALS,
        429: OpenApiResponse(ErrorSerializer, description="Too many objections from this network address"),
    },
)
class ObjectionFilingView(PreferredLanguageMixin, views.APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def post(self, request, token):
        application = application_open_to_objections(token)
        if application is None:
            raise Http404
        if not objection_allowed(client_address(request)):
            raise exceptions.Throttled(
                detail=_("Too many objections were sent from your network address. Please try again in an hour.")
            )
        form = checked(ObjectionForm(form_data(request), request.FILES, staging=None))
        data = dict(form.cleaned_data)
        objection = actions.file_objection(
            application=application,
            evidence=data.pop("evidence"),
            actor=request.user if request.user.is_authenticated else None,
            **data,
        )
        return Response(ObjectionReceiptSerializer(objection).data, status=status.HTTP_201_CREATED)


class ObjectionsOfApplication(ReadViewSet):
    """The objections of one application (its id in the address), as a nested list."""

    queryset = Objection.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = ObjectionSerializer

    def application(self) -> Application:
        raise NotImplementedError

    def get_queryset(self):
        return self.application().objections.prefetch_related("evidence").order_by("received_at", "pk")

    def _answer(self, objection) -> Response:
        return Response(ObjectionSerializer(self.get_queryset().get(pk=objection.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="The objections to an application in my jurisdiction"),
    retrieve=extend_schema(summary="One objection", responses={200: ObjectionSerializer, **REFUSALS}),
)
@extend_schema(tags=["staff"])
class StaffObjectionViewSet(ObjectionsOfApplication, StaffReadViewSet):
    """The bureau's side: admissibility, then the decision (the service checks the role)."""

    def application(self) -> Application:
        application = applications_visible_to(self.request.user).filter(pk=self.kwargs["application_pk"]).first()
        if application is None:
            raise Http404
        return application

    @extend_schema(
        summary="Decide whether the objection is admissible",
        request=AdmissibilitySerializer,
        responses={200: ObjectionSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def admissibility(self, request, application_pk=None, pk=None):
        objection = self.get_object()
        form = checked(AdmissibilityForm(form_data(request)))
        actions.decide_objection_admissibility(actor=request.user, objection=objection, **form.cleaned_data)
        return self._answer(objection)

    @extend_schema(
        summary="Sustain or reject the objection",
        request=ObjectionDecisionSerializer,
        responses={200: ObjectionSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, application_pk=None, pk=None):
        objection = self.get_object()
        form = checked(ObjectionDecisionForm(form_data(request)))
        actions.decide_objection(actor=request.user, objection=objection, **form.cleaned_data)
        return self._answer(objection)


@extend_schema_view(
    list=extend_schema(summary="The objections to my application"),
    retrieve=extend_schema(summary="One objection to my application", responses={200: ObjectionSerializer, **REFUSALS}),
)
@extend_schema(tags=["applications"])
class ApplicantObjectionViewSet(ObjectionsOfApplication):
    """The applicant's side: the objections the bureau found admissible (or decided), and the reply."""

    def application(self) -> Application:
        try:
            return application_for_applicant(self.request.user, self.kwargs["application_pk"])
        except Application.DoesNotExist:
            raise Http404 from None

    def get_queryset(self):
        # As on the portal page: an objection not yet found admissible is the bureau's business.
        return super().get_queryset().exclude(status=Objection.Status.RECEIVED)

    @extend_schema(
        summary="Reply to an admissible objection",
        request=ObjectionReplySerializer,
        responses={200: ObjectionSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, application_pk=None, pk=None):
        objection = self.get_object()
        form = checked(ObjectionReplyForm(form_data(request)))
        actions.reply_to_objection(actor=request.user, objection=objection, reply=form.cleaned_data["reply"])
        return self._answer(objection)
