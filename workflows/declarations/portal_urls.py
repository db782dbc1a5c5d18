from django.urls import path

from . import portal_views

app_name = "portal_declarations"

urlpatterns = [
    path("new/", portal_views.declaration_new, name="new"),
    path("<int:pk>/", portal_views.declaration_detail, name="detail"),
    path("<int:pk>/withdraw/", portal_views.declaration_withdraw, name="withdraw"),
    path("<int:pk>/resubmit/", portal_views.declaration_resubmit, name="resubmit"),
    path("<int:pk>/usage-report/", portal_views.usage_report_new, name="usage_report"),
    path("<int:pk>/rectification/", portal_views.rectification_report_new, name="rectification_report"),
]
