"""Walk both regimes of the application flow through every path; after each step the
application's status and the process's open task agree."""

import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from audit.verification import verify_audit_chain
from cases.applications.announcements import ACCEPTANCE, APPROVAL, RECOGNITION
from cases.applications.services import expert_opinion_submit
from cases.models import Application, ExpertOpinion, ProtectedProduct, Regime
from cases.objections.services import (
    objection_decide,
    objection_decide_admissibility,
    objection_file,
    objection_reply,
)
from deadlines.models import Deadline
from documents.selectors import documents_for
from tests import flows
from tests.factories.applications import Cast, draft_application
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.jobs import fire_workflow_timers

# The objection window opens today: a fixed day; tests/deadlines/test_hard_dates.py covers its hard dates.
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

open_tasks = partial(flows.open_tasks, ApplicationFlow)
agree = partial(flows.agree, ApplicationFlow)
complete = flows.complete


@pytest.fixture
def cast():
    return Cast()


def submit(regime):
    applicant, application = draft_application(regime=regime)
    application_actions.submit(actor=applicant, application=application)
    return applicant, Application.objects.get(pk=application.pk)


def through_formal_examination(client, cast, regime):
    applicant, application = submit(regime)
    task = agree(application, "preliminary_examination", "preliminary_examination")
    complete(client, cast.province_staff, task, {"outcome": "accept"})
    task = agree(application, "formal_examination", "formal_examination")
    complete(client, cast.kjs_staff, task, {"outcome": "accept"})
    return applicant, application


def review(client, cast, application, outcome="pass"):
    task = agree(application, "technical_review", "convene_review")
    chair = cast.experts[0]
    complete(client, cast.kjs_staff, task, {"experts": [e.pk for e in cast.experts], "chair": chair.pk})
    task = agree(application, "technical_review", "conclude_review")
    assert task.owner == chair  # the chair records the conclusion, nobody else
    for opinion in ExpertOpinion.objects.filter(application=application, submitted_at__isnull=True):
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text="符合保护条件。", vote="approve")
    complete(client, chair, task, {"outcome": outcome, "conclusion": "专家组一致同意。"})


def announce(client, cast, application, kind):
    task = agree(application, "announcement_pending", "approve_announcement")
    complete(client, cast.kjs_lead, task, {"approve": "yes"})
    task = agree(application, "objection_window", "objection_window")
    application = Application.objects.get(pk=application.pk)
    assert documents_for(application, kind).count() == 1
    assert application.objection_window_closes > application.objection_window_opens
    return task


