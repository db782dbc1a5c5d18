"""Every human task completed through the API moves the case exactly as its page does.

Each scenario is written once and walked twice: through the task pages, then through
/api/tasks/. After every step both walks must leave the same trace (the case's status, the
process's open tasks, the audit events written). Before each API completion, a member of another
province's bodies (staff, lead and inspector) and invalid data are refused, and nothing moves.
"""

import datetime

import pytest
from django.db.models import Max
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from cases.applications.services import expert_opinion_submit
from cases.enforcement.services import case_add_evidence
from cases.models import Application, CheckEvidence, EnforcementCase, ExpertOpinion, ProductRevocation, Regime
from cases.objections.services import objection_decide, objection_decide_admissibility, objection_file
from organizations.models import Role
from reports.actions import submit_report
from reports.flows import StatisticsReportFlow
from reports.models import Period, StatisticsReport
from reports.services import report_update, reports_open_period
from tests import flows
from tests.factories import make_member
from tests.factories.applications import Cast, draft_application
from tests.factories.cases import draft_declaration, longjing, pdf_file
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.reports.conftest import ANSWERS
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.actions import publish
from workflows.declarations.flows import DeclarationFlow
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.jobs import fire_workflow_timers
from workflows.products.flows import ProductRevocationFlow
from workflows.supervision.flows import SupervisionCheckFlow

from .conftest import signed_in

# The walks date services and windows from today: a plain working Monday (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


@pytest.fixture
def stranger():
    """Staff, lead and inspector of 江苏省: none of the Zhejiang cases below is theirs."""
    user = make_member("AMR-320000", Role.STAFF)
    make_member("AMR-320000", Role.LEAD, user=user)
    make_member("AMR-320000", Role.INSPECTOR, user=user)
    return user


def snapshot(flow_class, artifact) -> tuple:
    """Where the case stands: its status, its process's open tasks (with owners), the audit trail."""
    artifact = type(artifact).objects.get(pk=artifact.pk)
    open_tasks = sorted(
        (task.flow_task.name, task.status, task.owner_id) for task in flows.open_tasks(flow_class, artifact)
    )
    return artifact.status, open_tasks, AuditEvent.objects.count()


def as_fresh_request(user):
    """A client for the user as loaded by a new request: viewflow and guardian cache permissions
    on the user object, and grants given since (an officer assigned to a case) must count."""
    return signed_in(type(user).objects.get(pk=user.pk))


def _without_files(data: dict) -> dict:
    return {name: value for name, value in data.items() if not hasattr(value, "read")}


class Walk:
    """Completes tasks through the pages or through the API; records what each step changed."""

    def __init__(self, via: str, client, stranger):
        self.via, self.client, self.stranger = via, client, stranger
        self.trace: list[tuple] = []

    def complete(self, flow_class, artifact, node, user, data, invalid=None):
        task = flows.open_task(flow_class, artifact, node)
        events_before = AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0  # gaps: ADR 0059
        if self.via == "page":
            self._through_page(user, task, data)
        else:
            self._through_api(flow_class, artifact, user, task, data, invalid)
        status, open_tasks, _count = snapshot(flow_class, artifact)
        new_events = list(AuditEvent.objects.filter(sequence__gt=events_before).values_list("action", flat=True))
        assert new_events, f"{node} wrote no audit event"
        self.trace.append((node, status, [(name, state) for name, state, _owner in open_tasks], new_events))

    def _through_page(self, user, task, data):
        flows.complete(self.client, user, task, data)

    def _through_api(self, flow_class, artifact, user, task, data, invalid):
        url = f"/api/tasks/{task.pk}/"
        client = as_fresh_request(user)
        if task.owner_id is None:
            assert client.post(f"{url}assign/").status_code == 200
        listed = client.get(url).json()
        assert "complete" in listed["actions"] and {field["name"] for field in listed["form"]} >= set(data)
        before = snapshot(flow_class, artifact)

        refused = as_fresh_request(self.stranger).post(f"{url}complete/", _without_files(data))
        assert refused.status_code in (403, 404) and refused.json()["error"]["code"]
        assert snapshot(flow_class, artifact) == before

        bad = client.post(f"{url}complete/", {} if invalid is None else invalid)
        assert bad.status_code == 400 and bad.json()["error"]["fields"], bad.content
        assert snapshot(flow_class, artifact) == before

        multipart = len(_without_files(data)) < len(data)
        done = client.post(f"{url}complete/", data, format="multipart" if multipart else "json")
        assert done.status_code == 200, done.content
        assert done.json()["status"] == STATUS.DONE


