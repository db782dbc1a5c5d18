from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, changed only by services."""

    list_display = ("sequence", "occurred_at", "actor_label", "action", "target_label", "from_state", "to_state")
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "actor_label", "action")
    list_select_related = ("target_type",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
