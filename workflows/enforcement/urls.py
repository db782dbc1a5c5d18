from django.urls import path

from . import pages

app_name = "enforcement"

urlpatterns = [
    path("", pages.case_list, name="list"),
    path("new/", pages.case_new, name="new"),
    path("<int:pk>/", pages.case_detail, name="detail"),
    path("<int:pk>/evidence/", pages.evidence_add, name="evidence_add"),
    path("<int:pk>/clock/pause/", pages.clock_pause, name="clock_pause"),
    path("<int:pk>/clock/resume/", pages.clock_resume, name="clock_resume"),
    path("<int:pk>/clock/extend/", pages.clock_extend, name="clock_extend"),
    path("<int:pk>/verification/extend/", pages.verification_extend, name="verification_extend"),
]