def walked_both_ways(client, stranger, scenario) -> list[tuple]:
    page, api = Walk("page", client, stranger), Walk("api", client, stranger)
    scenario(page)
    scenario(api)
    assert api.trace == page.trace
    return api.trace


def nodes_of(trace) -> set[str]:
    return {step[0] for step in trace}


# ------------------------------------------------------------------ declarations


def declaration_scenario(walk):
    producer, draft = draft_declaration()
    declaration = publish(actor=producer, declaration=draft, commitment_accepted=True)
    staff = make_member("AMR-330106", Role.STAFF)
    lead = make_member("AMR-330106", Role.LEAD)
    check = {"outcome": "propose_suspension", "comment": "标签违规"}
    walk.complete(DeclarationFlow, declaration, "in_process_check", staff, check, invalid={"outcome": "maybe"})
    walk.complete(DeclarationFlow, declaration, "decide_suspension", lead, {"approve": "yes", "comment": "同意暂停"})


def test_declaration_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, declaration_scenario)
    assert nodes_of(trace) == {"in_process_check", "decide_suspension"}
    assert trace[-1][1] == "suspended"


# ------------------------------------------------------------------ applications


def _objection_admitted(application, cast):
    objection = objection_file(
        application=application,
        objector_name="某茶叶公司",
        objector_id_code="91330106MA00000003",
        contact="0571-88888888",
        grounds="产地范围划定过宽。",
    )
    objection_decide_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    return objection


def _objection_window_passes(application):
    Application.objects.filter(pk=application.pk).update(
        objection_window_closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    timer = Task.objects.filter(flow_task=ApplicationFlow.objection_window, process__artifact_object_id=application.pk)
    timer.exclude(status=STATUS.DONE).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    assert fire_workflow_timers() >= 1


def _experts_give_opinions(application):
    for opinion in ExpertOpinion.objects.filter(application=application, submitted_at__isnull=True):
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text="符合保护条件。", vote="approve")


def application_scenario(walk):
    """The 2005 regime: a rejection sent back, both examinations, the announcement, a dismissed
    objection, the expert review and the approval: every task of the flow."""
    cast = Cast()
    # Each walk protects its own product: a name is protected once.
    product_name = {"page": "西湖藕粉", "api": "杭州龙井虾仁"}[walk.via]
    applicant, application = draft_application(regime=Regime.AQSIQ_2005, product_name=product_name)
    application_actions.submit(actor=applicant, application=application)
    flow, step = ApplicationFlow, walk.complete
    step(flow, application, "preliminary_examination", cast.province_staff, {"outcome": "reject", "comment": "存疑"})
    step(flow, application, "decide_rejection", cast.province_lead, {"approve": "no", "comment": "请再审"})
    step(flow, application, "preliminary_examination", cast.province_staff, {"outcome": "accept", "comment": ""})
    step(flow, application, "formal_examination", cast.kjs_staff, {"outcome": "accept", "comment": "材料齐全"})
    step(flow, application, "approve_announcement", cast.kjs_lead, {"approve": "yes", "comment": ""})
    objection = _objection_admitted(application, cast)
    _objection_window_passes(application)
    objection_decide(actor=cast.fgs_staff, objection=objection, sustain=False, reason="异议理由不成立。")
    step(flow, application, "handle_objections", cast.fgs_staff, {"outcome": "proceed", "comment": "异议已驳回"})
    experts = {"experts": [expert.pk for expert in cast.experts], "chair": cast.experts[0].pk}
    step(flow, application, "convene_review", cast.kjs_staff, experts, invalid={"experts": [0], "chair": "x"})
    _experts_give_opinions(application)
    conclusion = {"outcome": "pass", "conclusion": "专家组一致同意。"}
    step(flow, application, "conclude_review", cast.experts[0], conclusion)
    step(flow, application, "approve_protection", cast.kjs_lead, {"approve": "yes", "comment": ""})


