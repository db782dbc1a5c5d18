import copy
from types import SimpleNamespace

import pytest

from notifications import kinds


@pytest.fixture
def deadline_stub():
    """What the deadline engine passes as `deadline`: a rule label, a due date and the case's label."""
    import datetime

    return SimpleNamespace(
        rule_label="形式审查", due_at=datetime.date(2026, 12, 3), target_label="西湖龙井地理标志产品保护申请"
    )


@pytest.fixture
def template_kind(settings, tmp_path):
    """Register a kind whose templates are written by the test; unregistered afterwards."""
    created = []

    def make(code: str, subject: str, body: str = ""):
        folder = tmp_path / "notifications" / code
        folder.mkdir(parents=True)
        (folder / "subject.txt").write_text(subject, encoding="utf-8")
        (folder / "body.txt").write_text(body, encoding="utf-8")
        created.append(code)
        return kinds.register_kind(
            code,
            label=code,
            subject_template=f"notifications/{code}/subject.txt",
            body_template=f"notifications/{code}/body.txt",
        )

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    yield make
    for code in created:
        kinds._KINDS.pop(code, None)
