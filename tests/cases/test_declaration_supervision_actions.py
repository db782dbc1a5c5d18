"""The audit actions of declarations, supervision and usage reports are declared once, in their
kinds' choices, and the services write only those (no literal or formatted action strings)."""

import ast
from pathlib import Path

import pytest

from audit.actions import is_registered, label_of
from cases.declarations.choices import IN_PROCESS_CHECK_ACTIONS, DeclarationAction, InProcessOutcome
from cases.supervision.choices import CHECK_RESULT_ACTIONS, CheckOutcome, SupervisionAction
from cases.usage_reports.choices import UsageReportAction

ROOT = Path(__file__).resolve().parents[2]
SERVICES = [
    *sorted((ROOT / "cases" / "declarations" / "services").glob("*.py")),
    *sorted((ROOT / "cases" / "supervision" / "services").glob("*.py")),
    *sorted((ROOT / "cases" / "usage_reports" / "services").glob("*.py")),
]

# Today's stored strings, including those the services used to build with f-strings.
STORED = {
    "declaration.create",
    "declaration.attach",
    "declaration.submit",
    "declaration.in_process_check.ok",
    "declaration.in_process_check.correction",
    "declaration.in_process_check.propose_suspension",
    "declaration.resubmit",
    "declaration.suspension.approve",
    "declaration.suspension.reject",
    "declaration.withdraw",
    "declaration.start_check",
    "declaration.check_compliant",
    "declaration.check_rectification",
    "declaration.revoke",
    "declaration.usage_report",
    "conflict.declare",
    "conflict.withdraw",
    "campaign.create",
    "campaign.draw",
    "check.compliant",
    "check.rectification",
    "check.revocation",
    "check.revocation_approve",
    "check.revocation_reject",
    "check.rectification_report",
    "check.non_use",  # two years without use (marks, ADR 0055)
}


def test_every_stored_action_is_declared_with_a_label():
    declared = {*DeclarationAction.values, *SupervisionAction.values, *UsageReportAction.values}
    assert declared == STORED
    for action in STORED:
        assert is_registered(action) and str(label_of(action))


def test_every_outcome_has_its_action():
    assert set(IN_PROCESS_CHECK_ACTIONS) == set(InProcessOutcome)
    assert {str(action) for action in IN_PROCESS_CHECK_ACTIONS.values()} == {
        f"declaration.in_process_check.{outcome}" for outcome in InProcessOutcome.values
    }
    assert set(CHECK_RESULT_ACTIONS) == set(CheckOutcome)
    assert {str(action) for action in CHECK_RESULT_ACTIONS.values()} == {
        f"check.{outcome}" for outcome in CheckOutcome.values
    }


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_services_write_declared_actions_only(path):
    """An action= argument is a member of a registry (or a lookup in one), never a string built here."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.keyword) and node.arg == "action":
            assert not isinstance(node.value, ast.Constant | ast.JoinedStr | ast.BinOp), (
                f"{path.name}:{node.value.lineno}: a literal audit action"
            )
