"""The one door (docs/architecture.md): only workflows/<kind>/actions.py runs a flow's node.

The import half of the rule ("only actions and flows import a cases service") is the
import-linter contract in .importlinter, run by .ci/run; this test covers what imports cannot
show: a page or a command that calls `SomeFlow.start.run(...)` or `SomeFlow.node.run(task, ...)`
itself would move a case without the action's checks.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = (
    "accounts",
    "api",
    "audit",
    "brands",
    "cases",
    "config",
    "deadlines",
    "demo",
    "documents",
    "marks",
    "notifications",
    "organizations",
    "register",
    "reports",
    "workflows",
)


def _product_modules():
    for package in PRODUCT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def node_names() -> frozenset[str]:
    """Every node of every flow (start, in_process_check, decide_filing, ...)."""
    from workflows.task_actions import flow_classes

    return frozenset(node.name for flow_class in flow_classes() for node in flow_class.instance.nodes())


def node_runs(source: str, nodes: frozenset[str]) -> list[int]:
    """Lines that call `<anything>.<node>.run(...)`: `SomeFlow.start.run(...)`,
    `flows.SomeFlow.decide.run(task, ...)`, `_flow().start.run(...)`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"):
            continue
        owner = node.func.value  # the node: <flow>.<node>
        if isinstance(owner, ast.Attribute) and owner.attr in nodes:
            lines.append(node.lineno)
    return lines


def is_a_door(path: Path) -> bool:
    relative = path.relative_to(ROOT).parts
    # workflows/<kind>/actions.py, reports/actions.py for the statistics report and brands/actions.py
    # for the brand evaluation rounds.
    return relative[-1] == "actions.py" and relative[0] in ("workflows", "reports", "brands")


def test_the_detector_sees_a_node_run():
    nodes = node_names()
    assert {"start", "in_process_check", "decide_filing", "convene_review"} <= nodes
    assert node_runs("DeclarationFlow.start.run(actor=a, declaration=d)\n", nodes) == [1]
    assert node_runs("x = 1\nflows.StatisticsReportFlow.start.run(report=r)\n", nodes) == [2]
    assert node_runs("_flow().decide_filing.run(task, actor=a)\n", nodes) == [1]
    assert node_runs("job.run()\nflow.run()\nsubprocess.run(cmd)\n", nodes) == []


def test_only_the_actions_run_a_flow_node():
    nodes = node_names()
    outside = {
        str(path.relative_to(ROOT)): lines
        for path in _product_modules()
        if not is_a_door(path) and (lines := node_runs(path.read_text(encoding="utf-8"), nodes))
    }
    assert outside == {}, f"a flow node is run outside workflows/<kind>/actions.py: {outside}"
