from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agreement.actions import file_objection as file_agreement_objection
from agreement.forms import AgreementObjectionForm, EntrySearchForm
from agreement.selectors import entries_of_product, entries_public, entry_open_to_objections
from agreement.services import window_is_open
from audit.anchors import anchors_public
from brands.selectors import latest_published_result, published_results, published_years
from cases.applications.selectors import (
    announcement_public,
    announcement_rows,
    announcements_public,
    application_open_to_objections,
)
from cases.common.staging import FileStaging
from cases.declarations.selectors import (
    Verdict,
    authorised_users_public,
    revocations_public,
    verification_answer,
)
from cases.models import EnforcementCase
from cases.objections.selectors import objection_window_state
from cases.products.selectors import (
    product_announcements_public,
    product_public,
    product_public_history,
    products_public,
)
from cases.supervision.selectors import campaigns_published
from documents.serving import public_file_response
from organizations.selectors import bureau_of, is_staff_member
from workflows.applications.actions import file_objection
from workflows.enforcement.actions import open_case
from workflows.task_views import add_validation_error

from .forms import AuthorisedUserSearchForm, BrandSearchForm, ComplaintForm, ProductSearchForm, TrackingForm
from .objection_forms import ObjectionForm
from .throttle import client_address, complaint_allowed, lookup_allowed, objection_allowed
from .tracking import public_progress

PAGE_SIZE = 25


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The public register of protected GI products."""
    form = ProductSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        province = form.cleaned_data["province"]
        filters = {
            "query": form.cleaned_data["q"],
            "province_code": province.code if province else "",
            "category": form.cleaned_data["category"],
            "status": form.cleaned_data["status"],
        }
    page = Paginator(products_public(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/home.html", {"form": form, "page": page})


@login_not_required
@require_GET
def product_detail(request: HttpRequest, token: str) -> HttpResponse:
    """One register entry: its area, standard, announcements, history and authorised users."""
    product = product_public(token)
    if product is None:
        raise Http404
    users = Paginator(authorised_users_public(product=product), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "product": product,
        "area": product.protected_area.order_by("code"),
        "announcements": product_announcements_public(product),
        "history": product_public_history(product),
        "agreement_entries": entries_of_product(product),
        "page": users,
        "brand_result": latest_published_result(product),
        # Staff reach the product's case page (revocation, amendments) from its register entry.
        "staff_url": reverse("applications:product", args=[product.pk]) if is_staff_member(request.user) else "",
    }
    return render(request, "register/product.html", context)


@login_not_required
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code's target: may this enterprise use the GI mark on this product today?

    An unknown token says "not found" and nothing else.
    """
    answer = verification_answer(token)
    response = render(
        request,
        "register/verify.html",
        {"answer": answer, "declaration": answer.declaration},
        status=404 if answer.verdict == Verdict.NOT_FOUND else 200,
    )
    # Always current: the answer changes the moment a declaration is revoked.
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
def supervision_results(request: HttpRequest) -> HttpResponse:
    """一公开: each drawn campaign, the enterprises checked and the outcome; never the inspectors."""
    campaigns = campaigns_published().prefetch_related(
        "checks__declaration__enterprise", "checks__declaration__product"
    )
    page = Paginator(campaigns, 10).get_page(request.GET.get("page"))
    return render(request, "register/supervision.html", {"page": page})


@login_not_required
@require_GET
def brands(request: HttpRequest) -> HttpResponse:
    """The published brand top 50 of a year (the latest by default), searchable by name or pinyin."""
    years = published_years()
    form = BrandSearchForm(request.GET or None, years=years)
    year, query = (years[0] if years else None), ""
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        query = form.cleaned_data["q"]
    results = published_results(year=year, query=query) if year is not None else published_results().none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/brands.html", {"form": form, "page": page, "year": year})


