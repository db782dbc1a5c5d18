"""Admin base classes shared by the apps."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records that only services write (reference data, audit, outbox, deadlines, documents):
    the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
