from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("", views.home, name="home"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("authorised-users/", views.authorised_users, name="authorised_users"),
    path("revocations/", views.revocations, name="revocations"),
    path("supervision/", views.supervision_results, name="supervision"),
    path("report/", views.report, name="report"),
]
