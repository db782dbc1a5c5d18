"""Above each decision, what it rests on (ADR 0030, 0039): the announcement as it will be published
before the lead approves it, the experts' votes counted for the chair, the staff's reasons for a
proposed rejection, the investigation report and proposed amounts for the enforcement decisions."""

import pytest
from django.test import Client

from cases.applications.services import expert_opinion_submit
from cases.enforcement.services import case_add_evidence
from cases.models import ExpertOpinion, Regime
from tests import flows
from tests.factories.applications import Cast, draft_application
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.workflows.test_plain_pages import visible_text
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.enforcement.flows import EnforcementCaseFlow

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


@pytest.fixture(autouse=True)
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def rests_on(user, task) -> str:
    """The text of the task page's blocks above the form, as the person who does it reads it."""
    client = Client()
    flows.take(client, user, task)
    html = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).content.decode()
    form_side = html.split('class="card task-layout__form"', 1)[1].split('<form method="post" class="task-form"', 1)[0]
    return visible_text(form_side)


class Application:
    """An application walked through its pages to the step asked for."""

    def __init__(self, regime=Regime.AQSIQ_2005):
        self.cast = Cast()
        applicant, self.application = draft_application(regime=regime)
        application_actions.submit(actor=applicant, application=self.application)
        self.client = Client()

    def step(self, node, user, data):
        flows.complete(self.client, user, flows.open_task(ApplicationFlow, self.application, node), data)

    def task(self, node):
        return flows.open_task(ApplicationFlow, self.application, node)


def test_the_lead_reads_the_announcement_as_it_will_be_published_before_approving_it():
    case = Application()
    case.step("preliminary_examination", case.cast.province_staff, {"outcome": "accept", "comment": ""})
    case.step("formal_examination", case.cast.kjs_staff, {"outcome": "accept", "comment": "材料齐全"})
    text = rests_on(case.cast.kjs_lead, case.task("approve_announcement"))
    assert "公告预览（批准后发布）" in text
    # The published text: its title, its first sentence, the product's facts and the objection period
    # it would open today (2026-03-02, two calendar months).
    assert "地理标志产品保护申请受理公告" in text
    assert "西湖藕粉地理标志产品保护申请已通过形式审查" in text
    assert "DB33/T 0000-2026 地理标志产品 西湖藕粉" in text
    assert "2026年3月2日 — 2026年5月6日" in text  # two months, to the first working day after May Day
    assert "特此公告" in text
    # What was previewed is what approval publishes.
    case.step("approve_announcement", case.cast.kjs_lead, {"approve": "yes", "comment": ""})
    case.application.refresh_from_db()
    assert case.application.objection_window_closes.isoformat() == "2026-05-06"


def test_under_the_2023_measures_the_recognition_announcement_is_previewed():
    case = Application(regime=Regime.CNIPA_2023)
    case.step("preliminary_examination", case.cast.province_staff, {"outcome": "accept", "comment": ""})
    case.step("formal_examination", case.cast.kjs_staff, {"outcome": "accept", "comment": "材料齐全"})
    experts = {"experts": [expert.pk for expert in case.cast.experts], "chair": case.cast.experts[0].pk}
    case.step("convene_review", case.cast.kjs_staff, experts)
    for opinion in ExpertOpinion.objects.filter(application=case.application):
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text="符合。", vote="approve")
    case.step("conclude_review", case.cast.experts[0], {"outcome": "pass", "conclusion": "同意。"})
    text = rests_on(case.cast.kjs_lead, case.task("approve_announcement"))
    assert "地理标志产品初步认定公告" in text and "异议期" in text


