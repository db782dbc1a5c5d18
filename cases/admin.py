from django.contrib import admin

from config.admin_base import ReadOnlyModelAdmin

from .models import ProtectedProduct


@admin.register(ProtectedProduct)
class ProtectedProductAdmin(ReadOnlyModelAdmin):
    """Read-only: products enter the register through the application flow (or seed import)."""

    list_display = ("name", "category", "province", "announcement_number", "announcement_year", "status")
    list_filter = ("category", "status", "province")
    search_fields = ("name", "name_en", "name_pinyin", "announcement_number")
    list_select_related = ("province",)
