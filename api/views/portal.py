"""Producers' self-declarations and applicant bodies' applications.

Every object comes through the portal selectors (someone else's answers 404); every change
goes through the services and flow entry points the portal pages use, so the viewflow process
and the entity always agree.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases.applications.selectors import applications_of_applicant
from cases.declarations.selectors import declarations_of_producer
from cases.models import Application, Declaration
from cases.supervision.selectors import check_in_rectification_of, rectification_report_due, rectification_reports_of
from workflows.applications import actions as application_actions
from workflows.declarations import actions as declaration_actions
from workflows.declarations.portal_forms import RectificationReportForm
from workflows.supervision import actions as supervision_actions

from ..base import ReadViewSet
from ..errors import Conflict
from ..filters import ApplicationFilter, DeclarationFilter
from ..serializers.casework import RectificationReportFileSerializer, RectificationReportSerializer
from ..serializers.common import ErrorSerializer
from ..serializers.portal import (
    ApplicationAttachmentSerializer,
    ApplicationAttachSerializer,
    ApplicationCreateSerializer,
    ApplicationSerializer,
    DeclarationAttachmentSerializer,
    DeclarationAttachSerializer,
    DeclarationCorrectionSerializer,
    DeclarationCreateSerializer,
    DeclarationSerializer,
    DeclarationSubmitSerializer,
    ReasonSerializer,
)
from .forms import checked, form_data

REFUSALS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input; nothing was changed"),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ErrorSerializer, description="Not found (or not yours)"),
    409: OpenApiResponse(ErrorSerializer, description="Not possible in the present state"),
}


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema_view(
    list=extend_schema(summary="My self-declarations"),
    retrieve=extend_schema(summary="One of my self-declarations", responses={200: DeclarationSerializer, **REFUSALS}),
)
@extend_schema(tags=["declarations"])
class DeclarationViewSet(ReadViewSet):
    """A producer's self-declarations (专用标志使用自我声明): draft, attach, submit, resubmit a correction, withdraw."""

    queryset = Declaration.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = DeclarationSerializer
    filterset_class = DeclarationFilter

    def get_queryset(self):
        return declarations_of_producer(self.request.user).prefetch_related("attachments")

    def _answer(self, declaration, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=declaration.pk)
        return Response(DeclarationSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        summary="Create a draft",
        request=DeclarationCreateSerializer,
        responses={201: DeclarationSerializer, **REFUSALS},
    )
    def create(self, request):
        data = _valid(DeclarationCreateSerializer, request)
        declaration = declaration_actions.create_draft(actor=request.user, **data)
        return self._answer(declaration, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Attach a file",
        request={"multipart/form-data": DeclarationAttachSerializer},
        responses={201: DeclarationAttachmentSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        declaration = self.get_object()
        data = _valid(DeclarationAttachSerializer, request)
        attachment = declaration_actions.attach(
            actor=request.user, declaration=declaration, kind=data["kind"], uploaded_file=data["file"]
        )
        return Response(DeclarationAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Declare and publish",
        request=DeclarationSubmitSerializer,
        responses={200: DeclarationSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        declaration = self.get_object()
        data = _valid(DeclarationSubmitSerializer, request)
        declaration = declaration_actions.publish(
            actor=request.user, declaration=declaration, commitment_accepted=data["commitment_accepted"]
        )
        return self._answer(declaration)

    @extend_schema(
        summary="Resubmit after a correction was asked for",
        description="The bureau's in-process check asked for a correction: say what was corrected, "
        "optionally with the corrected document (multipart/form-data). The bureau checks it again.",
        request={
            "application/json": DeclarationCorrectionSerializer,
            "multipart/form-data": DeclarationCorrectionSerializer,
        },
        responses={200: DeclarationSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def resubmit(self, request, pk=None):
        declaration = self.get_object()
        data = _valid(DeclarationCorrectionSerializer, request)
        declaration = declaration_actions.resubmit(
            actor=request.user, declaration=declaration, comment=data["comment"], correction=data.get("correction")
        )
        return self._answer(declaration)

    @extend_schema(
        summary="Report the rectification the inspectors ordered",
        description="While a supervision check awaits the rectification: what was fixed and one or two "
        "evidence files. A report after the deadline is taken, marked late. Sent already (or none awaited): 409.",
        request={"multipart/form-data": RectificationReportFileSerializer},
        responses={201: RectificationReportSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def rectification(self, request, pk=None):
        declaration = self.get_object()
        check = check_in_rectification_of(declaration)
        if check is None or rectification_report_due(check) is not None:
            raise Conflict(_("No rectification report is awaited for this declaration."))
        form = checked(RectificationReportForm(form_data(request), request.FILES))
        files = [f for f in (form.cleaned_data["evidence"], form.cleaned_data["more_evidence"]) if f]
        try:
            report = supervision_actions.report_rectification(
                actor=request.user, check=check, text=form.cleaned_data["fixed"], files=files
            )
        except ValidationError:
            if rectification_report_due(check) is not None:  # a colleague's report came first
                raise Conflict(_("Your rectification report was already sent; the bureau will re-inspect.")) from None
            raise
        return Response(RectificationReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="My rectification reports on this declaration",
        responses={200: RectificationReportSerializer(many=True), **REFUSALS},
    )
    @action(detail=True, methods=["get"], url_path="rectification-reports")
    def rectification_reports(self, request, pk=None):
        reports = rectification_reports_of(self.get_object())
        return Response(RectificationReportSerializer(reports, many=True).data)

    @extend_schema(summary="Withdraw", request=ReasonSerializer, responses={200: DeclarationSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        declaration = self.get_object()
        data = _valid(ReasonSerializer, request)
        declaration = declaration_actions.withdraw(actor=request.user, declaration=declaration, reason=data["reason"])
        return self._answer(declaration)


@extend_schema_view(
    list=extend_schema(summary="My applications"),
    retrieve=extend_schema(summary="One of my applications", responses={200: ApplicationSerializer, **REFUSALS}),
)
@extend_schema(tags=["applications"])
class ApplicationViewSet(ReadViewSet):
    """An applicant body's protection applications: draft, attach, submit, withdraw."""

    queryset = Application.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter

    def get_queryset(self):
        return (
            applications_of_applicant(self.request.user)
            .select_related("amends", "product")
            .prefetch_related("attachments", "proposed_area")
            .order_by("-created_at", "-pk")
        )

    def _answer(self, application, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(ApplicationSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        summary="Create a draft",
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer, **REFUSALS},
    )
    def create(self, request):
        data = _valid(ApplicationCreateSerializer, request)
        application = application_actions.draft(actor=request.user, data=data, files={})
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Attach a file",
        request={"multipart/form-data": ApplicationAttachSerializer},
        responses={201: ApplicationAttachmentSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        application = self.get_object()
        data = _valid(ApplicationAttachSerializer, request)
        attachment = application_actions.attach(
            actor=request.user, application=application, kind=data["kind"], uploaded_file=data["file"]
        )
        return Response(ApplicationAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit to the provincial bureau", request=None, responses={200: ApplicationSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = application_actions.submit(actor=request.user, application=self.get_object())
        return self._answer(application)

    @extend_schema(summary="Withdraw", request=ReasonSerializer, responses={200: ApplicationSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self.get_object()
        data = _valid(ReasonSerializer, request)
        application = application_actions.withdraw(actor=request.user, application=application, reason=data["reason"])
        return self._answer(application)
