from django.urls import path

from . import views, zones

app_name = "register"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/<str:token>/", views.product_detail, name="product"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("authorised-users/", views.authorised_users, name="authorised_users"),
    path("revocations/", views.revocations, name="revocations"),
    path("supervision-results/", views.supervision_results, name="supervision"),
    path("announcements/", views.announcements, name="announcements"),
    path("demonstration-zones/", zones.zones, name="zones"),
    path("brand-top-50/", views.brands, name="brands"),
    path("announcements/<int:pk>/pdf/", views.announcement_pdf, name="announcement_pdf"),
    path("objections/<str:token>/", views.objection_new, name="objection_new"),
    path("eu-china-agreement/", views.agreement_names, name="agreement"),
    path("eu-china-agreement/<str:token>/objection/", views.agreement_objection, name="agreement_objection"),
    path("report/", views.report, name="report"),
    path("track/", views.track, name="track"),
    path("audit-anchors/", views.audit_anchors, name="audit_anchors"),
]