def test_application_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, application_scenario)
    assert nodes_of(trace) == {node.name for node in ApplicationFlow.instance.nodes() if node.task_type == "HUMAN"}
    assert trace[-1][1] == "protected"


# ------------------------------------------------------------------ product revocation


def revocation_scenario(walk):
    cast = Cast()
    product = longjing()
    ProductRevocationFlow.start.run(actor=cast.kjs_staff, product=product, ground="not_used", reasons="长期未使用")
    revocation = ProductRevocation.objects.filter(product=product).latest("pk")
    walk.complete(ProductRevocationFlow, revocation, "decide", cast.kjs_lead, {"approve": "no", "comment": "仍在使用"})


def test_product_revocation_task(client, stranger):
    trace = walked_both_ways(client, stranger, revocation_scenario)
    assert nodes_of(trace) == {"decide"} and trace[-1][1] == "refused"


# ------------------------------------------------------------------ supervision


def supervision_scenario(walk):
    """Inspection with an evidence file (multipart through the API), re-inspection, revocation."""
    published_declarations(1)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    (check,) = draw_and_open(actor=lead, campaign=campaign, seed="fixed-seed")
    first, second = check.inspector_a, check.inspector_b
    flow = SupervisionCheckFlow
    failed = {**PASSING, "label_check": "fail", "findings": "标签未标注产地", "referral_reason": ""}
    rectify = {**failed, "outcome": "rectification", "evidence": pdf_file("photo.pdf")}
    walk.complete(flow, check, "inspect", first, rectify, invalid={**PASSING, "outcome": "compliant", "label_check": 1})
    walk.complete(flow, check, "reinspect", second, {**failed, "outcome": "revocation", "findings": "逾期未整改"})
    walk.complete(flow, check, "decide_revocation", lead, {"approve": "yes", "comment": "逾期未整改，撤销使用资格"})


def test_supervision_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, supervision_scenario)
    assert nodes_of(trace) == {"inspect", "reinspect", "decide_revocation"} and trace[-1][1] == "revoked"
    # The evidence sent as multipart is stored for each walk, once.
    assert [evidence.original_name for evidence in CheckEvidence.objects.all()] == ["photo.pdf", "photo.pdf"]


# ------------------------------------------------------------------ enforcement


def _days_ago(n: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=n)).isoformat()


def enforcement_scenario(walk):
    """Clue to archive through a suspension, a hearing and a paid fine: every task of the flow."""
    bureau = hangzhou_bureau()
    first, second = bureau.inspectors[:2]
    case = received_case(actor=first)

    def step(node, user, data, invalid=None):
        walk.complete(EnforcementCaseFlow, case, node, user, data, invalid)

    step("verify", first, {"findings": "现场核实属实", "proposal": "file"})
    filing = {"decision": "file", "officers": [first.pk, second.pk], "reason": "符合立案条件"}
    step("decide_filing", bureau.lead, filing)
    step("investigate", first, {"action": "suspend", "report": "当事人下落不明"})
    step("decide_interruption", bureau.lead, {"approve": "yes", "comment": "同意中止"})
    step("resume", bureau.lead, {"comment": "中止情形消除"})
    case_add_evidence(actor=first, case=case, kind="document", description="进货单据", second_officer=second)
    report = {"action": "report", "report": "擅自使用专用标志", "proposed_outcome": "penalty", "proposed_fine": "20000"}
    step("investigate", first, report)
    step("review", bureau.reviewer, {"approve": "yes", "opinion": "事实清楚"})
    step("approve", bureau.lead, {"approve": "yes", "comment": "同意"})
    # Served three weeks ago: the 5-working-day defence window has ended whatever the holidays.
    step("serve_notice", second, {"served_on": _days_ago(21), "method": "direct"})
    hearing_at = (timezone.localtime() + datetime.timedelta(days=8)).strftime("%Y-%m-%d %H:%M")
    hearing = {"hearing_requested": True, "hearing_at": hearing_at, "hearing_place": "听证室"}
    step("record_defence", second, hearing, invalid={"hearing_at": "not a date"})
    EnforcementCase.objects.filter(pk=case.pk).update(hearing_at=timezone.now() - datetime.timedelta(hours=1))
    step("hold_hearing", bureau.reviewer, {"record": "当事人陈述申辩意见"})
    step("recheck", first, {"opinion": "维持原处罚意见"})
    step("decide", bureau.lead, {"outcome": "penalty", "fine": "20000", "confiscation": "", "grounds": "依据规定"})
    step("serve_decision", first, {"served_on": _days_ago(0), "method": "direct"})
    today = timezone.localdate().isoformat()
    step("record_execution", first, {"paid_on": today, "amount_paid": "20000"}, invalid={"amount_paid": "-1"})
    step("close", second, {"summary": "罚没款已缴清"})
    step("archive", bureau.reviewer, {"confirm": True})


