"""After every completed task the person is told what was done, what happens next and who acts, or
how the case ended (ADR 0039). Every human task of every flow is walked through its page."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

import reports.flows  # noqa: F401  (the statistics report flow)
import workflows.registry  # noqa: F401  (imports every staff flow)
from cases.models import Declaration
from reports.models import Period
from tests import flows
from tests.api.test_task_completion import (
    Walk,
    agreement_scenario,
    application_scenario,
    brand_scenario,
    declaration_scenario,
    enforcement_scenario,
    report_scenario,
    revocation_scenario,
    rural_scenario,
    site_page_scenario,
    supervision_scenario,
    zone_scenario,
)
from tests.browser.test_every_task_form import product_flows
from tests.factories.applications import Cast, draft_application
from tests.factories.cases import declaration_form_data, producer_with_enterprise
from tests.factories.enforcement import hangzhou_bureau, received_case
from workflows.applications import actions as application_actions

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
        agreement_scenario,
        site_page_scenario,
        zone_scenario([("杭州市西湖区人民政府", "330106")]),
        rural_scenario,
        brand_scenario([2026]),
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


# ------------------------------------------------------------------ the actions of Terroir's own pages


def said(response) -> str:
    """The message the action left (the last one: an earlier page's may wait unread in the session)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_the_applicant_is_told_the_provincial_bureau_examines_next(client, chinese):
    applicant, application = draft_application()
    client.force_login(applicant)
    response = client.post(reverse("portal_applications:submit", args=[application.pk]))
    application.refresh_from_db()
    # Who acts is the bureau and its role, never a named official, for an applicant.
    assert said(response) == (
        f"申请{application.reference}已提交省局。下一步：初审，由 浙江省市场监督管理局 经办人员 办理。"
    )


def test_each_step_of_an_objection_says_who_acts_next(client, chinese):
    from tests.workflows.test_application_pages import announced

    cast = Cast()
    applicant, application = announced(cast)
    objection = application_actions.file_objection(
        application=application,
        objector_name="某某茶业公司",
        objector_id_code="91330106MA00000003",
        contact="0571-88888888",
        grounds="范围过宽。",
        evidence=[],
    )
    client.force_login(cast.fgs_staff)
    admissible = reverse("applications:objection_admissibility", args=[application.pk, objection.pk])
    message = said(client.post(admissible, {"admissible": "yes"}))
    assert message.endswith(f"下一步：申请人答复异议，由 {application.applicant.name} 在门户中 办理。"), message
    client.force_login(applicant)
    reply = reverse("portal_applications:reply", args=[application.pk, objection.pk])
    message = said(client.post(reply, {"reply": "范围依据史料。"}))
    assert message.endswith("下一步：对异议作出决定，由 法规司 经办人员 办理。"), message


def test_a_case_page_action_and_a_note_say_the_cases_next_step(client, chinese):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    client.force_login(bureau.lead)
    response = client.post(reverse("enforcement:verification_extend", args=[case.pk]), {"reason": "需调取外地证据"})
    message = said(response)
    assert message.startswith(f"案件 {case.number} 的核查期限已延长。下一步：核查线索，由 "), message
    response = client.post(reverse("team:note_add", args=["enforcement", case.pk]), {"body": "请尽快核查。"})
    assert "下一步：核查线索，由 " in said(response)


def test_the_producer_is_told_the_bureau_checks_next_and_after_withdrawing_that_nothing_is_left(client, chinese):
    producer, enterprise = producer_with_enterprise()
    client.force_login(producer)
    message = said(client.post("/portal/declarations/new/", declaration_form_data(enterprise)))
    declaration = Declaration.objects.get()
    assert message.endswith("下一步：事中核查，由 杭州市西湖区市场监督管理局 经办人员 办理。"), message
    withdraw = reverse("portal_declarations:withdraw", args=[declaration.pk])
    message = said(client.post(withdraw, {"confirm": "yes", "reason": "停止生产"}))
    assert message.endswith("暂无待办环节，现为「已撤回」。"), message  # the status the withdrawal left
