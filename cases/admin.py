from django.contrib import admin

from .models import ProtectedProduct


@admin.register(ProtectedProduct)
class ProtectedProductAdmin(admin.ModelAdmin):
    """Read-only: products enter the register through the application flow (or seed import)."""

    list_display = ("name", "category", "province", "announcement_number", "announcement_year", "status")
    list_filter = ("category", "status", "province")
    search_fields = ("name", "name_en", "name_pinyin", "announcement_number")
    list_select_related = ("province",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
