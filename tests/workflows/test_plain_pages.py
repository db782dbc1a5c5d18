"""Staff pages speak Chinese: the case history and viewflow's process-data column show no audit
codes, no snake_case states, no True/False and no English field names."""

import re
from html.parser import HTMLParser

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from cases.enforcement.services import case_add_evidence, case_decide_filing, case_verify
from cases.models import EnforcementCase
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = pytest.mark.django_db

DOTTED = re.compile(r"(?<![\w.@])[a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+(?![\w.])")
SNAKE = re.compile(r"(?<![\w.])[a-z]+(?:_[a-z]+)+(?![\w.])")
# A file's name as its owner gave it (the materials panel lists them): a person's words, not a code.
FILE_NAME = re.compile(r"\.(?:pdf|png|jpe?g)$")
ENGLISH = ("True", "False", "Verification token", "Created by", "Public token", "Artifact", "Flow class")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a person reads: no scripts, styles, attributes or icon ligatures (material-icons)."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden, self._open = [], 0, []

    def handle_starttag(self, tag, attrs):
        hidden = tag in ("script", "style", "template") or "material-icons" in (dict(attrs).get("class") or "")
        if tag not in VOID:
            self._open.append(hidden)
        self._hidden += hidden

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._hidden -= self._open.pop()

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def assert_plain(html: str) -> None:
    text = visible_text(html)
    dotted = [found for found in DOTTED.findall(text) if not FILE_NAME.search(found)]
    assert not dotted, dotted
    assert not SNAKE.findall(text), SNAKE.findall(text)
    for word in ENGLISH:
        assert not re.search(rf"\b{word}\b", text), word


@pytest.fixture(autouse=True)
def chinese(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"


@pytest.fixture
def filed_case():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    case_verify(actor=bureau.inspectors[0], case=case, findings="属实", proposal="file")
    case_decide_filing(actor=bureau.lead, case=case, decision="file", officers=bureau.inspectors[:2], reason="符合")
    case_add_evidence(
        actor=bureau.inspectors[0],
        case=case,
        kind="document",
        description="进货单据",
        second_officer=bureau.inspectors[1],
    )
    return bureau, EnforcementCase.objects.get(pk=case.pk)


def test_the_case_history_names_actions_and_states_in_chinese(client, filed_case):
    bureau, case = filed_case
    client.force_login(bureau.inspectors[0])
    page = client.get(f"/enforcement/{case.pk}/").content.decode()
    assert_plain(page)
    assert "核查线索" in page
    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"enforcement.verify", "document.issue", "enforcement.add_evidence"} <= codes


def test_the_task_and_process_pages_show_the_process_data_in_words(client, filed_case):
    bureau, case = filed_case
    task = Task.objects.exclude(status__in=[STATUS.DONE, STATUS.CANCELED]).get(
        process__flow_class=EnforcementCaseFlow, process__artifact_object_id=case.pk, flow_task_type="HUMAN"
    )
    client.force_login(bureau.inspectors[0])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    for url in (
        task.flow_task.reverse("execute", args=[task.process_id, task.pk]),
        task.flow_task.reverse("detail", args=[task.process_id, task.pk]),
        EnforcementCaseFlow.instance.reverse("process_detail", args=[task.process_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "process-facts" in page, url  # our column, not viewflow's
        assert_plain(page)
        assert case.number in page  # the case's own facts are still there


def test_every_action_an_enforcement_service_records_has_a_chinese_name():
    """The registry is complete: the services write only its members (no literal action in their
    source), and every member has a name of its own for the history."""
    import inspect
    import pkgutil
    from importlib import import_module

    from audit.actions import is_registered, label_of
    from cases.enforcement import services as enforcement
    from cases.enforcement.choices import EnforcementAction

    for module in pkgutil.iter_modules(enforcement.__path__):
        source = inspect.getsource(import_module(f"{enforcement.__name__}.{module.name}"))
        assert not re.search(r'_record\(\s*actor,\s*case,\s*f?"', source), module.name
        assert not re.search(r'action=f?"enforcement', source), module.name
    assert all(is_registered(action.value) for action in EnforcementAction)
    assert all(label_of(action.value) not in ("", action.value) for action in EnforcementAction)


def test_a_change_no_person_made_is_shown_as_the_systems(client):
    bureau = hangzhou_bureau()
    case = received_case(actor=None)  # a clue the system received (a public report, a referral)
    assert AuditEvent.objects.get(target_id=str(case.pk), action="enforcement.receive").actor_label == "system"
    client.force_login(bureau.lead)
    text = visible_text(client.get(f"/enforcement/{case.pk}/").content.decode())
    assert "系统" in text and not re.search(r"\bsystem\b", text)
