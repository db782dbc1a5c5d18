from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("summary/", views.summary, name="summary"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/submit/", views.report_submit_view, name="submit"),
    path("<int:pk>/figures/<slug:code>/", views.figure_detail, name="figure"),
    path("<int:pk>/form.pdf", views.report_pdf, name="pdf"),
    path("<int:pk>/form.csv", views.report_csv, name="csv"),
    path("<int:pk>/form.xlsx", views.report_xlsx, name="xlsx"),
]
