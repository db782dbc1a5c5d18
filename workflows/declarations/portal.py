"""Entry points of the producer portal that start or advance the declaration flow."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Declaration
from cases.services.declarations import declaration_attach, declaration_create_draft, declaration_withdraw

from ..processes import cancel_open_process
from .flows import DeclarationFlow

FILE_KINDS = ("business_licence", "inspection_report", "label_proof")


def declare(*, actor, data: dict) -> Declaration:
    """Draft, evidence and publication in one transaction: any refusal leaves nothing behind,
    neither rows nor the files already written to storage."""
    if not data.get("commitment_accepted"):
        raise ValidationError({"commitment_accepted": _("You must accept the commitment statement to declare.")})
    stored = []
    try:
        with transaction.atomic():
            return _declare(actor=actor, data=data, stored=stored)
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def _declare(*, actor, data: dict, stored: list) -> Declaration:
    declaration = declaration_create_draft(
        actor=actor,
        enterprise=data["enterprise"],
        product=data["product"],
        production_region=data["production_region"],
        production_address=data["production_address"],
        annual_output=data["annual_output"],
        output_unit=data["output_unit"],
        label_text=data["label_text"],
    )
    for kind in FILE_KINDS:
        stored.append(declaration_attach(actor=actor, declaration=declaration, kind=kind, uploaded_file=data[kind]))
    return publish(actor=actor, declaration=declaration, commitment_accepted=data["commitment_accepted"])


@transaction.atomic
def publish(*, actor, declaration: Declaration, commitment_accepted: bool) -> Declaration:
    """Publish a prepared draft and open the bureau's in-process check: the declaration and
    its process start together or not at all."""
    return DeclarationFlow.start.run(actor=actor, declaration=declaration, commitment_accepted=commitment_accepted)


def _open_task(declaration: Declaration, node) -> Task | None:
    return (
        Task.objects.filter(
            process__flow_class=DeclarationFlow,
            process__artifact_object_id=declaration.pk,
            flow_task=node,
        )
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .first()
    )


@transaction.atomic
def resubmit(*, actor, declaration: Declaration, comment: str, correction=None) -> Declaration:
    task = _open_task(declaration, DeclarationFlow.await_correction)
    if task is None:
        raise ValidationError(_("No correction was asked for."))
    if correction:
        declaration_attach(actor=actor, declaration=declaration, kind="correction", uploaded_file=correction)
    return DeclarationFlow.await_correction.run(task, actor=actor, comment=comment)


@transaction.atomic
def withdraw(*, actor, declaration: Declaration, reason: str) -> Declaration:
    """Withdraw, and cancel whatever the bureau still had to do on it."""
    declaration = declaration_withdraw(actor=actor, declaration=declaration, reason=reason)
    cancel_open_process(
        DeclarationFlow,
        declaration,
        busy_message=_("The bureau is working on this declaration right now; try again shortly."),
    )
    return declaration
