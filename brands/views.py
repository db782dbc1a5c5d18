"""Pages of brand evaluation rounds: thin; selectors read, the actions write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from accounts.types import AuthenticatedHttpRequest
from cases.common.history import staff_history
from cases.common.staging import FileStaging
from organizations.models import Department, Region, Role
from organizations.selectors import departments_of, is_staff_member
from workflows.task_views import add_validation_error
from workflows.visibility import staff_or_404
from workflows.what_follows import told

from .actions import open_round, recommend
from .forms import OpenRoundForm, RecommendationForm
from .models import BrandRound, Stage
from .selectors import recommendations_visible_to, round_visible_to, rounds_visible_to
from .services import ORGANISERS
from .stages import default_organiser_code, stage_work


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


def _organisers(user):
    """The organising bodies (质量司, 科技司) the person is staff of: they may open a round."""
    if user.is_superuser:
        return Department.objects.filter(code__in=ORGANISERS)
    return departments_of(user, Role.STAFF).filter(code__in=ORGANISERS)


def _recommending_provinces(user):
    """The provinces whose bureau the person is staff of: they recommend its products."""
    bureaus = departments_of(user, Role.STAFF).filter(kind=Department.Kind.PROVINCIAL_BUREAU)
    return Region.objects.filter(pk__in=bureaus.values("region_id"), level=Region.Level.PROVINCE)


def _round_or_404(request, pk):
    staff_or_404(request.user)
    brand_round = round_visible_to(request.user, pk)
    if brand_round is None:
        raise Http404
    return brand_round


def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(
        request,
        "brands/round_list.html",
        {"rounds": rounds_visible_to(request.user)[:50], "may_open": _organisers(request.user).exists()},
    )


def round_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    organisers = _organisers(request.user)
    if not organisers.exists():
        raise PermissionDenied
    today = timezone.localdate()
    year = today.year + 1 if BrandRound.objects.filter(year=today.year).exists() else today.year
    form = OpenRoundForm(
        request.POST or None,
        organisers=organisers,
        initial={"year": year, "organiser": organisers.filter(code=default_organiser_code()).first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            brand_round = open_round(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        else:
            messages.success(request, told(_("The round was opened; the provinces may recommend."), case=brand_round))
            return redirect(brand_round)
    return render(request, "brands/round_open.html", {"form": form})


def round_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    brand_round = _round_or_404(request, pk)
    recommendations = (
        recommendations_visible_to(request.user)
        .filter(round=brand_round)
        .prefetch_related("dossier")
        .order_by("rank", "province__code", "product__name")
    )
    may_recommend = brand_round.status == Stage.CALL and _recommending_provinces(request.user).exists()
    return render(
        request,
        "brands/round_detail.html",
        {
            "round": brand_round,
            "stage_title": stage_work(brand_round).title if not brand_round.is_published else "",
            "recommendations": recommendations,
            "ranked": brand_round.status in (Stage.PUBLICATION, Stage.PUBLISHED),
            "may_recommend": may_recommend,
            "history": staff_history(brand_round, everything=request.GET.get("history") == "all"),
        },
    )


def recommendation_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    brand_round = _round_or_404(request, pk)
    provinces = _recommending_provinces(request.user)
    if not provinces.exists():
        raise PermissionDenied
    if brand_round.status != Stage.CALL:
        messages.error(request, _("The call for recommendations of this round is closed."))
        return redirect(brand_round)
    form = RecommendationForm(
        request.POST or None,
        request.FILES or None,
        brand_round=brand_round,
        provinces=provinces,
        staging=FileStaging(request.session),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommend(
                actor=request.user,
                brand_round=brand_round,
                product=data["product"],
                has_plan=data["has_plan"],
                reason=data["reason"],
                files=[data.get("dossier_1"), data.get("dossier_2")],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this step."))
        except (TransitionNotAllowed, ConcurrentTransition):
            form.add_error(None, _("The round has moved on since you opened it; reload it."))
        else:
            form.release_staged_files()
            messages.success(
                request, _("%(product)s was recommended for the brand evaluation.") % {"product": data["product"].name}
            )
            return redirect(brand_round)
    return render(request, "brands/recommendation_new.html", {"round": brand_round, "form": form})
