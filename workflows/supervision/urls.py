from django.urls import path

from . import campaign_views

app_name = "supervision"

urlpatterns = [
    path("", campaign_views.campaign_list, name="list"),
    path("new/", campaign_views.campaign_new, name="new"),
    path("<int:pk>/", campaign_views.campaign_detail, name="detail"),
    path("<int:pk>/draw/", campaign_views.campaign_draw, name="draw"),
]
