from django.urls import path

from . import views

app_name = "promotion"

urlpatterns = [
    path("", views.publicity, name="publicity"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("media/new/", views.media_new, name="media_new"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/document/", views.plan_document, name="plan_document"),
    path("site/", views.site_pages, name="site_pages"),
    path("site/new/", views.site_page_new, name="site_page_new"),
    path("site/<int:pk>/", views.site_page, name="site_page"),
    path("site/<int:pk>/edit/", views.site_page_edit, name="site_page_edit"),
]
