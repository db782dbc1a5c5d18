from django.urls import path

from . import staff_views

app_name = "applications"

urlpatterns = [
    path("", staff_views.application_list, name="list"),
    path("<int:pk>/", staff_views.application_detail, name="detail"),
    path(
        "<int:pk>/objections/<int:objection_pk>/admissibility/",
        staff_views.objection_admissibility,
        name="objection_admissibility",
    ),
    path("<int:pk>/objections/<int:objection_pk>/decision/", staff_views.objection_decision, name="objection_decision"),
    path("reviews/", staff_views.review_list, name="reviews"),
    path("products/<int:pk>/", staff_views.product_detail, name="product"),
    path("reviews/<int:opinion_pk>/", staff_views.review_opinion, name="review_opinion"),
]
