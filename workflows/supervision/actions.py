"""The only door for a change of a supervision campaign or check.

Pages (the campaign pages, the check's task pages), the API, the worker and commands call these;
none calls a service of cases.supervision, or runs a flow node, itself. Each action is one
transaction (the worker's job opens each check in its own): an action that calls one service
is that service's transaction; one that combines steps opens its own. The task pages' decisions
(decide_*) take the task's activation, as the API's task completion does (workflows.task_actions).
"""

import logging

from django.db import transaction

from accounts.models import User
from cases.models import ConflictOfInterest, RectificationReport, SupervisionCampaign, SupervisionCheck
from cases.supervision.services import (
    campaign_create,
    campaign_draw,
    check_decide_revocation,
    check_open,
    check_open_for_non_use,
    check_record_result,
    conflict_declare,
    conflict_withdraw,
    rectification_remind,
    rectification_report_submit,
)

from ..enforcement.actions import open_case_from_referral
from . import flows

logger = logging.getLogger("terroir.worker")

RESULT_FIELDS = ("outcome", "document_review", "onsite_visit", "label_check", "sample_test", "findings")


def create_campaign(*, actor: User, **plan) -> SupervisionCampaign:
    """A provincial or 科技司 lead plans a campaign (campaign_create's fields)."""
    return campaign_create(actor=actor, **plan)


def declare_conflict(*, actor: User, **declaration) -> ConflictOfInterest:
    """An inspector (or their bureau's lead for them) declares a conflict of interest with an
    enterprise, a product or a region: the draw skips them and a check it covers is refused to them."""
    return conflict_declare(actor=actor, **declaration)


def withdraw_conflict(*, actor: User, conflict: ConflictOfInterest) -> ConflictOfInterest:
    return conflict_withdraw(actor=actor, conflict=conflict)


def draw_campaign(*, actor: User, campaign, seed: str | None = None) -> list[SupervisionCheck]:
    """Draw and record the result; the worker then opens each check (open_drawn_checks).

    The lead sees the drawn declarations and inspectors at once; each check shows as being
    opened until its process, permissions, clock and notifications exist (ADR 0021).
    """
    return campaign_draw(actor=actor, campaign=campaign, seed=seed)


def open_drawn_checks(batch: int = 200) -> int:
    """Worker job: open each drawn check not yet open, exactly once; return how many were opened.

    One transaction per check, which is claimed with SELECT … FOR UPDATE SKIP LOCKED among
    those not yet open: another worker skips it, and after the commit no longer finds it.
    A check that fails is logged and left for the next run; the others go on.
    """
    to_open = SupervisionCheck.objects.filter(opened_at__isnull=True)
    # A read without a transaction first: an idle worker takes no lock every few seconds.
    if not to_open.exists():
        return 0
    opened = 0
    failed: list[int] = []
    for _attempt in range(batch):
        with transaction.atomic():
            check = (
                to_open.exclude(pk__in=failed)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related(
                    "campaign__organiser",
                    "declaration__enterprise",
                    "declaration__product",
                    "inspector_a",
                    "inspector_b",
                )
                .order_by("pk")
                .first()
            )
            if check is None:
                break
            try:
                with transaction.atomic():
                    check_open(check=check)
                    flows.SupervisionCheckFlow.start.run(check=check)
            except Exception:
                logger.exception("supervision check %s could not be opened; retried next run", check.pk)
                failed.append(check.pk)
                continue
        opened += 1
    return opened


def open_non_use_check(*, declaration, last_use_on) -> SupervisionCheck:
    """The worker's two-year non-use rule (marks.non_use) puts a declaration under check; the
    check is then opened like a drawn one (open_drawn_checks)."""
    return check_open_for_non_use(declaration=declaration, last_use_on=last_use_on)


def report_rectification(*, actor: User, check: SupervisionCheck, text: str, files=()) -> RectificationReport:
    """The producer reports, in the portal, what it rectified before the re-inspection."""
    return rectification_report_submit(actor=actor, check=check, text=text, files=files)


def remind_rectification_reports() -> int:
    """Worker job: remind producers whose rectification is due soon and not yet reported."""
    return rectification_remind()


# The task pages' decisions; the page (or the API) then completes the task.


def check_of(activation) -> SupervisionCheck:
    return SupervisionCheck.objects.select_related("declaration__enterprise", "declaration__product", "campaign").get(
        pk=activation.process.artifact_object_id
    )


@transaction.atomic
def decide_check_result(*, actor: User, activation, data: dict) -> None:
    """The inspection's (or re-inspection's) result, with its evidence file if one was sent."""
    check = check_record_result(
        actor=actor,
        check=check_of(activation),
        **{name: data[name] for name in RESULT_FIELDS},
        refer_to_enforcement=data["refer_to_enforcement"],
        referral_reason=data["referral_reason"],
        evidence=[data["evidence"]] if data["evidence"] else [],
    )
    if check.refer_to_enforcement:
        # The referral arrives at the enforcement bureau as a clue, in this same transaction.
        open_case_from_referral(actor=actor, check=check)


def decide_revocation(*, actor: User, activation, data: dict) -> None:
    """The organiser's lead approves the proposed revocation, or orders rectification instead."""
    check_decide_revocation(actor=actor, check=check_of(activation), **data)
