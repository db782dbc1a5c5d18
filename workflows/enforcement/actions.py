"""The one door for a change of state of an enforcement case (docs/domain.md §4).

Pages, the API, the demo, the register's public report and the supervision flow's referral call
these functions, never cases.enforcement.services nor a node's .run(). Each runs in one
transaction. The `decide_*` functions are the task decisions the task views name (shared with the
API, workflows.task_actions): they get the task's activation and call one service; the flow's
switches then route on the case itself.
"""

from django.db import transaction

from accounts.models import User
from accounts.types import Actor
from cases.enforcement import services
from cases.models import EnforcementCase
from deadlines.calendar import WorkingCalendar

from ..task_views import service_decision


def _flow():
    # flows.py imports the task views, which name the decisions below: import it when called.
    from .flows import EnforcementCaseFlow

    return EnforcementCaseFlow


def case_of(activation) -> EnforcementCase:
    return case_of_process(activation.process)


def case_of_process(process) -> EnforcementCase:
    return EnforcementCase.objects.select_related("bureau", "region").get(pk=process.artifact_object_id)


# ---------------------------------------------------------------- opening a case


@transaction.atomic
def open_case(**fields) -> EnforcementCase:
    """Receive a clue and start its process in the same transaction."""
    case = services.case_receive(**fields)
    _flow().start.run(case=case)
    return case


@transaction.atomic
def open_case_from_referral(*, actor: Actor, check) -> EnforcementCase:
    """Idempotent: a check referred twice (or re-sent by the worker) opens one case."""
    case, created = services.case_from_supervision_referral(actor=actor, check=check)
    if created:
        _flow().start.run(case=case)
    return case


# ---------------------------------------------------------------- the case page's actions


@transaction.atomic
def add_evidence(*, actor: User, case: EnforcementCase, kind, description, second_officer, uploaded_file=None):
    return services.case_add_evidence(
        actor=actor,
        case=case,
        kind=kind,
        description=description,
        second_officer=second_officer,
        uploaded_file=uploaded_file,
    )


@transaction.atomic
def pause_clock(*, actor: User, case: EnforcementCase, reason: str, comment: str = "") -> EnforcementCase:
    return services.case_pause_clock(actor=actor, case=case, reason=reason, comment=comment)


@transaction.atomic
def resume_clock(*, actor: User, case: EnforcementCase, comment: str = "") -> EnforcementCase:
    return services.case_resume_clock(actor=actor, case=case, comment=comment)


@transaction.atomic
def extend_clock(*, actor: User, case: EnforcementCase, days: int, reason: str, participants: str = ""):
    return services.case_extend_clock(actor=actor, case=case, days=days, reason=reason, participants=participants)


@transaction.atomic
def extend_verification(*, actor: User, case: EnforcementCase, reason: str) -> EnforcementCase:
    return services.case_extend_verification(actor=actor, case=case, reason=reason)


# ---------------------------------------------------------------- task decisions (with the activation)


def _calls(service):
    return transaction.atomic(service_decision(service, case=case_of))


decide_verify = _calls(services.case_verify)
decide_resume = _calls(services.case_resume)
decide_review = _calls(services.case_review)
decide_lead_approval = _calls(services.case_lead_approve)
decide_serve_notice = _calls(services.case_serve_notice)
decide_defence = _calls(services.case_record_defence)
decide_hearing = _calls(services.case_hold_hearing)
decide_recheck = _calls(services.case_recheck)
decide_case = _calls(services.case_decide)
decide_serve_decision = _calls(services.case_serve_decision)
decide_execution = _calls(services.case_record_execution)
decide_close = _calls(services.case_close)


@transaction.atomic
def decide_filing(*, actor: User, activation, data: dict) -> None:
    services.case_decide_filing(
        actor=actor,
        case=case_of(activation),
        decision=data["decision"],
        reason=data["reason"],
        officers=list(data["officers"]),
        is_major=data["is_major"],
        transfer_to=data["transfer_to"],
    )


@transaction.atomic
def decide_investigation(*, actor: User, activation, data: dict) -> None:
    """A report goes to review; a proposed suspension or termination, kept on the case, to the lead."""
    services.case_investigate(actor=actor, case=case_of(activation), **data)


@transaction.atomic
def decide_interruption(*, actor: User, activation, data: dict) -> None:
    """The lead answers the suspension or termination the case says was proposed."""
    services.case_decide_interruption(
        actor=actor, case=case_of(activation), approve=data["approve"], comment=data["comment"]
    )


@transaction.atomic
def decide_archive(*, actor: User, activation, data: dict) -> None:
    # The form's confirmation is the decision; the service needs nothing from it.
    services.case_archive(actor=actor, case=case_of(activation))


# The calendar's side -------------------------------------------------------------------------


@transaction.atomic
def recompute_payment_dues(*, actor: Actor, calendar: WorkingCalendar) -> int:
    """A year's official schedule was entered: every unpaid fine whose payment date was provisional."""
    unpaid = EnforcementCase.objects.filter(
        status=EnforcementCase.Status.EXECUTION, payment_due_provisional=True
    ).order_by("pk")
    return sum(services.case_recompute_payment_due(actor=actor, case=case, calendar=calendar) for case in unpaid)
