from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import User


@admin.register(User)
class TerroirUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Terroir"), {"fields": ("full_name", "phone", "language")}),
    )
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    actions = ["unlock_login"]

    @admin.action(description=_("Unlock login (locked after failed passwords)"), permissions=["change"])
    def unlock_login(self, request, queryset):
        unlocked = sum(services.login_unlock(actor=request.user, user=user) for user in queryset)
        if unlocked:
            message = ngettext("%(count)d account unlocked.", "%(count)d accounts unlocked.", unlocked)
            self.message_user(request, message % {"count": unlocked}, messages.SUCCESS)
        else:
            self.message_user(request, _("None of these accounts was locked."), messages.INFO)