def test_enforcement_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, enforcement_scenario)
    human = {node.name for node in EnforcementCaseFlow.instance.nodes() if node.task_type == "HUMAN"}
    assert nodes_of(trace) == human and trace[-1][1] == "archived"


# ------------------------------------------------------------------ statistics reports


def report_scenario(periods):
    def scenario(walk):
        officer = make_member("AMR-330000", Role.STATISTICS_OFFICER)
        lead = make_member("AMR-330000", Role.LEAD)
        kjs_staff = make_member("KJS", Role.STAFF)
        reports = reports_open_period(actor=None, year=timezone.localdate().year, period=periods.pop())
        report = next(report for report in reports if report.province.code == "330000")
        report = submit_report(actor=officer, report=report_update(actor=officer, report=report, answers=ANSWERS))
        walk.complete(StatisticsReportFlow, report, "approve", lead, {"approve": "yes", "comment": ""})
        walk.complete(StatisticsReportFlow, report, "review", kjs_staff, {"approve": "yes", "comment": "已审核"})

    return scenario


def test_statistics_report_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, report_scenario([Period.JULY, Period.SEPTEMBER]))
    assert nodes_of(trace) == {"approve", "review"} and trace[-1][1] == StatisticsReport.Status.ACCEPTED


# ------------------------------------------------------------------ EU–China agreement names


def agreement_scenario(walk):
    """A second-batch name: published, objected to, the period run out, a decision returned once,
    then protected: every task of the flow (ADR 0052)."""
    from agreement import actions as agreement_actions
    from agreement.flows import AgreementEntryFlow
    from agreement.models import AgreementEntry

    staff, lead = make_member("GJS", Role.STAFF), make_member("GJS", Role.LEAD)
    name = {"page": "金华火腿", "api": "泸州老窖"}[walk.via]
    (entry,) = agreement_actions.load_list(
        actor=staff, data=f"annex,name,product_class,country\nV,{name},名称,CN\n".encode()
    )
    agreement_actions.request_publication(actor=staff, entry=entry)
    flow, step = AgreementEntryFlow, walk.complete
    step(flow, entry, "approve_publication", lead, {"approve": "yes", "comment": ""})
    agreement_actions.file_objection(
        actor=None, entry=entry, objector_name="某协会", contact="010-1", grounds="名称已通用。"
    )
    AgreementEntry.objects.filter(pk=entry.pk).update(window_closes=timezone.localdate() - datetime.timedelta(days=1))
    timer = Task.objects.filter(flow_task=flow.objection_period, process__artifact_object_id=entry.pk)
    timer.exclude(status=STATUS.DONE).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    assert fire_workflow_timers() >= 1
    decision = {"outcome": "protect", "decision_reference": "国际司〔2026〕1号", "comment": "异议不成立。"}
    step(flow, entry, "examine", staff, decision)
    step(flow, entry, "approve_decision", lead, {"approve": "no", "comment": "请补充理由"})
    step(flow, entry, "examine", staff, decision)
    step(flow, entry, "approve_decision", lead, {"approve": "yes", "comment": ""})


def test_agreement_tasks(client, stranger):
    from agreement.flows import AgreementEntryFlow

    trace = walked_both_ways(client, stranger, agreement_scenario)
    human = {node.name for node in AgreementEntryFlow.instance.nodes() if node.task_type == "HUMAN"}
    assert nodes_of(trace) == human and trace[-1][1] == "protected"


# ------------------------------------------------------------------ national site pages (ADR 0054)


