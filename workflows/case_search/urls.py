from django.urls import path

from . import views

app_name = "case_search"

urlpatterns = [path("", views.case_search, name="index")]
