from django.urls import path

from . import views

app_name = "agreement"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("upload/", views.list_upload, name="upload"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/publish/", views.entry_publish, name="publish"),
]
