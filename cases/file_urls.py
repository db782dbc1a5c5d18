from django.urls import path

from .views import files

app_name = "files"

urlpatterns = [
    path("declaration-attachments/<int:pk>/", files.declaration_attachment, name="declaration_attachment"),
    path("check-evidence/<int:pk>/", files.check_evidence, name="check_evidence"),
    path("enforcement-evidence/<int:pk>/", files.enforcement_evidence, name="enforcement_evidence"),
    path("application-attachments/<int:pk>/", files.application_attachment, name="application_attachment"),
    path("objection-evidence/<int:pk>/", files.objection_evidence, name="objection_evidence"),
]
