from django.urls import path

from . import pages

app_name = "team"

urlpatterns = [
    path("tasks/<int:task_pk>/reassign/", pages.task_reassign, name="task_reassign"),
    path("notes/<slug:kind>/<int:pk>/", pages.note_add, name="note_add"),
]