def let_window_pass(application, timer_task):
    """Time passes: the window closed yesterday and its timer is due; the worker fires it."""
    Application.objects.filter(pk=application.pk).update(
        objection_window_closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    Task.objects.filter(pk=timer_task.pk).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    assert fire_workflow_timers() >= 1


def approve(client, cast, application):
    task = agree(application, "approval_pending", "approve_protection")
    complete(client, cast.kjs_lead, task, {"approve": "yes"})
    agree(application, "protected", None, PROCESS.DONE)
    product = ProtectedProduct.objects.get(name="西湖藕粉")
    assert list(product.protected_area.values_list("code", flat=True)) == ["330106"]
    announcement = documents_for(application, APPROVAL).get()
    assert product.announcement_number == announcement.number
    # Protected from the approval announcement's date.
    assert product.protected_since == timezone.localdate(announcement.created_at)
    assert product.standard.startswith("DB33/T")
    assert verify_audit_chain().ok
    return product


def test_2023_regime_review_then_recognition_then_window_then_approval(client, cast):
    _applicant, application = through_formal_examination(client, cast, Regime.CNIPA_2023)
    review(client, cast, application)
    timer = announce(client, cast, application, RECOGNITION)
    let_window_pass(application, timer)
    approve(client, cast, application)


def test_2005_regime_window_before_review(client, cast):
    _applicant, application = through_formal_examination(client, cast, Regime.AQSIQ_2005)
    timer = announce(client, cast, application, ACCEPTANCE)
    let_window_pass(application, timer)
    review(client, cast, application)
    approve(client, cast, application)


def test_supplement_loop_repeats_and_keeps_each_round(client, cast):
    applicant, application = submit(Regime.CNIPA_2023)
    for round_number in (1, 2):
        task = agree(application, "preliminary_examination", "preliminary_examination")
        clock = Deadline.objects.get(task=task)
        assert clock.rule_code == "application.preliminary_examination" and clock.department.code == "AMR-330000"
        complete(client, cast.province_staff, task, {"outcome": "supplement", "comment": f"补充第{round_number}轮"})
        agree(application, "supplement_requested", "await_supplement")
        application_actions.resubmit(actor=applicant, application=application, comment=f"已补充第{round_number}轮")
    agree(application, "preliminary_examination", "preliminary_examination")
    assert Application.objects.get(pk=application.pk).supplement_rounds == 2


def test_defect_notice_goes_back_through_the_province(client, cast):
    applicant, application = submit(Regime.AQSIQ_2005)
    complete(
        client,
        cast.province_staff,
        agree(application, "preliminary_examination", "preliminary_examination"),
        {"outcome": "accept"},
    )
    task = agree(application, "formal_examination", "formal_examination")
    clock = Deadline.objects.get(task=task)
    assert clock.rule_code == "application.formal_examination" and clock.department.code == "KJS"
    complete(client, cast.kjs_staff, task, {"outcome": "defect", "comment": "产地范围图不清晰"})
    agree(application, "defect_notice", "await_supplement")
    application_actions.resubmit(actor=applicant, application=application, comment="已重新绘制产地范围图")
    agree(application, "preliminary_examination", "preliminary_examination")


def test_objection_rejected_lets_the_application_proceed(client, cast):
    applicant, application = through_formal_examination(client, cast, Regime.AQSIQ_2005)
    timer = announce(client, cast, application, ACCEPTANCE)
    objection = objection_file(
        application=application,
        objector_name="某茶叶公司",
        objector_id_code="91330106MA00000003",
        contact="0571-88888888",
        grounds="产地范围划定过宽。",
    )
    objection_decide_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    objection_reply(actor=applicant, objection=objection, reply="产地范围依据县志与土壤普查划定。")
    let_window_pass(application, timer)
    task = agree(application, "objection_handling", "handle_objections")
    with pytest.raises(ValidationError):  # objections are decided before the handling ends
        from cases.applications.services import application_conclude_objections

        application_conclude_objections(actor=cast.fgs_staff, application=application, outcome="proceed", comment="x")
    objection_decide(actor=cast.fgs_staff, objection=objection, sustain=False, reason="异议理由不成立。")
    complete(client, cast.fgs_staff, task, {"outcome": "proceed", "comment": "异议已驳回"})
    agree(application, "technical_review", "convene_review")


def test_objection_sustained_returns_or_rejects(client, cast):
    applicant, application = through_formal_examination(client, cast, Regime.AQSIQ_2005)
    timer = announce(client, cast, application, ACCEPTANCE)
    objection = objection_file(
        application=application,
        objector_name="张三",
        objector_id_code="33010619900101123X",
        contact="z@example.org",
        grounds="名称与已有商标冲突。",
    )
    objection_decide_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    let_window_pass(application, timer)
    task = agree(application, "objection_handling", "handle_objections")
    objection_decide(actor=cast.fgs_staff, objection=objection, sustain=True, reason="异议成立。")
    # A sustained objection cannot be waved through.
    complete(client, cast.fgs_staff, task, {"outcome": "proceed", "comment": "继续"}, expect=200)
    task = agree(application, "objection_handling", "handle_objections")
    complete(client, cast.fgs_staff, task, {"outcome": "return", "comment": "请修改名称"})
    agree(application, "supplement_requested", "await_supplement")
    application_actions.resubmit(actor=applicant, application=application, comment="已修改")
    agree(application, "preliminary_examination", "preliminary_examination")


def test_rejection_is_proposed_by_staff_and_decided_by_their_lead(client, cast):
    _applicant, application = submit(Regime.CNIPA_2023)
    task = agree(application, "preliminary_examination", "preliminary_examination")
    complete(client, cast.province_staff, task, {"outcome": "reject", "comment": "不属于地理标志产品范围"})
    task = agree(application, "rejection_proposed", "decide_rejection")
    assert task.owner_permission_obj_pk == str(Application.objects.get(pk=application.pk).rejection_department_id)
    complete(client, cast.province_lead, task, {"approve": "no", "comment": "请再审"})
    task = agree(application, "preliminary_examination", "preliminary_examination")
    complete(client, cast.province_staff, task, {"outcome": "reject", "comment": "确不符合"})
    complete(
        client,
        cast.province_lead,
        agree(application, "rejection_proposed", "decide_rejection"),
        {"approve": "yes", "comment": "同意不予受理"},
    )
    agree(application, "rejected", None, PROCESS.DONE)


def test_a_failed_review_is_a_rejection_the_lead_confirms(client, cast):
    _applicant, application = through_formal_examination(client, cast, Regime.CNIPA_2023)
    review(client, cast, application, outcome="reject")
    task = agree(application, "rejection_proposed", "decide_rejection")
    complete(client, cast.kjs_lead, task, {"approve": "yes", "comment": "专家审查未通过"})
    agree(application, "rejected", None, PROCESS.DONE)


def test_withdrawal_cancels_the_open_task(client, cast):
    applicant, application = submit(Regime.CNIPA_2023)
    application_actions.withdraw(actor=applicant, application=application, reason="合并申请")
    agree(application, "withdrawn", None, PROCESS.CANCELED)


def test_an_objection_the_day_after_the_window_is_refused_with_its_closing_date(client, cast):
    _applicant, application = through_formal_examination(client, cast, Regime.AQSIQ_2005)
    announce(client, cast, application, ACCEPTANCE)
    closed = timezone.localdate() - datetime.timedelta(days=1)
    Application.objects.filter(pk=application.pk).update(objection_window_closes=closed)
    with pytest.raises(ValidationError) as refused:
        objection_file(
            application=application,
            objector_name="李四",
            objector_id_code="33010619900101123X",
            contact="13800000000",
            grounds="晚了一天。",
        )
    assert f"{closed.year}年{closed.month}月{closed.day}日" in str(refused.value) or closed.isoformat() in str(
        refused.value
    )
    assert not application.objections.exists()


def test_only_the_provincial_bureau_of_the_application_gets_its_examination(cast):
    from organizations.models import Role
    from tests.factories import make_member

    _applicant, application = submit(Regime.CNIPA_2023)
    task = agree(application, "preliminary_examination", "preliminary_examination")
    assert list(Task.objects.queue([ApplicationFlow], cast.province_staff)) == [task]
    assert list(Task.objects.queue([ApplicationFlow], make_member("AMR-350000", Role.STAFF))) == []
    assert list(Task.objects.queue([ApplicationFlow], cast.kjs_staff)) == []


def test_announcements_embed_a_cjk_font_and_name_the_product(client, cast, tmp_path):
    from tests.documents.test_rendering import pdf_fonts, pdf_text

    _applicant, application = through_formal_examination(client, cast, Regime.AQSIQ_2005)
    announce(client, cast, application, ACCEPTANCE)
    pdf = documents_for(application, ACCEPTANCE).get().file.read()
    cjk = [row for row in pdf_fonts(pdf, tmp_path) if "CJK" in row[0]]
    assert cjk and all(row[-5] == "yes" for row in cjk), cjk  # embedded, so it renders anywhere
    text = pdf_text(pdf, tmp_path)
    assert "西湖藕粉" in text and "受理公告" in text and "异议" in text
