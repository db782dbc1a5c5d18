from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from workflows.site import site

urlpatterns = [
    path("", include("register.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/landing/", account_views.landing, name="landing"),
    path("language/", account_views.set_language, name="set_language"),
    path("portal/", include("cases.portal_urls")),
    path("portal/declarations/", include("workflows.declarations.portal_urls")),
    path("supervision/", include("workflows.supervision.urls")),
    path("enforcement/", include("workflows.enforcement.urls")),
    path("notifications/", include("notifications.urls")),
    path("documents/", include("documents.urls")),
    path("admin/", admin.site.urls),
    path("staff/", site.urls),
]