@login_not_required
def authorised_users(request: HttpRequest) -> HttpResponse:
    """The public list of enterprises that may use the GI special mark, by self-declaration."""
    form = AuthorisedUserSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        province = form.cleaned_data["province"]
        filters = {
            "query": form.cleaned_data["q"],
            "product_query": form.cleaned_data["product"],
            "province_code": province.code if province else "",
        }
    page = Paginator(authorised_users_public(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/authorised_users.html", {"form": form, "page": page})


@login_not_required
def revocations(request: HttpRequest) -> HttpResponse:
    """Published revocations of the right to use the mark, with the date and the reason."""
    page = Paginator(revocations_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/revocations.html", {"page": page})


@login_not_required
@require_GET
def audit_anchors(request: HttpRequest) -> HttpResponse:
    """审计链锚点: the audit chain's head as published each day (ADR 0043), for anyone to keep."""
    page = Paginator(anchors_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/audit_anchors.html", {"page": page})


@login_not_required
def announcements(request: HttpRequest) -> HttpResponse:
    """Announcements of protection applications: acceptance, preliminary recognition, approval."""
    page = Paginator(announcements_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/announcements.html", {"page": page, "rows": announcement_rows(page)})


@login_not_required
@require_GET
def announcement_pdf(request: HttpRequest, pk: int) -> FileResponse:
    document = announcement_public(pk)
    if document is None:
        raise Http404
    return public_file_response(document.file, filename=f"{document.number}.pdf", content_type="application/pdf")


@login_not_required
@require_http_methods(["GET", "POST"])
def objection_new(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone may object to an announced application while its window is open."""
    application = application_open_to_objections(token)
    if application is None:
        raise Http404
    form = ObjectionForm(request.POST or None, request.FILES or None, staging=FileStaging(request.session))
    window = objection_window_state(application)
    context = {"application": application, "form": form, "window": window}
    if request.method == "POST" and not objection_allowed(client_address(request)):
        form.add_error(None, _("Too many objections were sent from your network address. Please try again in an hour."))
        return render(request, "register/objection_new.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            objection = file_objection(
                application=application,
                evidence=data.pop("evidence"),
                actor=request.user if request.user.is_authenticated else None,
                **data,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            form.release_staged_files()
            return render(request, "register/objection_received.html", {"objection": objection})
    return render(request, "register/objection_new.html", context)


@login_not_required
@require_GET
def agreement_names(request: HttpRequest) -> HttpResponse:
    """中欧地理标志协定: the names each side protects, by annex and batch, searchable by pinyin."""
    form = EntrySearchForm(request.GET or None)
    filters = {"query": form.cleaned_data["q"], "annex": form.cleaned_data["annex"]} if form.is_valid() else {}
    page = Paginator(entries_public(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/agreement.html", {"form": form, "page": page})


@login_not_required
@require_http_methods(["GET", "POST"])
def agreement_objection(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone may object to a second-batch name while it is published for objections."""
    entry = entry_open_to_objections(token)
    if entry is None:
        raise Http404
    form = AgreementObjectionForm(request.POST or None)
    context = {"entry": entry, "form": form, "open": window_is_open(entry)}
    if request.method == "POST" and not objection_allowed(client_address(request)):
        form.add_error(None, _("Too many objections were sent from your network address. Please try again in an hour."))
        return render(request, "register/agreement_objection.html", context, status=429)
    if request.method == "POST" and context["open"] and form.is_valid():
        try:
            file_agreement_objection(
                actor=request.user if request.user.is_authenticated else None, entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return render(request, "register/agreement_objection_received.html", {"entry": entry})
    return render(request, "register/agreement_objection.html", context, status=400 if form.errors else 200)


@login_not_required
def report(request: HttpRequest) -> HttpResponse:
    """投诉举报: anyone reports a counterfeit or misuse; it arrives at the bureau as a clue to verify."""
    form = ComplaintForm(request.POST or None, request.FILES or None, staging=FileStaging(request.session))
    if request.method == "POST":
        if not complaint_allowed(client_address(request)):
            form.add_error(
                None,
                _("Too many reports were sent from your network address. Please try again in an hour."),
            )
            return render(request, "register/report.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = open_case(
                    actor=None,
                    source=EnforcementCase.Source.COMPLAINT,
                    violation_type=data["violation_type"],
                    bureau=bureau_of(data["region"]),
                    summary=data["grounds"],
                    products=[data["product"]] if data["product"] else [],
                    party_description=data["party"],
                    complainant_name=data["name"],
                    complainant_contact=data["contact"],
                    evidence=form.evidence_files(),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                form.release_staged_files()
                context = {"number": case.number, "tracking_number": case.tracking_number, "contact": data["contact"]}
                return render(request, "register/report_done.html", context)
    return render(request, "register/report.html", {"form": form}, status=400 if form.errors else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """办件查询: the tracking number and the contact given with it show where an objection or a
    report stands. A wrong number, a wrong contact or input of no shape all get the same answer."""
    form = TrackingForm(request.POST or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if not lookup_allowed(client_address(request)):
            context = {
                "form": TrackingForm(),
                "refusal": _("Too many lookups from your network address. Please try again in an hour."),
            }
            status = 429
        else:
            progress = public_progress(**form.cleaned_data) if form.is_valid() else None
            if progress is not None:
                response = render(request, "register/track_result.html", {"progress": progress})
                response["Cache-Control"] = "no-store"
                return response
            # What was typed stays when it had a shape; nothing of input that had none.
            context = {
                "form": form if form.is_valid() else TrackingForm(),
                "refusal": _("No objection or report matches this tracking number and contact."),
            }
    response = render(request, "register/track.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
