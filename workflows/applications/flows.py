"""A product protection application from submission to the register (docs/domain.md §2).

The application's status decides where the process goes: every task ends in one Switch
that maps the new status to the next task, so the two can never disagree and both
regimes (2005 and 2023) share one graph.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from cases.applications.selectors import application_staff_history, applications_visible_to
from cases.applications.services import (
    application_close_objection_window,
    application_resubmit,
    application_submit,
    national_department,
    provincial_bureau,
)
from cases.common.history import StaffHistory
from cases.models import Application
from deadlines.services import deadline_start

from ..base import TerroirFlow
from ..case_header import CaseHeader, party_of
from ..next_step import awaiting_enterprise
from . import views

Status = Application.Status


def _application(process) -> Application:
    # Read fresh: the services lock and re-read the row, so process.artifact may be stale.
    return Application.objects.select_related("province", "rejection_department").get(pk=process.artifact_object_id)


def _status_is(*statuses):
    return lambda activation: _application(activation.process).status in statuses


def _province(process):
    return provincial_bureau(_application(process))


def _kjs(process):
    return national_department("KJS")


def _fgs(process):
    return national_department("FGS")


def window_end_moment(closes: datetime.date) -> datetime.datetime:
    """The timer fires at the start of the day after the last day of the objection window."""
    return timezone.make_aware(datetime.datetime.combine(closes + datetime.timedelta(days=1), datetime.time.min))


def _window_ends(activation) -> datetime.datetime:
    application = _application(activation.process)
    closes = application.objection_window_closes
    if closes is None:
        raise ValueError(f"{application.reference}: the objection window has no closing date")  # set on opening
    return window_end_moment(closes)


class ApplicationFlow(TerroirFlow):
    process_title = _("Protection application")
    case_search_kind = "application"
    case_url_name = "applications:detail"
    process_summary_template = "{{ process.data.reference }} {{ process.data.product }} · {{ process.data.applicant }}"

    def visible_artifacts(self, user):
        # The bureaus of the province and national bodies, and the experts convened on it.
        return applications_visible_to(user, with_reviews=True)

    def case_header(self, process) -> CaseHeader:
        application = Application.objects.select_related("applicant", "province").get(pk=process.artifact_object_id)
        return CaseHeader(
            kind=self.process_title,
            reference=application.reference or "—",
            status=application.get_status_display(),
            party=party_of(application.applicant.name),
            bureau=provincial_bureau(application),
            url=reverse("applications:detail", args=[application.pk]),
            product=application.product_name,
        )

    start = flow.StartHandle(this.submit).Next(this.preliminary_examination)

    preliminary_examination = (
        flow.View(views.PreliminaryExaminationView.as_view())
        .Annotation(title=_("Preliminary examination"))
        .Permission("organizations.work_as_staff", obj=_province)
        .onCreate(this.start_preliminary_clock)
        .Next(this.route)
    )

    await_supplement = awaiting_enterprise(
        flow.Handle(this.receive_supplement).Annotation(title=_("Supplement by the applicant")).Next(this.route),
        lambda process: _application(process).applicant,
    )

    formal_examination = (
        flow.View(views.FormalExaminationView.as_view())
        .Annotation(title=_("Formal examination"))
        .Permission("organizations.work_as_staff", obj=_kjs)
        .onCreate(this.start_formal_clock)
        .Next(this.route)
    )

    approve_announcement = (
        flow.View(views.AnnouncementDecisionView.as_view())
        .Annotation(title=_("Approve the announcement"))
        .Permission("organizations.work_as_lead", obj=_kjs)
        .Next(this.route)
    )

    objection_window = (
        flow.Timer(_window_ends).Annotation(title=_("Objection window")).Next(this.close_objection_window)
    )

    close_objection_window = (
        flow.Function(this.close_window).Annotation(title=_("Close the objection window")).Next(this.route)
    )

    handle_objections = (
        flow.View(views.ObjectionConclusionView.as_view())
        .Annotation(title=_("Handle the objections"))
        .Permission("organizations.work_as_staff", obj=_fgs)
        .Next(this.route)
    )

    convene_review = (
        flow.View(views.ConveneReviewView.as_view())
        .Annotation(title=_("Convene the technical review"))
        .Permission("organizations.work_as_staff", obj=_kjs)
        .Next(this.conclude_review)
    )

    conclude_review = (
        flow.View(views.ReviewConclusionView.as_view())
        .Annotation(title=_("Record the review's conclusion"))
        .Assign(lambda activation: _application(activation.process).review_chair)
        .Next(this.route)
    )

    approve_protection = (
        flow.View(views.ApprovalDecisionView.as_view())
        .Annotation(title=_("Approve protection"))
        .Permission("organizations.work_as_lead", obj=_kjs)
        .Next(this.route)
    )

    decide_rejection = (
        flow.View(views.RejectionDecisionView.as_view())
        .Annotation(title=_("Decide on the proposed rejection"))
        .Permission("organizations.work_as_lead", obj=lambda process: _application(process).rejection_department)
        .Next(this.route)
    )

    route = (
        flow.Switch()
        .Case(this.preliminary_examination, _status_is(Status.PRELIMINARY_EXAMINATION))
        .Case(this.await_supplement, _status_is(Status.SUPPLEMENT_REQUESTED, Status.DEFECT_NOTICE))
        .Case(this.formal_examination, _status_is(Status.FORMAL_EXAMINATION))
        .Case(this.approve_announcement, _status_is(Status.ANNOUNCEMENT_PENDING))
        .Case(this.objection_window, _status_is(Status.OBJECTION_WINDOW))
        .Case(this.handle_objections, _status_is(Status.OBJECTION_HANDLING))
        .Case(this.convene_review, _status_is(Status.TECHNICAL_REVIEW))
        .Case(this.approve_protection, _status_is(Status.APPROVAL_PENDING))
        .Case(this.decide_rejection, _status_is(Status.REJECTION_PROPOSED))
        .Default(this.end)
    )

    end = flow.End()

    def submit(self, activation, *, actor: User, application):
        application = application_submit(actor=actor, application=application)
        activation.process.artifact = application
        activation.process.data = {
            "reference": application.reference,
            "product": application.product_name,
            "applicant": application.applicant.name,
        }
        return application

    def receive_supplement(self, activation, *, actor: User, comment):
        return application_resubmit(actor=actor, application=_application(activation.process), comment=comment)

    def close_window(self, activation):
        application_close_objection_window(actor=None, application=_application(activation.process))

    def _clock(self, activation, rule_code, department, **kwargs):
        deadline_start(
            actor=None,
            rule_code=rule_code,
            target=_application(activation.process),
            task=activation.task,
            department=department,
            **kwargs,
        )

    def start_preliminary_clock(self, activation):
        self._clock(activation, "application.preliminary_examination", _province(activation.process))

    def start_formal_clock(self, activation):
        self._clock(activation, "application.formal_examination", _kjs(activation.process))

    def case_history(self, artifact, *, everything: bool = False) -> StaffHistory:
        """The file's history with its objections' steps, each named by the objection's state."""
        return application_staff_history(artifact, everything=everything)
