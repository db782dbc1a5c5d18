"""Entry points of the applicant portal that start or advance the application flow."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Application, Purpose
from cases.services.applications import (
    CONTENT_FIELDS,
    application_attach,
    application_create_draft,
    application_edit_draft,
    application_withdraw,
)

from ..processes import cancel_open_process
from .flows import ApplicationFlow


def draft(*, actor, data: dict, files: dict) -> Application:
    """The draft and its documents in one transaction: a refused file leaves no draft and no
    stored file behind."""
    stored = []
    try:
        with transaction.atomic():
            application = application_create_draft(
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
                    application_attach(actor=actor, application=application, kind=kind, uploaded_file=uploaded)
                )
            return application
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def edit(*, actor, application: Application, data: dict, files: dict) -> Application:
    """The reopened draft's changes, its documents included, in the service's one transaction."""
    return application_edit_draft(
        actor=actor,
        application=application,
        province=data["province"],
        proposed_area=data["proposed_area"],
        purpose=data.get("purpose") or Purpose.PROTECTION,
        amends=data.get("amends"),
        files=files,
        **{field: data[field] for field in CONTENT_FIELDS},
    )


def submit(*, actor, application: Application) -> Application:
    """Submit the draft and open the provincial bureau's examination, in one transaction."""
    with transaction.atomic():
        return ApplicationFlow.start.run(actor=actor, application=application)


def _open_supplement_task(application: Application) -> Task | None:
    return (
        Task.objects.filter(
            process__flow_class=ApplicationFlow,
            process__artifact_object_id=application.pk,
            flow_task=ApplicationFlow.await_supplement,
        )
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .first()
    )


@transaction.atomic
def resubmit(*, actor, application: Application, comment: str, files=()) -> Application:
    """The supplement (or the answer to a defect notice) with its files, back to the province."""
    task = _open_supplement_task(application)
    if task is None:
        raise ValidationError(_("No supplement was asked for."))
    for uploaded in files:
        application_attach(actor=actor, application=application, kind="supplement", uploaded_file=uploaded)
    return ApplicationFlow.await_supplement.run(task, actor=actor, comment=comment)


@transaction.atomic
def withdraw(*, actor, application: Application, reason: str) -> Application:
    """Withdraw, and cancel whatever the departments still had to do on it."""
    application = application_withdraw(actor=actor, application=application, reason=reason)
    cancel_open_process(
        ApplicationFlow,
        application,
        busy_message=_("A department is working on this application right now; try again shortly."),
    )
    return application
