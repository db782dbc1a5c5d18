"""Admin for organisations. Changes that grant rights go through the services (guardian grant + audit)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from config.admin_base import ReadOnlyModelAdmin

from .forms import EnterpriseForm
from .models import Department, Enterprise, EnterpriseAccount, Membership, Region
from .services import enterprise_account_link, enterprise_register, membership_grant, membership_revoke


@admin.register(Region)
class RegionAdmin(ReadOnlyModelAdmin):
    """Reference data from GB/T 2260: read-only."""

    list_display = ("code", "name", "name_en", "kind", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "name_en")
    list_select_related = ("parent",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("code", "name", "name_en", "region__code")
    list_select_related = ("region",)
    raw_id_fields = ("region", "parent")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "department", "role", "is_active", "created_at")
    list_filter = ("role", "is_active", "department__kind")
    search_fields = ("user__username", "user__full_name", "department__code", "department__name")
    list_select_related = ("user", "department")
    raw_id_fields = ("user", "department")
    actions = ["revoke_selected"]

    def get_readonly_fields(self, request, obj=None):
        # An existing membership is ended with the action, not edited.
        return ("user", "department", "role", "is_active") if obj else ("is_active",)

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            saved = membership_grant(actor=request.user, user=obj.user, department=obj.department, role=obj.role)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("End the selected memberships (removes the grants)"))
    def revoke_selected(self, request, queryset):
        for membership in queryset:
            membership_revoke(actor=request.user, membership=membership)


class EnterpriseAccountInline(admin.TabularInline):
    model = EnterpriseAccount
    raw_id_fields = ("user",)
    extra = 0
    can_delete = False
    readonly_fields = ("user", "is_active")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    form = EnterpriseForm
    list_display = ("name", "credit_code", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("name", "credit_code")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
    inlines = [EnterpriseAccountInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            saved = enterprise_register(
                actor=request.user,
                **{field: form.cleaned_data[field] for field in EnterpriseForm.Meta.fields},
            )
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "enterprise", "is_active")
    raw_id_fields = ("user", "enterprise")
    search_fields = ("user__username", "enterprise__name", "enterprise__credit_code")

    def get_readonly_fields(self, request, obj=None):
        return ("user", "enterprise", "is_active") if obj else ("is_active",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = enterprise_account_link(actor=request.user, user=obj.user, enterprise=obj.enterprise).pk

    def has_delete_permission(self, request, obj=None):
        return False
