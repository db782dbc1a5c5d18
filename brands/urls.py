from django.urls import path

from cases.views.files import file_view

from . import views

app_name = "brands"

# The dossier's files are served like every uploaded file (cases.views.files), by the rule of
# brands.selectors.dossier_files_visible_to, registered by this app's ready().
urlpatterns = [
    path("", views.round_list, name="list"),
    path("open/", views.round_open, name="open"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/recommend/", views.recommendation_new, name="recommend"),
    path("dossier/<int:pk>/", file_view("brand_dossier", preview=False), name="dossier_file"),
    path("dossier/<int:pk>/preview/", file_view("brand_dossier", preview=True), name="dossier_file_preview"),
]
