"""The one door for every change of a protection application and of its objections.

Pages, the API, the demo and the commands call these; the task pages call the decide_* functions
with their activation (viewflow holds the task's lock). Each runs in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from accounts.types import Actor
from cases.applications import services
from cases.applications.choices import CONTENT_FIELDS
from cases.applications.services import ensure_draft  # noqa: F401  (the edit page's refusal, before the form)
from cases.models import Application, ApplicationAttachment, ExpertOpinion, Objection, Purpose
from cases.objections import services as objection_services
from deadlines.calendar import WorkingCalendar

from ..processes import cancel_open_process, open_task_at
from ..task_views import service_decision


def _flow():
    # flows → views → actions: the flow class is read when an action runs, not at import.
    from .flows import ApplicationFlow

    return ApplicationFlow


def application_of(activation) -> Application:
    return Application.objects.select_related("applicant", "province").get(pk=activation.process.artifact_object_id)


# The applicant's side ----------------------------------------------------------------------


@transaction.atomic
def draft(*, actor: User, data: dict, files: dict) -> Application:
    """The draft and its documents in one transaction: a refused file leaves no draft and no
    stored file behind."""
    stored = []
    try:
        with transaction.atomic():
            application = services.application_create_draft(
                actor=actor,
                applicant=data["applicant"],
                province=data["province"],
                proposed_area=data["proposed_area"],
                purpose=data.get("purpose") or Purpose.PROTECTION,
                amends=data.get("amends"),
                **{field: data[field] for field in CONTENT_FIELDS},
            )
            for kind, uploaded in files.items():
                stored.append(
                    services.application_attach(actor=actor, application=application, kind=kind, uploaded_file=uploaded)
                )
            return application
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


@transaction.atomic
def edit(*, actor: User, application: Application, data: dict, files: dict) -> Application:
    """The reopened draft's changes, its documents included."""
    return services.application_edit_draft(
        actor=actor,
        application=application,
        province=data["province"],
        proposed_area=data["proposed_area"],
        purpose=data.get("purpose") or Purpose.PROTECTION,
        amends=data.get("amends"),
        files=files,
        **{field: data[field] for field in CONTENT_FIELDS},
    )


@transaction.atomic
def attach(*, actor: User, application: Application, kind: str, uploaded_file) -> ApplicationAttachment:
    """One more document on a draft, or on an application in the applicant's hands."""
    return services.application_attach(actor=actor, application=application, kind=kind, uploaded_file=uploaded_file)


@transaction.atomic
def submit(*, actor: User, application: Application) -> Application:
    """Submit the draft and open the provincial bureau's examination."""
    return _flow().start.run(actor=actor, application=application)


@transaction.atomic
def resubmit(*, actor: User, application: Application, comment: str, files=()) -> Application:
    """The supplement (or the answer to a defect notice) with its files, back to the province."""
    flow_class = _flow()
    task = open_task_at(flow_class, application, flow_class.await_supplement)
    if task is None:
        raise ValidationError(_("No supplement was asked for."))
    for uploaded in files:
        services.application_attach(actor=actor, application=application, kind="supplement", uploaded_file=uploaded)
    return flow_class.await_supplement.run(task, actor=actor, comment=comment)


@transaction.atomic
def withdraw(*, actor: User, application: Application, reason: str) -> Application:
    """Withdraw, and cancel whatever the departments still had to do on it."""
    application = services.application_withdraw(actor=actor, application=application, reason=reason)
    cancel_open_process(
        _flow(),
        application,
        busy_message=_("A department is working on this application right now; try again shortly."),
    )
    return application


# The departments' tasks (decide_<task>(*, actor, activation, data), shared with the API) --------


def _decision(service):
    return transaction.atomic(service_decision(service, application=application_of))


decide_preliminary_examination = _decision(services.application_examine_preliminary)
decide_formal_examination = _decision(services.application_examine_formal)
decide_announcement = _decision(services.application_decide_announcement)
decide_rejection = _decision(services.application_decide_rejection)
decide_objections = _decision(services.application_conclude_objections)
decide_review_conclusion = _decision(services.application_conclude_review)
decide_approval = _decision(services.application_decide_approval)


@transaction.atomic
def decide_convene_review(*, actor: User, activation, data: dict) -> None:
    services.application_convene_review(
        actor=actor, application=application_of(activation), experts=list(data["experts"]), chair=data["chair"]
    )


@transaction.atomic
def give_expert_opinion(*, actor: User, opinion: ExpertOpinion, text: str, vote: str) -> ExpertOpinion:
    """A convened expert's opinion and vote in the current review."""
    return services.expert_opinion_submit(actor=actor, opinion=opinion, text=text, vote=vote)


# Objections ---------------------------------------------------------------------------------


@transaction.atomic
def file_objection(
    *,
    application: Application,
    objector_name: str,
    objector_id_code: str,
    contact: str,
    grounds: str,
    evidence=(),
    actor: Actor = None,
) -> Objection:
    """Anyone objects while the window is open (actor None: a visitor without an account)."""
    return objection_services.objection_file(
        application=application,
        objector_name=objector_name,
        objector_id_code=objector_id_code,
        contact=contact,
        grounds=grounds,
        evidence=evidence,
        actor=actor,
    )


@transaction.atomic
def decide_objection_admissibility(
    *, actor: User, objection: Objection, admissible: bool, reason: str = ""
) -> Objection:
    return objection_services.objection_decide_admissibility(
        actor=actor, objection=objection, admissible=admissible, reason=reason
    )


@transaction.atomic
def reply_to_objection(*, actor: User, objection: Objection, reply: str) -> Objection:
    return objection_services.objection_reply(actor=actor, objection=objection, reply=reply)


@transaction.atomic
def decide_objection(*, actor: User, objection: Objection, sustain: bool, reason: str) -> Objection:
    return objection_services.objection_decide(actor=actor, objection=objection, sustain=sustain, reason=reason)


# The calendar's side -------------------------------------------------------------------------


@transaction.atomic
def recompute_objection_windows(*, actor: Actor, calendar: WorkingCalendar) -> int:
    """A year's official schedule was entered: every open window whose closing date was provisional
    is recomputed (audited, the applicant told when it moves) and its flow timer rescheduled."""
    flow_class = _flow()
    from .flows import window_end_moment

    moved = 0
    open_windows = Application.objects.filter(
        status=Application.Status.OBJECTION_WINDOW, objection_window_provisional=True
    ).order_by("pk")
    for application in open_windows:
        if services.application_recompute_objection_window(actor=actor, application=application, calendar=calendar):
            moved += 1
            closes = Application.objects.values_list("objection_window_closes", flat=True).get(pk=application.pk)
            Task.objects.select_for_update().filter(
                process__flow_class=flow_class,
                process__artifact_object_id=application.pk,
                flow_task=flow_class.objection_window,
                status=STATUS.SCHEDULED,
            ).update(scheduled=window_end_moment(closes))
    return moved
