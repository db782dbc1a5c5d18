from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("levels/", views.region_levels, name="region_levels"),
    path("search/", views.region_search, name="region_search"),
]
