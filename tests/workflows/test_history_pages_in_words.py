"""Every staff case page tells its history in Chinese sentences: no registered action code, no
state code, no raw boolean in the text a person reads (the codes stay in the audit export)."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from audit.actions import registered_actions
from audit.models import AuditEvent
from cases.models import Declaration, ProductRevocation
from cases.objections.services import objection_decide_admissibility
from organizations.models import Role
from reports.actions import submit_report
from reports.services import report_update, reports_open_period
from tests import flows
from tests.factories import make_member
from tests.factories.applications import Cast, objection_with_evidence
from tests.factories.cases import draft_declaration, longjing
from tests.factories.enforcement import hangzhou_bureau
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.reports.conftest import ANSWERS, PERIOD, YEAR
from tests.workflows.test_application_pages import announced
from tests.workflows.test_enforcement_flow import file_case, report
from tests.workflows.test_plain_pages import visible_text
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.flows import DeclarationFlow
from workflows.enforcement.actions import pause_clock, resume_clock
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.products.flows import ProductRevocationFlow
from workflows.supervision.flows import SupervisionCheckFlow

# The objection window and the statistics period are counted from today: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def state_codes() -> set[str]:
    """Every status code a case of any kind (and a viewflow task or process) can be in."""
    codes = {str(value) for value in [*STATUS, *PROCESS]}
    for model in apps.get_models():
        status = getattr(model, "Status", None)
        if status is not None and hasattr(status, "values"):
            codes |= {str(value) for value in status.values}
    return codes


ACTION_CODES = set(registered_actions())
STATE_CODES = state_codes()


def assert_in_words(html: str) -> str:
    """The page's visible text names no action or state by its code and shows no raw boolean."""
    text = visible_text(html)
    shown_actions = sorted(code for code in ACTION_CODES if code in text)
    assert shown_actions == [], shown_actions
    shown_states = sorted(code for code in STATE_CODES if re.search(rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", text))
    assert shown_states == [], shown_states
    assert not re.search(r"\b(True|False|None)\b", text), re.findall(r".{0,40}\b(?:True|False|None)\b.{0,40}", text)
    snake = re.findall(r"(?<![\w.])[a-z]+(?:_[a-z]+)+(?![\w.])", text)  # any other code_like_this
    assert snake == [], snake
    return " ".join(text.split()).replace(" ：", "：")  # one line, as the sentences read


def page(client, user, url) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(user)
    # The walks post with an English cookie (their refusals are asserted in English) and never follow
    # a redirect: the messages they left, in English, are shown once here, then the page is read.
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200, url
    return assert_in_words(response.content.decode())


def events_on(target) -> int:
    return AuditEvent.objects.filter(target_id=str(target.pk), target_type__model=target._meta.model_name).count()


def test_the_enforcement_case_page(client):
    """A case walked from the clue to its archive: verify, file, evidence, clock stopped and
    restarted, report, review, approval, decision, service (directly), closure."""
    bureau = hangzhou_bureau()
    walk = file_case(client, bureau)  # verified, then filed by the lead
    case = walk.refresh()
    pause_clock(actor=bureau.inspectors[0], case=case, reason="testing", comment="送检")
    resume_clock(actor=bureau.inspectors[0], case=walk.refresh(), comment="检验报告已出")
    report(walk, bureau, outcome="no_penalty", fine="")  # evidence, then the report
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "同意不予处罚"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes"})
    walk.step(bureau.lead, "decision", "decide", {"outcome": "no_penalty", "grounds": "首违不罚"})
    served = {"served_on": timezone.localdate().isoformat(), "method": "direct"}
    walk.step(bureau.inspectors[0], "service", "serve_decision", served)
    walk.step(bureau.inspectors[0], "closure", "close", {"summary": "不予处罚，已结案"})
    walk.step(bureau.reviewer, "closed", "archive", {"confirm": "on"})
    assert events_on(case) >= 12

    text = page(client, bureau.lead, f"/enforcement/{case.pk}/?history=all")
    inspector = bureau.inspectors[0]
    assert f"杭州市市场监督管理局 {inspector.full_name}" in text
    assert "核查线索 → 待决定是否立案" in text and "：现场核实属实" in text
    assert "送达处罚决定书 → 待结案（直接送达，" in text  # the service method in words, not `direct`
    assert "决定立案 → 调查中（重大案件：否）" in text

    process = EnforcementCaseFlow.process_class.objects.get(flow_class=EnforcementCaseFlow, artifact_object_id=case.pk)
    text = page(client, bureau.lead, EnforcementCaseFlow.instance.reverse("process_detail", args=[process.pk]))
    assert "送达处罚决定书 → 待结案（直接送达，" in text and "direct" not in text


def test_the_application_staff_page_with_an_objection(client):
    cast = Cast()
    applicant, application = announced(cast)
    objection = objection_with_evidence(application)
    objection_decide_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)

    text = page(client, cast.kjs_staff, reverse("applications:detail", args=[application.pk]))
    assert f"{application.applicant.name} {applicant.full_name} 已提交省局 → 初审中" in text
    assert f"异议予以受理 → 待申请机构答复（{objection.reference}）" in text

    process = ApplicationFlow.process_class.objects.get(flow_class=ApplicationFlow, artifact_object_id=application.pk)
    text = page(client, cast.kjs_staff, ApplicationFlow.instance.reverse("process_detail", args=[process.pk]))
    assert f"异议予以受理 → 待申请机构答复（{objection.reference}）" in text


def test_the_declaration_process_page(client):
    staff = make_member("AMR-330106", Role.STAFF)
    producer, draft = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
    declaration = Declaration.objects.get(pk=draft.pk)
    task = flows.agree(DeclarationFlow, declaration, "published", "in_process_check")
    flows.complete(client, staff, task, {"outcome": "correction", "comment": "标签缺少专用标志编号"})

    text = page(client, staff, DeclarationFlow.instance.reverse("process_detail", args=[task.process_id]))
    assert "监管部门要求更正 → 待更正：标签缺少专用标志编号" in text
    assert re.search(r"创建时间 2026-06-15 1\d:\d\d", text)  # the process's facts in local time too (UTC: 02:00)
    assert f"#{task.process_id}" not in text and f"{task.process_id}/{task.pk}" not in text  # no task ids
    assert "事中核查" in text and "自动分流" not in text  # the steps taken, not the gateways between them


def test_the_supervision_check_and_campaign_pages(client):
    published_declarations(2)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    (check,) = draw_and_open(actor=lead, campaign=campaign, seed="fixed-seed")
    task = flows.agree(SupervisionCheckFlow, check, "drawn", "inspect")
    data = {**PASSING, "outcome": "compliant", "findings": "标签规范", "refer_to_enforcement": "on"}
    data["referral_reason"] = "另发现外地茶叶冒用标志"
    flows.complete(client, check.inspector_a, task, data)

    text = page(client, lead, SupervisionCheckFlow.instance.reverse("process_detail", args=[task.process_id]))
    assert "被抽中监督检查 → 检查中" in text and "检查合格 → 合格（已移送执法）：标签规范" in text

    text = page(client, lead, reverse("supervision:detail", args=[campaign.pk]))
    assert "制定监督检查计划 → 已计划" in text and "抽取检查对象并公开 → 已抽取并公开" in text
    assert "⚑" not in text and "已移送执法" in text


def test_the_product_revocation_process_page(client):
    cast = Cast()
    product = longjing()
    ProductRevocationFlow.start.run(actor=cast.kjs_staff, product=product, ground="not_used", reasons="长期未使用")
    revocation = ProductRevocation.objects.get()
    task = flows.open_task(ProductRevocationFlow, revocation.pk)
    flows.complete(client, cast.kjs_lead, task, {"approve": "no", "comment": "仍在使用"})

    text = page(client, cast.kjs_lead, ProductRevocationFlow.instance.reverse("process_detail", args=[task.process_id]))
    assert f"科技司 {cast.kjs_staff.full_name} 提出撤销保护 → " in text
    assert "不予撤销保护" in text and "not_used" not in text

    text = page(client, cast.kjs_staff, reverse("applications:product", args=[product.pk]))
    assert f"科技司 {cast.kjs_lead.full_name} 不予撤销保护：仍在使用" in text


def test_the_statistics_report_page(client):
    officer = make_member("AMR-330000", Role.STATISTICS_OFFICER)
    report = next(r for r in reports_open_period(actor=None, year=YEAR, period=PERIOD) if r.province.code == "330000")
    report_update(actor=officer, report=report, answers=ANSWERS)
    submit_report(actor=officer, report=report)

    text = page(client, officer, reverse("reports:detail", args=[report.pk]))
    assert "系统 报表开启 → 草稿" in text and f"浙江省市场监督管理局 {officer.full_name} 报表提交 → " in text
