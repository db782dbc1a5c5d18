from django.contrib import admin

from config.admin_base import ReadOnlyModelAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyModelAdmin):
    """Read-only: a document is issued by its workflow and never edited."""

    list_display = ["number", "title", "kind", "created_at", "created_by", "size"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "title", "sha256"]
