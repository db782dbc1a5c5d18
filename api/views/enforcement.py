"""Enforcement cases through the API (docs/adr/0057): open a case from a clue, add evidence, and
stop, restart or extend its time limit, as the case page does: its forms check the input,
workflows.enforcement.actions makes each change. A case moved on meanwhile is a 409."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases.enforcement.selectors import enforcement_case_visible_to
from workflows.enforcement import actions, forms

from ..serializers.casework import (
    CaseEvidenceSerializer,
    CaseIntakeSerializer,
    ClockExtensionSerializer,
    ClockPauseSerializer,
    EvidenceAddSerializer,
    VerificationExtensionSerializer,
)
from ..serializers.staff import EnforcementCaseSerializer
from .forms import checked, form_data
from .portal import REFUSALS
from .staff import StaffEnforcementCaseViewSet

UPLOADS = [JSONParser, MultiPartParser, FormParser]


class EnforcementCaseViewSet(mixins.CreateModelMixin, StaffEnforcementCaseViewSet):
    """Enforcement cases of the caller's region and below: read, open, and the case page's actions."""

    def get_object(self):
        case = enforcement_case_visible_to(self.request.user, self.kwargs["pk"])
        if case is None:
            raise Http404
        return case

    def _fresh(self, case, code=status.HTTP_200_OK) -> Response:
        return Response(EnforcementCaseSerializer(self.get_queryset().get(pk=case.pk)).data, status=code)

    @extend_schema(
        summary="Open a case from a clue (an inspection finding, a transfer, an assignment)",
        request={"application/json": CaseIntakeSerializer, "multipart/form-data": CaseIntakeSerializer},
        responses={201: EnforcementCaseSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        bureaus = forms.intake_bureaus(request.user)
        if not bureaus.exists():
            raise PermissionDenied  # a member of no regional bureau opens no case, as on the page
        form = checked(forms.IntakeForm(form_data(request), request.FILES, bureaus=bureaus))
        data = dict(form.cleaned_data)
        evidence = data.pop("evidence")
        case = actions.open_case(actor=request.user, evidence=[evidence] if evidence else [], **data)
        return self._fresh(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add evidence (an officer of the case, with the second officer present)",
        request={"multipart/form-data": EvidenceAddSerializer, "application/json": EvidenceAddSerializer},
        responses={201: CaseEvidenceSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=UPLOADS)
    def evidence(self, request, pk=None):
        case = self.get_object()
        form = checked(forms.EvidenceForm(form_data(request), request.FILES, case=case, user=request.user))
        evidence = actions.add_evidence(
            actor=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
            second_officer=form.cleaned_data["second_officer"],
            uploaded_file=form.cleaned_data["file"],
        )
        return Response(CaseEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Stop the time limit (testing, identification, public notice)",
        request=ClockPauseSerializer,
        responses={200: EnforcementCaseSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="clock/pause")
    def clock_pause(self, request, pk=None):
        case = self.get_object()
        form = checked(forms.PauseForm(form_data(request)))
        return self._fresh(actions.pause_clock(actor=request.user, case=case, **form.cleaned_data))

    @extend_schema(
        summary="Let the time limit run again", request=None, responses={200: EnforcementCaseSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path="clock/resume")
    def clock_resume(self, request, pk=None):
        return self._fresh(actions.resume_clock(actor=request.user, case=self.get_object()))

    @extend_schema(
        summary="Extend the time limit (the lead; a further extension by collective decision)",
        request=ClockExtensionSerializer,
        responses={200: EnforcementCaseSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="clock/extend")
    def clock_extend(self, request, pk=None):
        case = self.get_object()
        form = checked(forms.ExtensionForm(form_data(request)))
        actions.extend_clock(actor=request.user, case=case, **form.cleaned_data)
        return self._fresh(case)

    @extend_schema(
        summary="Give the verification of a clue more time",
        request=VerificationExtensionSerializer,
        responses={200: EnforcementCaseSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="verification/extend")
    def verification_extend(self, request, pk=None):
        case = self.get_object()
        reason = form_data(request).get("reason", "")
        return self._fresh(actions.extend_verification(actor=request.user, case=case, reason=str(reason)))
