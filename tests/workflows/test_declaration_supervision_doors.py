"""workflows/declarations/actions.py and workflows/supervision/actions.py are the only doors:
pages, the API, the demo, the admin and the commands neither import these kinds' services nor
run a flow node of them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("cases.declarations.services", "cases.supervision.services", "cases.usage_reports.services")
FLOWS = {"DeclarationFlow", "SupervisionCheckFlow"}


def callers() -> list[Path]:
    pages = [
        path
        for pattern in ("workflows/**/views.py", "workflows/**/*_views.py", "workflows/**/pages.py")
        for path in ROOT.glob(pattern)
    ]
    others = [*ROOT.glob("api/**/*.py"), *ROOT.glob("demo/**/*.py"), *ROOT.glob("*/admin.py")]
    commands = list(ROOT.glob("*/management/commands/*.py"))
    return sorted({*pages, *others, *commands})


@pytest.mark.parametrize("path", callers(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_caller_goes_around_the_actions(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith(SERVICES), f"{path.name}:{node.lineno} imports {node.module}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            source = ast.unparse(node.func.value)
            assert not any(flow in source for flow in FLOWS), f"{path.name}:{node.lineno} runs {source}"
