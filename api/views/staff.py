"""Staff: the cases their jurisdiction covers (read) and their tasks (list, take, complete).

Lists and objects come from the same region-scoped selectors as the staff pages; a case outside
the caller's jurisdiction answers 404. Task actions go through workflows.task_actions, which
takes the process lock and checks the node's permission as viewflow's task views do.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from viewflow.workflow.models import Task

from cases.applications.selectors import applications_visible_to
from cases.declarations.selectors import declarations_visible_to
from cases.enforcement.selectors import enforcement_cases_visible_to
from cases.models import Application, Declaration, EnforcementCase
from workflows import task_actions
from workflows.team import actions as team_actions
from workflows.team.forms import ReassignForm
from workflows.team.selectors import OPEN, leads, responsible_body_id

from ..base import IsStaffMember, ReadViewSet
from ..errors import Conflict
from ..filters import ApplicationFilter, DeclarationFilter, EnforcementCaseFilter
from ..serializers.casework import ReassignSerializer
from ..serializers.portal import ApplicationSerializer, DeclarationSerializer
from ..serializers.staff import EnforcementCaseSerializer, TaskSerializer
from .forms import checked, form_data
from .portal import REFUSALS


class StaffReadViewSet(ReadViewSet):
    permission_classes = [IsAuthenticated, IsStaffMember]


@extend_schema_view(retrieve=extend_schema(responses={200: ApplicationSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class StaffApplicationViewSet(StaffReadViewSet):
    """Protection applications in the caller's jurisdiction (drafts stay with the applicant)."""

    queryset = Application.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter

    def get_queryset(self):
        return (
            applications_visible_to(self.request.user)
            .select_related("amends", "product")
            .prefetch_related("attachments", "proposed_area")
            .order_by("-submitted_at", "-pk")
        )


@extend_schema_view(retrieve=extend_schema(responses={200: DeclarationSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class StaffDeclarationViewSet(StaffReadViewSet):
    """Self-declarations of production sites in the caller's jurisdiction."""

    queryset = Declaration.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = DeclarationSerializer
    filterset_class = DeclarationFilter

    def get_queryset(self):
        return declarations_visible_to(self.request.user).prefetch_related("attachments")


@extend_schema_view(retrieve=extend_schema(responses={200: EnforcementCaseSerializer, **REFUSALS}))
@extend_schema(tags=["staff"])
class StaffEnforcementCaseViewSet(StaffReadViewSet):
    """Enforcement cases of the caller's region and below."""

    queryset = EnforcementCase.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = EnforcementCaseSerializer
    filterset_class = EnforcementCaseFilter

    def get_queryset(self):
        return enforcement_cases_visible_to(self.request.user).prefetch_related("products")


def _reassign(request, task_pk) -> Task:
    """A lead hands an open task to a colleague. A task done, or handed on by someone else since
    the caller looked (`owner`), is a lost race: 409."""
    task = Task.objects.select_related("process").filter(pk=task_pk).first()
    if task is None or not task.flow_task.flow_class.instance.process_visible_to(request.user, task.process):
        raise Http404
    if not leads(request.user, responsible_body_id(task)):
        raise PermissionDenied  # before the input is checked, as the page offers the form to leads only
    form = checked(ReassignForm(form_data(request)))
    person = type(request.user).objects.filter(pk=form.cleaned_data["to"], is_active=True).first()
    if person is None:
        raise ValidationError({"to": _("Choose the colleague to hand the task to.")})
    expected = form.cleaned_data["owner"]
    try:
        return team_actions.task_reassign(actor=request.user, task=task, to=person, expected_owner_id=expected)
    except ValidationError as error:
        now = Task.objects.filter(pk=task.pk).values("status", "owner_id").get()
        if now["status"] not in OPEN or now["owner_id"] != expected:
            raise Conflict(" ".join(error.messages)) from None
        raise


@extend_schema_view(retrieve=extend_schema(responses={200: TaskSerializer, **REFUSALS}))
@extend_schema(tags=["tasks"])
class TaskViewSet(StaffReadViewSet):
    """The caller's open tasks: assigned to them, or offered to them by their role. Each lists
    the actions the caller may take now."""

    queryset = Task.objects.none()  # the model, for the schema; rows come from get_queryset

    serializer_class = TaskSerializer

    def get_queryset(self):
        return task_actions.tasks_of(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            task_actions.remember_checks_for(self.request.user, page)
            task_actions.remember_eligible(self.request.user, page)  # tasks_of left the refused out
        return page

    def get_object(self):
        task = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if task is None:
            raise Http404
        return task

    def _answer(self, task):
        # The task may have left the caller's list (completed): answer with its state as it is now.
        task.refresh_from_db()
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(summary="Take the task", request=None, responses={200: TaskSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        try:
            task = self.get_object()
        except Http404:
            # Gone from the list because a colleague took it first: a lost race (409), not a 404.
            task_actions.refuse_if_taken_first(actor=request.user, task_pk=self.kwargs["pk"])
            raise
        return self._answer(task_actions.task_assign(actor=request.user, task=task))

    @extend_schema(summary="Put the task back", request=None, responses={200: TaskSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def unassign(self, request, pk=None):
        return self._answer(task_actions.task_unassign(actor=request.user, task=self.get_object()))

    @extend_schema(
        summary="Hand the task to a colleague (a lead of the responsible body)",
        description="Any open task of a case the caller sees, held or not. `owner` is the holder the "
        "caller saw; a task handed on or done since answers 409.",
        request=ReassignSerializer,
        responses={200: TaskSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        task = _reassign(request, self.kwargs["pk"])
        task.refresh_from_db()
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Complete the task with its decision",
        description="The values of the task's `form` fields, checked by the task page's form. JSON, or "
        "multipart/form-data when a `file` field is sent.",
        request={"application/json": OpenApiTypes.OBJECT, "multipart/form-data": OpenApiTypes.OBJECT},
        responses={200: TaskSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def complete(self, request, pk=None):
        task = self.get_object()
        data = request.data if hasattr(request.data, "get") else {}
        return self._answer(task_actions.task_complete(actor=request.user, task=task, data=data, files=request.FILES))
