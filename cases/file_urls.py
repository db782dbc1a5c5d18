from django.urls import path

from .views.files import file_view

app_name = "files"

# Each kind of uploaded file: its download, and its preview (PDF and images shown in a tab; any
# other content is saved like the download).
ROUTES = {
    "declaration-attachments": "declaration_attachment",
    "check-evidence": "check_evidence",
    "enforcement-evidence": "enforcement_evidence",
    "application-attachments": "application_attachment",
    "objection-evidence": "objection_evidence",
}

urlpatterns = [
    route
    for prefix, name in ROUTES.items()
    for route in (
        path(f"{prefix}/<int:pk>/", file_view(name, preview=False), name=name),
        path(f"{prefix}/<int:pk>/preview/", file_view(name, preview=True), name=f"{name}_preview"),
    )
]
