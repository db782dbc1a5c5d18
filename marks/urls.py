from django.urls import path

from . import views

app_name = "marks"

urlpatterns = [
    path("", views.index, name="index"),
    path("printings/new/", views.printing_new, name="printing_new"),
    path("issues/new/", views.issue_new, name="issue_new"),
    path("usage/", views.usage, name="usage"),
    path("usage/reports/", views.usage_behind, name="usage_reports"),
    path("usage/dues/", views.dues, name="dues"),
]
