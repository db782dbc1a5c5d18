from django.urls import path

from . import views

app_name = "zones"

urlpatterns = [
    path("", views.zone_list, name="list"),
    path("new/", views.zone_new, name="new"),
    path("<int:pk>/", views.zone_detail, name="detail"),
    path("<int:pk>/edit/", views.zone_edit, name="edit"),
    path("<int:pk>/policies/", views.policy_new, name="policy_new"),
    path("<int:pk>/submit/", views.zone_submit, name="submit"),
    path("<int:pk>/annual-report/", views.annual_report_new, name="annual_report"),
    path("<int:pk>/acceptance/", views.acceptance_request, name="acceptance"),
    path("<int:pk>/objections/", views.objection_new, name="objection_new"),
    path("<int:pk>/objections/<int:objection_pk>/", views.objection_decide, name="objection_decide"),
    path("<int:pk>/review/", views.review_new, name="review"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/tours/new/", views.tour_new, name="tour_new"),
    path("rectification/<int:pk>/done/", views.item_done, name="item_done"),
    path("policies/<int:pk>/", views.policy_file, name="policy_file"),
]
