from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("", views.home, name="home"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("supervision/", views.supervision_results, name="supervision"),
]
