from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from accounts.forms import AdminLoginForm, LoginForm
from workflows.site import site

# The admin's own login page is throttled like the main one.
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include("register.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    # POST only (Django's LogoutView refuses GET): a link or an image cannot sign anyone out.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/landing/", account_views.landing, name="landing"),
    path("language/", account_views.set_language, name="set_language"),
    path("regions/", include("organizations.urls")),
    path("work/", include("workflows.my_work.urls")),
    path("portal/", include("cases.portal_urls")),
    path("portal/declarations/", include("workflows.declarations.portal_urls")),
    path("portal/applications/", include("workflows.applications.portal_urls")),
    path("applications/", include("workflows.applications.staff_urls")),
    path("supervision/", include("workflows.supervision.urls")),
    path("enforcement/", include("workflows.enforcement.urls")),
    path("cases/", include("workflows.case_search.urls")),
    path("team/", include("workflows.team.urls")),
    path("register-import/", include("workflows.register_import.urls")),
    path("archives/", include("workflows.products.urls")),
    path("reports/", include("reports.urls")),
    path("marks/", include("marks.urls")),
    path("agreement/", include("agreement.urls")),
    path("promotion/", include("promotion.urls")),
    path("zones/", include("zones.urls")),
    path("brands/", include("brands.urls")),
    path("rural/", include("rural.urls")),
    path("notifications/", include("notifications.urls")),
    path("documents/", include("documents.urls")),
    path("files/", include("cases.file_urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("staff/", site.urls),
]
