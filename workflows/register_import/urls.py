from django.urls import path

from . import views

app_name = "register_import"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<str:kind>.<str:extension>", views.template_file, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/import/", views.start_import, name="import"),
    path("<int:pk>/errors.csv", views.error_file, name="error_file"),
]
