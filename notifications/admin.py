"""Admin: the outbox read-only; failed e-mails can be queued again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_base import ReadOnlyModelAdmin

from .models import EmailDelivery, Notification
from .services import email_deliveries_retry


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "read_at")
    list_filter = ("kind",)
    search_fields = ("subject", "recipient__username", "recipient__full_name")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyModelAdmin):
    list_display = ("notification", "to_address", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status",)
    # A recipient who reports two copies quotes the Message-ID of either.
    search_fields = ("to_address", "notification__subject", "message_id")
    list_select_related = ("notification",)
    actions = ["retry"]

    @admin.action(description=_("Send the selected failed e-mails again"))
    def retry(self, request, queryset):
        count = email_deliveries_retry(deliveries=queryset)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", count) % {"count": count},
            messages.SUCCESS,
        )
