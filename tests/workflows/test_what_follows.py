"""After every completed task the person is told what was done, what happens next and who acts, or
how the case ended (ADR 0039). Every human task of every flow is walked through its page."""

import re

import pytest
from django.contrib.messages import get_messages

import reports.flows  # noqa: F401  (the statistics report flow)
import workflows.registry  # noqa: F401  (imports every staff flow)
from reports.models import Period
from tests import flows
from tests.api.test_task_completion import (
    Walk,
    application_scenario,
    declaration_scenario,
    enforcement_scenario,
    report_scenario,
    revocation_scenario,
    supervision_scenario,
)
from tests.browser.test_every_task_form import product_flows

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

DONE = re.compile(r"^已完成「(?P<step>[^」]+)」（(?P<case>.+?)）。(?P<rest>(下一步|流程已结束).+)$")
NEXT = re.compile(r"下一步：(?P<step>[^，；。]+)(，由 (?P<who>.+?) 办理。|；系统将在其结束后自动继续。)")
ENDED = re.compile(r"流程已结束，案件现为「[^」]+」。$")


class ToldWalk(Walk):
    """Completes each task through its page and keeps the message shown after it."""

    def __init__(self, client):
        super().__init__("page", client, stranger=None)
        self.told: dict[tuple[str, str], list[str]] = {}

    def complete(self, flow_class, artifact, node, user, data, invalid=None):
        self.flow_class, self.node = flow_class, node
        super().complete(flow_class, artifact, node, user, data, invalid)

    def _through_page(self, user, task, data):
        response = flows.complete(self.client, user, task, data)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        self.told.setdefault((self.flow_class.__name__, self.node), []).extend(said[-1:])


@pytest.fixture
def chinese(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    settings.LANGUAGE_CODE = "zh-hans"


def test_every_completed_task_says_what_was_done_and_what_follows(client, chinese):
    walk = ToldWalk(client)
    for scenario in (
        declaration_scenario,
        application_scenario,
        revocation_scenario,
        supervision_scenario,
        enforcement_scenario,
        report_scenario([Period.JULY]),
    ):
        scenario(walk)
    human = {
        (flow_class.__name__, node.name)
        for flow_class in product_flows()
        for node in flow_class.instance.nodes()
        if node.task_type == "HUMAN"
    }
    assert human - set(walk.told) == set(), "human tasks completed with no message"
    for (flow_name, node), said in walk.told.items():
        assert said, f"{flow_name}.{node}: nothing said"
        for message in said:
            done = DONE.match(message)
            assert done, f"{flow_name}.{node}: {message}"
            rest = done["rest"]
            assert NEXT.search(rest) or ENDED.search(rest), f"{flow_name}.{node}: {message}"
            assert not re.search(r"#\d|work_as_|[a-z]+_[a-z]+", message), message
