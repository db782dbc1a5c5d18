from django.urls import path

from . import archive_views

app_name = "archives"

urlpatterns = [
    path("", archive_views.archive_list, name="list"),
    path("<int:pk>/", archive_views.archive_detail, name="detail"),
]
