from django.urls import path

from . import campaign_views, conflict_views

app_name = "supervision"

urlpatterns = [
    path("", campaign_views.campaign_list, name="list"),
    path("new/", campaign_views.campaign_new, name="new"),
    path("<int:pk>/", campaign_views.campaign_detail, name="detail"),
    path("<int:pk>/draw/", campaign_views.campaign_draw, name="draw"),
    path("conflicts/", conflict_views.conflict_list, name="conflicts"),
    path("conflicts/<int:pk>/withdraw/", conflict_views.conflict_withdraw, name="conflict_withdraw"),
]
