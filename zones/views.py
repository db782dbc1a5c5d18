"""Staff pages of demonstration zones: thin; selectors read, zones.actions write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.api_tokens import accepts_api_token
from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from cases.uploads import stored_file_type
from documents.serving import private_file_response
from organizations.models import Department, Region, Role
from organizations.selectors import departments_of, is_staff_member, members_of
from workflows.task_views import add_validation_error
from workflows.visibility import staff_or_404
from workflows.what_follows import told

from . import actions
from .eligibility import eligibility_snapshot
from .forms import (
    AnnualReportForm,
    ObjectionDecisionForm,
    ObjectionForm,
    PolicyForm,
    ReviewForm,
    RevokeForm,
    TourForm,
    ZoneCreateForm,
    ZoneForm,
)
from .models import PolicyDocument, RectificationItem, Zone, ZoneObjection
from .selectors import annual_report_clock, owner_steps, zone_visible_to, zones_visible_to
from .services import TOURING_STATES, draft_list_ends, reviewing_office


def _zone_or_404(request, pk) -> Zone:
    staff_or_404(request.user)
    zone = zone_visible_to(request.user, pk)
    if zone is None:
        raise Http404
    return zone


def _may(user, permission: str, department: Department) -> bool:
    return user.is_superuser or user.has_perm(f"organizations.{permission}", department)


def _run(request, form, call, success: str, zone: Zone | None = None) -> bool:
    """Call an action; a refusal is shown on the form (or as a message) and changes nothing."""
    try:
        call()
    except ValidationError as error:
        if form is not None:
            add_validation_error(form, error)
        else:
            messages.error(request, " ".join(error.messages))
        return False
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do this step."))
        return False
    except (TransitionNotAllowed, ConcurrentTransition):
        messages.error(request, _("The zone has moved on since you opened it; reload it."))
        return False
    messages.success(request, told(success, case=zone) if zone is not None else success)
    return True


def _entering_regions(user):
    """The regions of the bureaus (not national bodies) where the user is staff."""
    bureaus = departments_of(user, Role.STAFF).exclude(region__isnull=True)
    return Region.objects.filter(pk__in=bureaus.values("region_id")).order_by("code")


def _touring_bureau(user, zone: Zone) -> Department | None:
    """The user's bureau of inspectors covering the zone, the nearest first."""
    bureaus = [
        bureau
        for bureau in departments_of(user, Role.INSPECTOR)
        if bureau.region is None or zone.region.code.startswith(bureau.region.prefix)
    ]
    bureaus.sort(key=lambda bureau: -len(bureau.region.prefix) if bureau.region else 0)
    return bureaus[0] if bureaus else None


def zone_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise PermissionDenied
    return render(
        request,
        "zones/zone_list.html",
        {"zones": zones_visible_to(request.user)[:200], "may_create": _entering_regions(request.user).exists()},
    )


def zone_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_or_404(request.user)
    regions = _entering_regions(request.user)
    if not regions.exists():
        raise PermissionDenied
    form = ZoneCreateForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        created: list[Zone] = []
        if _run(
            request,
            form,
            lambda: created.append(actions.zone_create(actor=request.user, **form.cleaned_data)),
            _("The application was created. Fill it in, add the policy documents and submit it."),
        ):
            return redirect(created[0])
    return render(request, "zones/zone_new.html", {"form": form})


def zone_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_or_404(request, pk)
    user = request.user
    office = reviewing_office(zone)
    enters = _may(user, "work_as_staff", zone.bureau)
    decides = _may(user, "work_as_staff", office)
    clock = annual_report_clock(zone)
    context = {
        "zone": zone,
        "products": zone.products.order_by("name"),
        "policies": zone.policies.all(),
        "eligibility": zone.eligibility
        or (eligibility_snapshot(zone, timezone.localdate()) if zone.is_editable else {}),
        "owner_steps": owner_steps(zone),
        "may_edit": zone.is_editable and enters,
        "may_report": zone.status == Zone.Status.PREPARING and enters and clock is not None,
        "report_due": clock.due_on if clock else None,
        "may_request_acceptance": zone.status == Zone.Status.PREPARING
        and enters
        and zone.preparation_over(timezone.localdate()),
        "may_object": decides and zone.status in (Zone.Status.ON_DRAFT_LIST, Zone.Status.PUBLIC_NOTICE),
        "may_decide_objections": decides,
        "may_review": decides and zone.status == Zone.Status.NAMED,
        "may_revoke": _may(user, "work_as_lead", office)
        and zone.status
        in (
            Zone.Status.PREPARING,
            Zone.Status.ACCEPTANCE,
            Zone.Status.NAMED,
        ),
        "may_tour": zone.status in TOURING_STATES and _touring_bureau(user, zone) is not None,
        "draft_list": draft_list_ends(zone),
        "objections": zone.objections.all(),
        "annual_reports": zone.annual_reports.select_related("submitted_by"),
        "reviews": zone.reviews.select_related("recorded_by"),
        "tours": zone.tours.select_related("bureau").prefetch_related("inspectors", "items"),
        "history": staff_history(zone, everything=request.GET.get("history") == "all"),
    }
    return render(request, "zones/zone_detail.html", context)


