"""What an enforcement case records and the choices its steps take (docs/domain.md §4).

`EnforcementAction` is the kind's part of the audit registry (audit.actions): each value is the
action exactly as the chain stores it, each label what the case history shows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class EnforcementAction(models.TextChoices):
    RECEIVE = "enforcement.receive", _("Clue received")
    VERIFY = "enforcement.verify", _("Clue verified")
    EXTEND_VERIFICATION = "enforcement.extend_verification", _("Verification period extended")
    FILING_FILE = "enforcement.filing.file", _("Case filed")
    FILING_NOT_FILE = "enforcement.filing.not_file", _("Not filed")
    FILING_TRANSFER = "enforcement.filing.transfer", _("Transferred")
    ASSIGN_OFFICER = "enforcement.assign_officer", _("Officer assigned")
    ADD_EVIDENCE = "enforcement.add_evidence", _("Evidence recorded")
    CLOCK_PAUSE = "enforcement.clock_pause", _("Case clock paused")
    CLOCK_RESUME = "enforcement.clock_resume", _("Case clock resumed")
    EXTEND = "enforcement.extend", _("Case period extended")
    INVESTIGATE_REPORT = "enforcement.investigate.report", _("Investigation report submitted")
    INVESTIGATE_SUSPEND = "enforcement.investigate.suspend", _("Suspension proposed")
    INVESTIGATE_TERMINATE = "enforcement.investigate.terminate", _("Termination proposed")
    SUSPEND_APPROVE = "enforcement.suspend.approve", _("Suspension approved")
    SUSPEND_REJECT = "enforcement.suspend.reject", _("Suspension refused")
    TERMINATE_APPROVE = "enforcement.terminate.approve", _("Termination approved")
    TERMINATE_REJECT = "enforcement.terminate.reject", _("Termination refused")
    RESUME = "enforcement.resume", _("Investigation resumed")
    REVIEW_PASS = "enforcement.review.pass", _("Case review passed")
    REVIEW_SEND_BACK = "enforcement.review.send_back", _("Sent back by the case review")
    APPROVE = "enforcement.approve", _("Approved by the lead")
    APPROVE_SEND_BACK = "enforcement.approve.send_back", _("Sent back by the lead")
    SERVE_NOTICE = "enforcement.serve_notice", _("Notice of proposed decision served")
    DEFENCE = "enforcement.defence", _("Statement and defence recorded")
    DEFENCE_WAIVED = "enforcement.defence.waived", _("Defence waived in writing")
    HEARING = "enforcement.hearing", _("Hearing held")
    RECHECK = "enforcement.recheck", _("Re-checked after the defence")
    DECIDE_PENALTY = "enforcement.decide.penalty", _("Decided: administrative penalty")
    DECIDE_NO_PENALTY = "enforcement.decide.no_penalty", _("Decided: no penalty")
    DECIDE_NOT_ESTABLISHED = "enforcement.decide.not_established", _("Decided: violation not established")
    DECIDE_TRANSFER = "enforcement.decide.transfer", _("Decided: transfer to the competent authority")
    DECIDE_CRIMINAL = "enforcement.decide.criminal", _("Decided: referral to the judicial authorities")
    SERVE_DECISION = "enforcement.serve_decision", _("Decision served")
    EXECUTE = "enforcement.execute", _("Decision executed")
    PAYMENT_DUE_MOVE = "enforcement.payment_due.move", _("Payment date of the fine recomputed")
    CLOSE = "enforcement.close", _("Case closed")
    ARCHIVE = "enforcement.archive", _("Case archived")
    NOTE = "enforcement.note", _("Note")


class FilingDecision:
    FILE = "file"
    NOT_FILE = "not_file"
    TRANSFER = "transfer"
    choices = (FILE, NOT_FILE, TRANSFER)


class InvestigationAction:
    REPORT = "report"
    PROPOSE_SUSPENSION = "suspend"
    PROPOSE_TERMINATION = "terminate"
    choices = (REPORT, PROPOSE_SUSPENSION, PROPOSE_TERMINATION)
    # What the investigation may propose to the lead instead of a report (EnforcementCase.proposed_interruption).
    INTERRUPTIONS = (PROPOSE_SUSPENSION, PROPOSE_TERMINATION)
    interruption_labels = {
        PROPOSE_SUSPENSION: _("suspension of the investigation"),
        PROPOSE_TERMINATION: _("termination of the investigation"),
    }


class ClockPause:
    """Why the clock stops (docs/domain.md §4). The first two are set by the case's own steps."""

    SUSPENSION = "suspension"
    HEARING = "hearing"
    TESTING = "testing"
    IDENTIFICATION = "identification"
    PUBLIC_NOTICE = "public_notice"
    MANUAL = (TESTING, IDENTIFICATION, PUBLIC_NOTICE)
    labels = {
        SUSPENSION: _("suspension of the investigation"),
        HEARING: _("hearing"),
        TESTING: _("testing"),
        IDENTIFICATION: _("right-holder identification"),
        PUBLIC_NOTICE: _("public notice"),
    }


class ServiceMethod:
    DIRECT = "direct"
    MAIL = "mail"
    ELECTRONIC = "electronic"
    PUBLIC_NOTICE = "public_notice"
    choices = (DIRECT, MAIL, ELECTRONIC, PUBLIC_NOTICE)
    labels = {
        DIRECT: _("direct service"),
        MAIL: _("by post"),
        ELECTRONIC: _("electronic service (with consent)"),
        PUBLIC_NOTICE: _("public notice (counts after 30 days)"),
    }


# The action each decision records, by the decision's own choice.
FILING_ACTIONS = {
    FilingDecision.FILE: EnforcementAction.FILING_FILE,
    FilingDecision.NOT_FILE: EnforcementAction.FILING_NOT_FILE,
    FilingDecision.TRANSFER: EnforcementAction.FILING_TRANSFER,
}
INVESTIGATION_ACTIONS = {
    InvestigationAction.REPORT: EnforcementAction.INVESTIGATE_REPORT,
    InvestigationAction.PROPOSE_SUSPENSION: EnforcementAction.INVESTIGATE_SUSPEND,
    InvestigationAction.PROPOSE_TERMINATION: EnforcementAction.INVESTIGATE_TERMINATE,
}
INTERRUPTION_ACTIONS = {  # (proposal, approved)
    (InvestigationAction.PROPOSE_SUSPENSION, True): EnforcementAction.SUSPEND_APPROVE,
    (InvestigationAction.PROPOSE_SUSPENSION, False): EnforcementAction.SUSPEND_REJECT,
    (InvestigationAction.PROPOSE_TERMINATION, True): EnforcementAction.TERMINATE_APPROVE,
    (InvestigationAction.PROPOSE_TERMINATION, False): EnforcementAction.TERMINATE_REJECT,
}
DECISION_ACTIONS = {  # by EnforcementCase.Outcome
    "penalty": EnforcementAction.DECIDE_PENALTY,
    "no_penalty": EnforcementAction.DECIDE_NO_PENALTY,
    "not_established": EnforcementAction.DECIDE_NOT_ESTABLISHED,
    "transfer": EnforcementAction.DECIDE_TRANSFER,
    "criminal": EnforcementAction.DECIDE_CRIMINAL,
}
