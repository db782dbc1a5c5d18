"""Case notes through the API (docs/adr/0057): a case's thread, read and written through
workflows.team.actions as on the case pages. A lead's handing of a task is /api/tasks/<id>/reassign/."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from teamwork.models import CaseNote
from teamwork.selectors import notes_of
from workflows.team import actions
from workflows.team.forms import NoteForm
from workflows.team.kinds import NOTED_KINDS, noted_kind

from ..base import PreferredLanguageMixin
from ..serializers.casework import NoteAddedSerializer, NoteAddSerializer, NoteSerializer
from .forms import checked, form_data
from .portal import REFUSALS
from .staff import StaffReadViewSet

KIND = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, enum=[kind.slug for kind in NOTED_KINDS], description="The kind of case."
)


@extend_schema_view(
    list=extend_schema(summary="A case's notes, oldest first", parameters=[KIND]),
)
@extend_schema(tags=["staff"])
class NoteViewSet(PreferredLanguageMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The notes thread of a case the caller sees (an enforcement case, an application, a declaration,
    a supervision check, a revocation); “@name” notifies a colleague who also sees it."""

    queryset = CaseNote.objects.none()  # the model, for the schema; rows come from get_queryset
    permission_classes = StaffReadViewSet.permission_classes
    serializer_class = NoteSerializer

    def case(self):
        noted = noted_kind(self.kwargs["kind"])
        case = noted.visible_cases(self.request.user).filter(pk=self.kwargs["case_pk"]).first() if noted else None
        if case is None:
            raise Http404
        return case

    def get_queryset(self):
        return notes_of(self.case())

    @extend_schema(
        summary="Add a note",
        parameters=[KIND],
        request=NoteAddSerializer,
        responses={201: NoteAddedSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        case = self.case()
        form = checked(NoteForm(form_data(request)))
        outcome = actions.case_note_add(actor=request.user, case=case, body=form.cleaned_data["body"])
        note = notes_of(case).get(pk=outcome.note.pk)
        note.not_notified = outcome.not_notified
        return Response(NoteAddedSerializer(note).data, status=status.HTTP_201_CREATED)
