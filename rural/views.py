"""Pages of rural revitalisation: thin; selectors read, actions write."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from cases.common.staging import FileStaging
from deadlines.selectors import deadlines_for
from organizations.selectors import is_staff_member
from workflows.task_views import add_validation_error
from workflows.visibility import staff_or_404
from workflows.what_follows import told

from . import actions
from .forms import EffectReportForm, MeasureForm, ProjectApplicationForm
from .models import AidDesignation, AidKind
from .selectors import (
    bureau_for,
    designations_on,
    effect_reports_visible_to,
    entering_bureaus,
    measures_visible_to,
    projects_visible_to,
)


def _staff_only(request) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _entry(request, form_class, template: str, save, title: str):
    """A form of a bureau's staff: the bureau is the narrowest of theirs holding the regions chosen."""
    _staff_only(request)
    bureaus = entering_bureaus(request.user)
    if not bureaus:
        raise PermissionDenied
    staging = FileStaging(request.session)
    form = form_class(request.POST or None, request.FILES or None, bureaus=bureaus, staging=staging)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        regions = list(data.get("regions") or [data["region"]])
        try:
            record = save(bureau_for(bureaus, regions), data)
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        else:
            form.release_staged_files()
            return record
    return render(request, template, {"form": form, "title": title})


def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request,
        "rural/project_list.html",
        {"projects": projects_visible_to(request.user)[:200], "may_enter": bool(entering_bureaus(request.user))},
    )


def project_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    def save(bureau, data):
        material = data.get("material")
        return actions.apply_for_project(
            actor=request.user,
            bureau=bureau,
            title=data["title"],
            region=data["region"],
            products=list(data["products"]),
            summary=data["summary"],
            budget=data["budget"],
            files=[material] if material else [],
        )

    result = _entry(request, ProjectApplicationForm, "rural/entry.html", save, _("Apply for a project"))
    if isinstance(result, HttpResponse):
        return result
    messages.success(request, told(_("The project was applied for."), case=result))
    return redirect(result)


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    project = projects_visible_to(request.user).filter(pk=pk).first()
    if project is None:
        raise Http404
    return render(
        request,
        "rural/project_detail.html",
        {
            "project": project,
            "products": project.products.all(),
            "materials": project.materials.all(),
            "deadlines": deadlines_for(project),
            "designations": designations_on(project.region, timezone.localdate()),
            "history": staff_history(project, everything=request.GET.get("history") == "all"),
        },
    )


def measure_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    measures = measures_visible_to(request.user).prefetch_related("regions")[:200]
    return render(
        request,
        "rural/measure_list.html",
        {"measures": measures, "may_enter": bool(entering_bureaus(request.user))},
    )


def measure_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    def save(bureau, data):
        material = data.get("material")
        return actions.measure_record(
            actor=request.user,
            bureau=bureau,
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            regions=list(data["regions"]),
            products=list(data["products"]),
            participants=data["participants"],
            description=data["description"],
            files=[material] if material else [],
        )

    result = _entry(request, MeasureForm, "rural/entry.html", save, _("Record a measure"))
    if isinstance(result, HttpResponse):
        return result
    messages.success(request, _("The measure was recorded."))
    return redirect(result)


def measure_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    measure = measures_visible_to(request.user).filter(pk=pk).first()
    if measure is None:
        raise Http404
    return render(
        request,
        "rural/measure_detail.html",
        {
            "measure": measure,
            "regions": measure.regions.all(),
            "products": measure.products.all(),
            "materials": measure.materials.all(),
        },
    )


def effect_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request,
        "rural/effect_list.html",
        {
            "reports": effect_reports_visible_to(request.user)[:200],
            "may_enter": bool(entering_bureaus(request.user)),
        },
    )


def effect_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    def save(bureau, data):
        fields = {name: value for name, value in data.items() if name != "region"}
        return actions.effect_record(actor=request.user, bureau=bureau, region=data["region"], **fields)

    result = _entry(request, EffectReportForm, "rural/entry.html", save, _("Report effects"))
    if isinstance(result, HttpResponse):
        return result
    messages.success(request, _("The effects were reported."))
    return redirect("rural:effects")


def designation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The aid regions in force on a day (today unless another is asked), and every designation."""
    _staff_only(request)
    try:
        day = datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        day = timezone.localdate()
    designations = AidDesignation.objects.select_related("region")
    return render(
        request,
        "rural/designation_list.html",
        {
            "day": day,
            "designations": [(d, d.in_force_on(day)) for d in designations[:1000]],
            "kinds": AidKind,
        },
    )