def site_page_scenario(walk):
    from promotion.actions import submit_site_page
    from promotion.flows import SitePageFlow
    from tests.promotion.conftest import PAGE_TEXT, bureau

    province_staff = make_member("AMR-330000", Role.STAFF)
    xxzx_staff, xxzx_lead = make_member("XXZX", Role.STAFF), make_member("XXZX", Role.LEAD)
    page = submit_site_page(actor=province_staff, bureau=bureau("AMR-330000"), product=longjing(), **PAGE_TEXT)
    walk.complete(SitePageFlow, page, "review", xxzx_staff, {"approve": "yes", "comment": ""})
    walk.complete(SitePageFlow, page, "publish", xxzx_lead, {"approve": "yes", "comment": "已发布"})


def test_site_page_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, site_page_scenario)
    assert nodes_of(trace) == {"review", "publish"} and trace[-1][1] == "published"


def zone_scenario(governments):
    """A demonstration zone from the province's recommendation to its naming (ADR 0050). The two
    waits (the draft list's 30 working days, the years of preparation) are shortened in the data."""

    def scenario(walk):
        from deadlines.models import Deadline
        from organizations.models import Region
        from tests.zones.conftest import mark_users, pdf
        from zones import actions as zone_actions
        from zones.clocks import DRAFT_LIST
        from zones.flows import ZoneFlow
        from zones.models import Zone

        government, code = governments.pop()
        bureau_staff = make_member(f"AMR-{code}", Role.STAFF)
        province_staff, province_lead = make_member("AMR-330000", Role.STAFF), make_member("AMR-330000", Role.LEAD)
        kjs_staff, kjs_lead = make_member("KJS", Role.STAFF), make_member("KJS", Role.LEAD)
        if not Zone.objects.exists():  # the second walk's zone (杭州市 ⊃ 西湖区) counts the same two
            mark_users(2)
        zone = zone_actions.zone_create(actor=bureau_staff, government=government, region=Region.objects.get(code=code))
        answers = {"standard_system": "标准", "testing_system": "检测", "quality_system": "质量"}
        answers |= {"producers_count": 3, "output_share": 70, "no_quality_accident": True}
        zone_actions.zone_update(actor=bureau_staff, zone=zone, answers=answers, products=[longjing()])
        zone_actions.policy_add(actor=bureau_staff, zone=zone, title="扶持政策", uploaded_file=pdf())
        zone = zone_actions.submit_zone(actor=bureau_staff, zone=zone)
        yes = {"approve": "yes", "comment": ""}
        walk.complete(ZoneFlow, zone, "recommend", province_staff, yes, invalid={"approve": "maybe"})
        walk.complete(ZoneFlow, zone, "approve_recommendation", province_lead, yes)
        walk.complete(ZoneFlow, zone, "review", kjs_staff, {"approve": "yes", "comment": "材料齐全"})
        walk.complete(ZoneFlow, zone, "approve_publication", kjs_lead, yes)
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        Deadline.objects.filter(rule_code=DRAFT_LIST, target_id=zone.pk).update(due_on=yesterday)
        walk.complete(ZoneFlow, zone, "approve_preparation", kjs_lead, yes)
        Zone.objects.filter(pk=zone.pk).update(preparation_until=timezone.localdate())
        zone_actions.annual_report_submit(actor=bureau_staff, zone=Zone.objects.get(pk=zone.pk), progress="进展")
        zone_actions.request_acceptance(actor=bureau_staff, zone=Zone.objects.get(pk=zone.pk))
        visit = {"approve": "yes", "experts": "专家组", "findings": "体系健全"}
        walk.complete(ZoneFlow, zone, "site_visit", province_staff, visit)
        walk.complete(ZoneFlow, zone, "assess", kjs_staff, {"approve": "yes", "assessment": "通过"})
        walk.complete(ZoneFlow, zone, "name_zone", kjs_lead, yes)

    return scenario


def test_zone_tasks(client, stranger):
    governments = [("杭州市人民政府", "330100"), ("杭州市西湖区人民政府", "330106")]
    trace = walked_both_ways(client, stranger, zone_scenario(governments))
    assert nodes_of(trace) == {
        "recommend",
        "approve_recommendation",
        "review",
        "approve_publication",
        "approve_preparation",
        "site_visit",
        "assess",
        "name_zone",
    }
    assert trace[-1][1] == "named"


# ------------------------------------------------------------------ what the list tells a client


