from django.urls import path

from . import portal_views

app_name = "portal_applications"

urlpatterns = [
    path("new/", portal_views.application_new, name="new"),
    path("<int:pk>/", portal_views.application_detail, name="detail"),
    path("<int:pk>/edit/", portal_views.application_edit, name="edit"),
    path("<int:pk>/submit/", portal_views.application_submit, name="submit"),
    path("<int:pk>/resubmit/", portal_views.application_resubmit, name="resubmit"),
    path("<int:pk>/withdraw/", portal_views.application_withdraw, name="withdraw"),
    path("<int:pk>/objections/<int:objection_pk>/reply/", portal_views.objection_reply_view, name="reply"),
]