def test_the_chair_sees_each_opinion_and_the_count_of_the_votes():
    case = Application()
    case.step("preliminary_examination", case.cast.province_staff, {"outcome": "accept", "comment": ""})
    case.step("formal_examination", case.cast.kjs_staff, {"outcome": "accept", "comment": ""})
    case.step("approve_announcement", case.cast.kjs_lead, {"approve": "yes", "comment": ""})
    application = case.application
    application.refresh_from_db()
    # The objection window passes with no objection (the timer's work, done here directly).
    from tests.api.test_task_completion import _objection_window_passes

    _objection_window_passes(application)
    experts = case.cast.experts
    case.step("convene_review", case.cast.kjs_staff, {"experts": [e.pk for e in experts], "chair": experts[0].pk})
    votes = {experts[0]: "approve", experts[1]: "reject", experts[2]: "revise"}
    for opinion in ExpertOpinion.objects.filter(application=application):
        vote = votes[opinion.expert]
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text=f"意见{vote}", vote=vote)
    text = rests_on(experts[0], case.task("conclude_review"))
    assert "专家表决情况" in text
    assert "同意 1 · 修改后同意 1 · 不同意 1 · 尚未表决 0" in text
    assert "参加审查的 3 名专家中 2 名赞成（含修改后同意），已过半数。" in text
    assert f"{experts[1]} · 不同意: 意见reject" in text
    # Then the lead approving protection reads the approval announcement it publishes.
    case.step("conclude_review", experts[0], {"outcome": "pass", "conclusion": "多数同意。"})
    text = rests_on(case.cast.kjs_lead, case.task("approve_protection"))
    assert "地理标志产品保护批准公告" in text and "异议期" not in text


def test_the_lead_reads_the_staffs_reasons_for_a_proposed_rejection():
    case = Application()
    reasons = "产地范围划定缺乏依据，申请材料不符合要求。"
    case.step("preliminary_examination", case.cast.province_staff, {"outcome": "reject", "comment": reasons})
    text = rests_on(case.cast.province_lead, case.task("decide_rejection"))
    assert "驳回建议的理由" in text and reasons in text
    assert str(case.cast.province_staff.get_full_name() or case.cast.province_staff) in text


@pytest.fixture
def reported_case():
    bureau = hangzhou_bureau()
    first, second = bureau.inspectors[:2]
    case = received_case(actor=first)
    client = Client()

    def step(node, user, data):
        flows.complete(client, user, flows.open_task(EnforcementCaseFlow, case, node), data)

    step("verify", first, {"findings": "现场核实属实", "proposal": "file"})
    step("decide_filing", bureau.lead, {"decision": "file", "officers": [first.pk, second.pk], "reason": "符合"})
    case_add_evidence(actor=first, case=case, kind="document", description="进货单据", second_officer=second)
    report = {"action": "report", "report": "当事人擅自使用专用标志", "proposed_outcome": "penalty"}
    report["proposed_fine"] = "20000"
    step("investigate", first, report)
    return bureau, case, step


def test_the_review_and_the_lead_read_the_investigation_report_and_the_proposed_fine(reported_case):
    bureau, case, step = reported_case
    text = rests_on(bureau.reviewer, flows.open_task(EnforcementCaseFlow, case, "review"))
    assert "调查报告与拟处理意见" in text and "当事人擅自使用专用标志" in text and "拟罚款\n20000.00 元" in text
    step("review", bureau.reviewer, {"approve": "yes", "opinion": "事实清楚，证据确凿"})
    text = rests_on(bureau.lead, flows.open_task(EnforcementCaseFlow, case, "approve"))
    assert "拟罚款\n20000.00 元" in text and "事实清楚，证据确凿" in text


def test_the_lead_reads_the_officers_proposal_before_deciding_on_a_suspension():
    bureau = hangzhou_bureau()
    first, second = bureau.inspectors[:2]
    case = received_case(actor=first)
    client = Client()
    for node, user, data in (
        ("verify", first, {"findings": "现场核实属实", "proposal": "file"}),
        ("decide_filing", bureau.lead, {"decision": "file", "officers": [first.pk, second.pk], "reason": "符合"}),
        ("investigate", first, {"action": "suspend", "report": "当事人下落不明，无法继续调查"}),
    ):
        flows.complete(client, user, flows.open_task(EnforcementCaseFlow, case, node), data)
    text = rests_on(bureau.lead, flows.open_task(EnforcementCaseFlow, case, "decide_interruption"))
    assert "办案人员的建议" in text and "当事人下落不明，无法继续调查" in text and "中止调查" in text
