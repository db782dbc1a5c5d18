"""The only door for a change of a self-declaration (and of its usage reports).

Pages (the producer portal, the task pages), the API, the demo and commands call these; none
calls a service of cases.declarations or cases.usage_reports, or runs a flow node, itself.

Each action is one transaction. An action that calls one service is that service's transaction
(no second savepoint nested for nothing: the statements of a task's completion are pinned by
tests); one that combines steps opens its own. The task pages' decisions (decide_*)
take the task's activation, as the API's task completion does (workflows.task_actions).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases.declarations.services import (
    declaration_attach,
    declaration_check_in_process,
    declaration_create_draft,
    declaration_decide_suspension,
    declaration_withdraw,
)
from cases.models import Declaration, DeclarationAttachment, UsageReport
from cases.usage_reports.services import usage_report_submit

from ..processes import cancel_open_process, open_task_at
from . import flows

FILE_KINDS = ("business_licence", "inspection_report", "label_proof")


def create_draft(*, actor: User, **data) -> Declaration:
    """A draft, for the producer to attach its documents to before declaring."""
    return declaration_create_draft(actor=actor, **data)


def attach(*, actor: User, declaration: Declaration, kind: str, uploaded_file) -> DeclarationAttachment:
    return declaration_attach(actor=actor, declaration=declaration, kind=kind, uploaded_file=uploaded_file)


def declare(*, actor: User, data: dict) -> Declaration:
    """Draft, evidence and publication in one transaction: any refusal leaves nothing behind,
    neither rows nor the files already written to storage."""
    if not data.get("commitment_accepted"):
        raise ValidationError({"commitment_accepted": _("You must accept the commitment statement to declare.")})
    stored: list[DeclarationAttachment] = []
    try:
        with transaction.atomic():
            return _declare(actor=actor, data=data, stored=stored)
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def _declare(*, actor: User, data: dict, stored: list[DeclarationAttachment]) -> Declaration:
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
def publish(*, actor: User, declaration: Declaration, commitment_accepted: bool) -> Declaration:
    """Publish a prepared draft and open the bureau's in-process check: the declaration and
    its process start together or not at all."""
    return flows.DeclarationFlow.start.run(
        actor=actor, declaration=declaration, commitment_accepted=commitment_accepted
    )


@transaction.atomic
def resubmit(*, actor: User, declaration: Declaration, comment: str, correction=None) -> Declaration:
    """The producer's correction, with the corrected document if one is sent: the bureau checks again."""
    task = open_task_at(flows.DeclarationFlow, declaration, flows.DeclarationFlow.await_correction)
    if task is None:
        raise ValidationError(_("No correction was asked for."))
    if correction:
        declaration_attach(actor=actor, declaration=declaration, kind="correction", uploaded_file=correction)
    return flows.DeclarationFlow.await_correction.run(task, actor=actor, comment=comment)


@transaction.atomic
def withdraw(*, actor: User, declaration: Declaration, reason: str) -> Declaration:
    """Withdraw, and cancel whatever the bureau still had to do on it: the only way to withdraw
    (the service alone would leave the bureau's process open)."""
    declaration = declaration_withdraw(actor=actor, declaration=declaration, reason=reason)
    cancel_open_process(
        flows.DeclarationFlow,
        declaration,
        busy_message=_("The bureau is working on this declaration right now; try again shortly."),
    )
    return declaration


def submit_usage_report(
    *,
    actor: User,
    declaration: Declaration,
    year: int,
    output_quantity: Decimal,
    marked_quantity: Decimal,
    labels_printed: int,
    sales_value: Decimal | None = None,
    changes: str = "",
) -> UsageReport:
    """The producer's annual report on the use of the mark under the declaration."""
    return usage_report_submit(
        actor=actor,
        declaration=declaration,
        year=year,
        output_quantity=output_quantity,
        marked_quantity=marked_quantity,
        labels_printed=labels_printed,
        sales_value=sales_value,
        changes=changes,
    )


# The task pages' decisions; the page (or the API) then completes the task.


def decide_in_process_check(*, actor: User, activation, data: dict) -> None:
    """The check's outcome. The service notes a proposed suspension on the declaration, where
    the flow's switch reads it."""
    # The service locks and re-reads the declaration by its id: loading process.artifact first
    # would cost a query for a copy that is thrown away.
    declaration = declaration_check_in_process(
        actor=actor,
        declaration=Declaration(pk=activation.process.artifact_object_id),
        outcome=data["outcome"],
        comment=data["comment"],
    )
    flows.remember_routing(activation.process, declaration)  # the switch next needs no re-read


def decide_suspension(*, actor: User, activation, data: dict) -> None:
    """The lead's decision on the proposed suspension."""
    declaration_decide_suspension(actor=actor, declaration=activation.process.artifact, **data)
