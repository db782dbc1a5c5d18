"""/api/: every route is public to the login middleware (docs/adr/0003); DRF authenticates
(session or token) and each view's permissions decide, answering 401/403 in JSON instead of a
redirect to the login page, which an API client cannot follow."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .base import ID_PATTERN
from .views import (
    agreement,
    auth,
    brands,
    enforcement,
    marks,
    notifications,
    objections,
    portal,
    programme,
    register,
    reports,
    staff,
    supervision,
    team,
    zones,
)
from .views.not_found import NotFoundView

app_name = "api"

router = SimpleRouter()
router.register("register/products", register.ProductViewSet, basename="product")
router.register("register/authorised-users", register.AuthorisedUserViewSet, basename="authorised-user")
router.register("register/announcements", register.AnnouncementViewSet, basename="announcement")
router.register("register/agreement-names", agreement.AgreementEntryViewSet, basename="agreement-name")
router.register("register/zones", zones.ZoneViewSet, basename="zone")
router.register("register/brand-results", brands.BrandResultViewSet, basename="brand-result")
router.register("declarations", portal.DeclarationViewSet, basename="declaration")
router.register("applications", portal.ApplicationViewSet, basename="application")
router.register("staff/applications", staff.StaffApplicationViewSet, basename="staff-application")
router.register("staff/declarations", staff.StaffDeclarationViewSet, basename="staff-declaration")
router.register("staff/enforcement-cases", enforcement.EnforcementCaseViewSet, basename="staff-enforcement-case")
router.register(
    rf"staff/applications/(?P<application_pk>{ID_PATTERN})/objections",
    objections.StaffObjectionViewSet,
    basename="staff-objection",
)
router.register(
    rf"applications/(?P<application_pk>{ID_PATTERN})/objections",
    objections.ApplicantObjectionViewSet,
    basename="applicant-objection",
)
router.register(
    rf"staff/notes/(?P<kind>[a-z]{{1,20}})/(?P<case_pk>{ID_PATTERN})", team.NoteViewSet, basename="staff-note"
)
router.register(
    "staff/rectification-reports", supervision.RectificationReportViewSet, basename="staff-rectification-report"
)
router.register("staff/campaigns", supervision.CampaignViewSet, basename="staff-campaign")
router.register("staff/conflicts", supervision.ConflictViewSet, basename="staff-conflict")
router.register("staff/reports", reports.StatisticsReportViewSet, basename="staff-report")
router.register("staff/agreement-names", agreement.StaffAgreementEntryViewSet, basename="staff-agreement-name")
router.register("staff/zones", zones.StaffZoneViewSet, basename="staff-zone")
router.register("staff/brand-rounds", brands.BrandRoundViewSet, basename="staff-brand-round")
router.register("staff/mark-printings", marks.PrintingViewSet, basename="staff-mark-printing")
router.register("staff/mark-issues", marks.IssueViewSet, basename="staff-mark-issue")
router.register("staff/usage-totals", marks.UsageTotalViewSet, basename="staff-usage-total")
router.register("usage-report-dues", marks.UsageDueViewSet, basename="usage-report-due")
router.register("staff/rural-projects", programme.RuralProjectViewSet, basename="staff-rural-project")
router.register("staff/rural-measures", programme.MeasureViewSet, basename="staff-rural-measure")
router.register("staff/rural-effects", programme.EffectReportViewSet, basename="staff-rural-effect")
router.register("staff/publicity-activities", programme.ActivityViewSet, basename="staff-publicity-activity")
router.register("staff/media-reports", programme.MediaReportViewSet, basename="staff-media-report")
router.register("staff/work-plans", programme.WorkPlanViewSet, basename="staff-work-plan")
router.register("tasks", staff.TaskViewSet, basename="task")
router.register("notifications", notifications.NotificationViewSet, basename="notification")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path(
        "register/verify/<str:token>/",
        register.VerificationView.as_view(),
        name="verify",
    ),
    path(
        "register/objections/<str:token>/",
        objections.ObjectionFilingView.as_view(),
        name="objection-file",
    ),
    *router.urls,
    # Last: any other address (an unknown route, an id that is not digits) is "not found" in JSON.
    re_path(r"^.*$", NotFoundView.as_view(), name="not_found"),
]

for pattern in urlpatterns:
    login_not_required(pattern.callback)