def zone_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_or_404(request, pk)
    if not _may(request.user, "work_as_staff", zone.bureau):
        raise PermissionDenied
    if not zone.is_editable:
        messages.error(request, _("The application was submitted and can no longer be changed."))
        return redirect(zone)
    form = ZoneForm(request.POST or None, instance=Zone.objects.get(pk=zone.pk))
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _run(
            request,
            form,
            lambda: actions.zone_update(
                actor=request.user, zone=zone, answers=answers, products=form.cleaned_data["products"]
            ),
            _("The application was saved."),
        ):
            return redirect(zone)
    return render(request, "zones/zone_edit.html", {"zone": zone, "form": form})


def _zone_for(request, pk, permission: str, body) -> Zone:
    """The zone, for a user holding `permission` at the body `body(zone)` answers for (403 otherwise)."""
    zone = _zone_or_404(request, pk)
    if not _may(request.user, permission, body(zone)):
        raise PermissionDenied
    return zone


def _entering_bureau(zone: Zone) -> Department:
    return zone.bureau


def _form_page(request, zone: Zone, form, act, success: str, title: str, *, tell: bool = False, **extra):
    """A zone's form page: the action on a valid POST (back to the zone), else the form again."""
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(request, form, lambda: act(form.cleaned_data), success, zone if tell else None)
    ):
        return redirect(zone)
    return render(request, "zones/form_page.html", {"zone": zone, "form": form, "title": title, **extra})


def policy_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_staff", _entering_bureau)
    if not zone.is_editable:
        raise PermissionDenied
    return _form_page(
        request,
        zone,
        PolicyForm(request.POST or None, request.FILES or None),
        lambda data: actions.policy_add(actor=request.user, zone=zone, title=data["title"], uploaded_file=data["file"]),
        _("The policy document was added."),
        _("Add a policy document"),
    )


def _post_action(request, pk: int, act, success: str) -> HttpResponse:
    zone = _zone_or_404(request, pk)
    _run(request, None, lambda: act(actor=request.user, zone=zone), success, zone)
    return redirect(zone)


@require_POST
def zone_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        actions.submit_zone,
        _("The application was submitted with its eligibility as the register shows it."),
    )


@require_POST
def acceptance_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        actions.request_acceptance,
        _("The acceptance was requested; the province arranges the expert site visit."),
    )


def annual_report_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_staff", _entering_bureau)
    return _form_page(
        request,
        zone,
        AnnualReportForm(request.POST or None),
        lambda data: actions.annual_report_submit(actor=request.user, zone=zone, **data),
        _("The annual report was submitted."),
        _("Annual report"),
        tell=True,
    )


def objection_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_staff", reviewing_office)
    return _form_page(
        request,
        zone,
        ObjectionForm(request.POST or None),
        lambda data: actions.objection_record(actor=request.user, zone=zone, **data),
        _("The objection was recorded."),
        _("Record an objection"),
    )


def objection_decide(request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_staff", reviewing_office)
    objection = get_object_or_404(ZoneObjection, pk=objection_pk, zone=zone)
    return _form_page(
        request,
        zone,
        ObjectionDecisionForm(request.POST or None),
        lambda data: actions.objection_decide(actor=request.user, objection=objection, **data),
        _("The objection was decided."),
        _("Decide the objection"),
        objection=objection,
    )


def review_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_staff", reviewing_office)
    return _form_page(
        request,
        zone,
        ReviewForm(request.POST or None),
        lambda data: actions.zone_review(actor=request.user, zone=zone, **data),
        _("The review was recorded."),
        _("Periodic review"),
    )


def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_for(request, pk, "work_as_lead", reviewing_office)
    return _form_page(
        request,
        zone,
        RevokeForm(request.POST or None),
        lambda data: actions.zone_revoke(actor=request.user, zone=zone, reason=data["reason"]),
        _("The zone was revoked; the reason is published in the register."),
        _("Revoke the zone"),
    )


def tour_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    zone = _zone_or_404(request, pk)
    bureau = _touring_bureau(request.user, zone)
    if bureau is None:
        raise PermissionDenied
    form = TourForm(request.POST or None, inspectors=members_of(bureau.pk, Role.INSPECTOR).order_by("username"))
    return _form_page(
        request,
        zone,
        form,
        lambda data: actions.tour_record(
            actor=request.user,
            zone=zone,
            bureau=bureau,
            toured_on=data["toured_on"],
            inspectors=data["inspectors"],
            findings={key: data[key] for key in ("standard", "testing", "quality")},
            result=data["result"],
            problems=data["problems"],
            items=form.items(),
        ),
        _("The supervision tour was recorded."),
        _("Record a supervision tour"),
        bureau=bureau,
    )


@require_POST
def item_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    staff_or_404(request.user)
    item = get_object_or_404(RectificationItem.objects.select_related("tour__zone"), pk=pk)
    zone = _zone_or_404(request, item.tour.zone_id)
    _run(request, None, lambda: actions.rectification_done(actor=request.user, item=item), _("Marked as rectified."))
    return redirect(zone)


@accepts_api_token
@require_GET
def policy_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    staff_or_404(request.user)
    document = PolicyDocument.objects.filter(pk=pk, zone__in=zones_visible_to(request.user)).first()
    if document is None or not document.file:
        raise Http404
    try:
        file_type = stored_file_type(document.file, document.file_type)
    except FileNotFoundError:
        raise Http404 from None
    return private_file_response(
        document.file,
        filename=document.original_name,
        content_type=file_type.content_type if file_type else "application/octet-stream",
        inline=False,
    )
