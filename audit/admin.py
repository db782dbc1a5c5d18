from django.contrib import admin

from config.admin_base import ReadOnlyModelAdmin

from .models import AuditAnchor, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """Read-only: the trail is append-only, changed only by services."""

    list_display = (
        "sequence",
        "occurred_at",
        "actor_label",
        "action",
        "target_label",
        "from_state",
        "to_state",
        "key_id",
    )
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "actor_label", "action")
    list_select_related = ("target_type",)


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyModelAdmin):
    """Read-only: an anchor, once published, is a record (append-only on PostgreSQL too)."""

    list_display = ("day", "sequence", "key_id", "hash", "published_at")
