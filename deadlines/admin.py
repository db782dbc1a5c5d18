from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from config.admin_base import ReadOnlyModelAdmin

from .forms import CalendarYearForm
from .models import CalendarDay, CalendarYear, Deadline
from .services import calendar_year_enter


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    can_delete = False
    readonly_fields = ("date", "is_working_day", "name")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Years are entered through the form below, which recomputes provisional deadlines."""

    list_display = ("year", "source", "entered_by", "entered_at")
    readonly_fields = ("year", "source", "entered_by", "entered_at")
    inlines = [CalendarDayInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("enter/", self.admin_site.admin_view(self.enter_view), name="deadlines_calendaryear_enter"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:deadlines_calendaryear_enter")

    def enter_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = CalendarYearForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                calendar_year, recomputed = calendar_year_enter(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("The official calendar of %(year)s was saved; %(count)d provisional deadline(s) were recomputed.")
                    % {"year": calendar_year.year, "count": recomputed},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:deadlines_calendaryear_change", args=[calendar_year.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enter a year's official holidays"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/deadlines/calendar_year_enter.html", context)


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyModelAdmin):
    list_display = ("rule_code", "target_label", "department", "due_on", "provisional", "state")
    list_filter = ("state", "rule_code", "provisional")
    search_fields = ("target_label",)
    list_select_related = ("department",)