def test_the_task_list_describes_the_form_to_send(client, stranger):
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    walk = Walk("api", client, stranger)
    walk.complete(EnforcementCaseFlow, case, "verify", bureau.inspectors[0], {"findings": "属实", "proposal": "file"})
    task = flows.open_task(EnforcementCaseFlow, case, "decide_filing")
    listed = as_fresh_request(bureau.lead).get(f"/api/tasks/{task.pk}/").json()
    form = {field["name"]: field for field in listed["form"]}
    assert form["decision"]["type"] == "choice" and form["decision"]["required"]
    assert [choice["value"] for choice in form["decision"]["choices"]] == ["file", "not_file", "transfer"]
    # The officers offered are the bureau's inspectors, by id, as the page offers them.
    assert form["officers"]["type"] == "multiple_choice" and not form["officers"]["required"]
    assert {choice["value"] for choice in form["officers"]["choices"]} == {str(i.pk) for i in bureau.inspectors}
    assert form["is_major"]["type"] == "boolean" and form["reason"]["type"] == "string"


# ------------------------------------------------------------------ rural revitalisation projects (ADR 0053)


def rural_scenario(walk):
    """A project of 西湖区 from the province's recommendation to the 计财司's acceptance of its final report."""
    from organizations.models import Department, Region
    from rural.actions import apply_for_project
    from rural.flows import RuralProjectFlow

    county_staff, province_lead = make_member("AMR-330106", Role.STAFF), make_member("AMR-330000", Role.LEAD)
    jcs_staff, jcs_lead = make_member("JCS", Role.STAFF), make_member("JCS", Role.LEAD)
    project = apply_for_project(
        actor=county_staff,
        bureau=Department.objects.get(code="AMR-330106"),
        title="茶园标准化与电商销售",
        region=Region.objects.get(code="330106"),
        products=[longjing()],
        summary="建设标准化茶园，开设网店。",
    )
    flow = RuralProjectFlow
    walk.complete(flow, project, "recommend", province_lead, {"recommend": "yes", "comment": "同意推荐"})
    evaluation = {"approve": "yes", "comment": "评审通过"}
    walk.complete(flow, project, "evaluate", jcs_staff, evaluation, invalid={"approve": "yes", "comment": ""})
    walk.complete(flow, project, "publish", jcs_lead, {"publish": "yes", "comment": ""})
    walk.complete(flow, project, "final_report", county_staff, {"report": "已建成茶园三处，网店销售120万元。"})
    walk.complete(flow, project, "review_final", jcs_staff, {"accept": "yes", "comment": ""})


def test_rural_project_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, rural_scenario)
    assert [step[0] for step in trace] == ["recommend", "evaluate", "publish", "final_report", "review_final"]
    assert trace[-1][1] == "completed"


# ------------------------------------------------------------------ brand evaluation rounds (ADR 0051)


def brand_scenario(years):
    """A round's call closed by the 质量司's staff and approved by its lead: the round's two task kinds
    (each later stage is the same two nodes with the stage's own fields: tests/brands)."""

    def scenario(walk):
        from brands import actions as brand_actions
        from brands.flows import BrandRoundFlow
        from organizations.models import Department
        from tests.brands.conftest import dossier

        zls_staff, zls_lead = make_member("ZLS", Role.STAFF), make_member("ZLS", Role.LEAD)
        year = years.pop()
        brand_round = brand_actions.open_round(
            actor=zls_staff,
            year=year,
            organiser=Department.objects.get(code="ZLS"),
            recommendations_due=datetime.date(year, 12, 31),
        )
        brand_actions.recommend(
            actor=make_member("AMR-330000", Role.STAFF),
            brand_round=brand_round,
            product=longjing(),
            has_plan=True,
            reason="品质优良",
            files=[dossier()],
        )
        too_long = {"comment": "长" * 4001}
        walk.complete(BrandRoundFlow, brand_round, "work", zls_staff, {"comment": "推荐截止"}, invalid=too_long)
        walk.complete(BrandRoundFlow, brand_round, "approve", zls_lead, {"approve": "yes", "comment": ""})

    return scenario


def test_brand_round_tasks(client, stranger):
    trace = walked_both_ways(client, stranger, brand_scenario([2027, 2026]))
    assert [step[0] for step in trace] == ["work", "approve"]
