"""The caller's own notifications: another user's answers 404, as on the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications.models import Notification
from notifications.selectors import notification_of_or_404, notifications_of
from notifications.services import notification_mark_read, notifications_mark_all_read

from ..base import ReadViewSet
from ..filters import NotificationFilter
from ..serializers.notifications import MarkedReadSerializer, NotificationSerializer
from .portal import REFUSALS


@extend_schema_view(retrieve=extend_schema(responses={200: NotificationSerializer, **REFUSALS}))
@extend_schema(tags=["notifications"])
class NotificationViewSet(ReadViewSet):
    """The caller's notifications, newest first."""

    queryset = Notification.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        return notifications_of(self.request.user)

    def get_object(self):
        return notification_of_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="Mark read", request=None, responses={200: NotificationSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_mark_read(user=request.user, notification=self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(summary="Mark all read", request=None, responses={200: MarkedReadSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})
