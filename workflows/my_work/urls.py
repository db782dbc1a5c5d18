from django.urls import path

from . import pages

app_name = "my_work"

urlpatterns = [
    path("", pages.my_work, name="list"),
    path("tasks/<int:task_pk>/claim/", pages.claim, name="claim"),
]
