"""Administrators keep the aid-region designations here; a save goes through the service (audit)."""

from django.contrib import admin

from .actions import designation_save
from .models import AidDesignation


@admin.register(AidDesignation)
class AidDesignationAdmin(admin.ModelAdmin):
    list_display = ["region", "kind", "valid_from", "valid_until", "source"]
    list_filter = ["kind"]
    search_fields = ["region__name", "region__code", "source"]
    autocomplete_fields = ["region"]

    def save_model(self, request, obj, form, change):
        designation_save(actor=request.user, designation=obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a designation ends (valid until); it is not erased from history
