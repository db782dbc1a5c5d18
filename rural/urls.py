from django.urls import path

from cases.views.files import VISIBLE_FILES, file_view

from . import views
from .selectors import materials_visible_to

app_name = "rural"

# A measure's or a project's files are served as every case's: for whoever sees their record.
VISIBLE_FILES.setdefault("rural_material", materials_visible_to)

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("measures/", views.measure_list, name="measures"),
    path("measures/new/", views.measure_new, name="measure_new"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("effects/", views.effect_list, name="effects"),
    path("effects/new/", views.effect_new, name="effect_new"),
    path("designations/", views.designation_list, name="designations"),
    path("materials/<int:pk>/", file_view("rural_material", preview=False), name="material"),
    path("materials/<int:pk>/preview/", file_view("rural_material", preview=True), name="material_preview"),
]
