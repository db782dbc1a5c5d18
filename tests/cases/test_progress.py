"""The progress selectors behind the stepper: every status of each kind maps to a step, the step
now is marked, the ends are all done, and the words come out in Chinese."""

import pytest
from django.utils import translation

from cases.applications import progress as application_progress
from cases.common.progress import CURRENT, DONE, TODO
from cases.declarations import progress as declaration_progress
from cases.declarations.services import declaration_check_in_process, declaration_submit
from cases.enforcement import progress as report_progress
from cases.models import Application, Declaration, EnforcementCase, Objection, Purpose, Regime
from cases.objections import progress as objection_progress
from tests.factories.applications import Cast, draft_application
from tests.factories.cases import draft_declaration, longjing
from tests.factories.enforcement import hangzhou_bureau
from tests.factories.tracking import (
    application_open_to_objections,
    file_it,
    objection_to,
    refuse_to_file,
    reported_case,
)
from workflows.applications import actions as application_actions

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def states(steps) -> list[str]:
    return [step.state for step in steps]


def labels(steps) -> list[str]:
    return [str(step.label) for step in steps]


def at(model_object, status: str):
    """The same row in another status: protected FSM fields are set past the transitions here,
    to ask the selector about every status, not only those a walk reaches."""
    type(model_object).objects.filter(pk=model_object.pk).update(status=status)
    return type(model_object).objects.get(pk=model_object.pk)


def assert_well_formed(steps, *, ended: bool) -> None:
    assert steps and all(step.state in (DONE, CURRENT, TODO) for step in steps)
    if ended:
        assert set(states(steps)) == {DONE}
    else:
        assert states(steps).count(CURRENT) == 1
        current = states(steps).index(CURRENT)
        assert set(states(steps)[:current]) <= {DONE} and set(states(steps)[current + 1 :]) <= {TODO}


# ---------------------------------------------------------------- reports (enforcement cases)


def test_every_case_status_has_a_public_stage():
    assert set(report_progress.PUBLIC_STAGE_OF_STATUS) == set(EnforcementCase.Status.values)


@pytest.mark.parametrize("status", EnforcementCase.Status.values)
def test_each_case_status_is_one_step_of_the_report(status):
    case = at(reported_case(), status)
    steps = report_progress.report_steps(case)
    ended = report_progress.public_stage(status) in report_progress.ENDS
    assert_well_formed(steps, ended=ended)
    assert all(step.body == "杭州市市场监督管理局" for step in steps)


def test_a_report_received_then_filed_then_closed_in_chinese():
    hangzhou = hangzhou_bureau()
    case = reported_case()
    with translation.override("zh-hans"):
        steps = report_progress.report_steps(case)
        assert labels(steps) == ["已受理", "核查举报线索", "立案调查", "结案"]
        assert states(steps) == [DONE, CURRENT, TODO, TODO]
        assert steps[0].date == case.created_at and steps[1].date is not None
        assert report_progress.report_progress(case).outcome == ""

        file_it(case, hangzhou)
        case = EnforcementCase.objects.get(pk=case.pk)
        progress = report_progress.report_progress(case)
        assert states(progress.steps) == [DONE, DONE, CURRENT, TODO]
        assert str(progress.outcome) == "已立案" and progress.outcome_date is not None
        assert progress.handled_by == "杭州市市场监督管理局"
        # Nothing internal: the verification findings and the filing reason stay out.
        assert progress.reason == ""

        case = at(case, EnforcementCase.Status.CLOSED)
        EnforcementCase.objects.filter(pk=case.pk).update(outcome="penalty")
        progress = report_progress.report_progress(EnforcementCase.objects.get(pk=case.pk))
        assert str(progress.outcome) == "已结案：行政处罚" and progress.current is None


def test_a_report_not_filed_ends_there_with_the_leads_reason():
    case = reported_case()
    refuse_to_file(case, hangzhou_bureau(), reason="举报所涉商品已下架，现有证据不足以认定违法。")
    with translation.override("zh-hans"):
        progress = report_progress.report_progress(EnforcementCase.objects.get(pk=case.pk))
        assert labels(progress.steps) == ["已受理", "核查举报线索", "不予立案"]
        assert states(progress.steps) == [DONE, DONE, DONE]
        assert str(progress.outcome) == "不予立案" and progress.reason.startswith("举报所涉商品已下架")


def test_a_terminated_investigation_tells_no_reason():
    case = at(reported_case(), EnforcementCase.Status.TERMINATED)
    EnforcementCase.objects.filter(pk=case.pk).update(closing_reason="内部：当事人死亡")
    progress = report_progress.report_progress(EnforcementCase.objects.get(pk=case.pk))
    assert progress.reason == "" and labels(progress.steps)[-1] == "终止调查"


# ---------------------------------------------------------------- objections


def test_every_objection_status_has_a_stage():
    assert set(objection_progress.STAGE_OF_STATUS) == set(Objection.Status.values)


@pytest.fixture
def objection():
    return objection_to(application_open_to_objections(Cast()))


@pytest.mark.parametrize("status", Objection.Status.values)
def test_each_objection_status_is_one_step(objection, status):
    objection = at(objection, status)
    steps = objection_progress.objection_steps(objection)
    assert_well_formed(steps, ended=objection.is_decided)
    assert {step.body for step in steps} == {"法规司"}


def test_an_objection_admitted_then_decided_in_chinese(objection):
    fgs = Cast().fgs_staff
    with translation.override("zh-hans"):
        progress = objection_progress.objection_progress(objection)
        assert labels(progress.steps) == ["提交异议", "受理审查", "异议审查", "作出决定"]
        assert states(progress.steps) == [DONE, CURRENT, TODO, TODO]
        assert progress.handled_by == "法规司" and progress.current.note == "法规司正在审查异议是否予以受理。"

        application_actions.decide_objection_admissibility(actor=fgs, objection=objection, admissible=True)
        progress = objection_progress.objection_progress(Objection.objects.get(pk=objection.pk))
        assert labels(progress.steps)[1] == "已受理" and states(progress.steps) == [DONE, DONE, CURRENT, TODO]
        assert str(progress.outcome) == "已受理" and progress.outcome_date is not None

        Application.objects.filter(pk=objection.application_id).update(status="objection_handling")
        application_actions.decide_objection(actor=fgs, objection=objection, sustain=False, reason="异议理由不成立。")
        progress = objection_progress.objection_progress(Objection.objects.get(pk=objection.pk))
        assert labels(progress.steps)[-1] == "异议不成立" and set(states(progress.steps)) == {DONE}
        assert str(progress.outcome) == "异议不成立" and progress.reason == "异议理由不成立。"


def test_an_inadmissible_objection_ends_at_admissibility(objection):
    application_actions.decide_objection_admissibility(
        actor=Cast().fgs_staff, objection=objection, admissible=False, reason="异议人未说明理由。"
    )
    with translation.override("zh-hans"):
        progress = objection_progress.objection_progress(Objection.objects.get(pk=objection.pk))
        assert labels(progress.steps) == ["提交异议", "不予受理"]
        assert str(progress.outcome) == "不予受理" and progress.reason == "异议人未说明理由。"


# ---------------------------------------------------------------- applications (the applicant's portal)


def test_every_application_status_has_a_stage():
    assert set(application_progress.STAGE_OF_STATUS) == set(Application.Status.values)


@pytest.mark.parametrize("purpose", [Purpose.PROTECTION, Purpose.MINOR_AMENDMENT])
@pytest.mark.parametrize("regime", Regime.values)
@pytest.mark.parametrize("status", Application.Status.values)
def test_each_application_status_is_one_step(status, regime, purpose):
    stage = application_progress.STAGE_OF_STATUS[status]
    if purpose == Purpose.MINOR_AMENDMENT and stage not in (None, *application_progress.MINOR_AMENDMENT_ORDER):
        pytest.skip("a minor amendment is neither announced nor reviewed by experts")
    _applicant, application = draft_application(regime=regime)
    Application.objects.filter(pk=application.pk).update(
        purpose=purpose, rejection_stage=Application.Status.FORMAL_EXAMINATION
    )
    application = at(application, status)
    steps = application_progress.application_steps(application)
    ended = status in (*application_progress.ENDED, Application.Status.PROTECTED, Application.Status.AMENDED)
    assert_well_formed(steps, ended=ended)


def test_the_applicant_sees_the_stages_of_its_regime_and_who_acts():
    cast = Cast()
    with translation.override("zh-hans"):
        application = application_open_to_objections(cast, regime=Regime.AQSIQ_2005)
        steps = application_progress.application_steps(application)
        assert labels(steps) == ["填写申请", "初审", "形式审查", "受理公告", "异议期", "技术审查", "批准公告"]
        assert states(steps) == [DONE, DONE, DONE, DONE, CURRENT, TODO, TODO]
        assert steps[1].body == "浙江省市场监督管理局" and steps[4].body == "法规司"
        assert steps[4].note.startswith("异议期至") and all(step.date for step in steps[:5])

        _applicant, later = draft_application(regime=Regime.CNIPA_2023, product_name="西湖莼菜")
        later = at(later, Application.Status.SUPPLEMENT_REQUESTED)
        steps = application_progress.application_steps(later)
        assert labels(steps)[3:6] == ["技术审查", "初步认定公告", "异议期"]
        assert steps[1].is_current and steps[1].body == later.applicant.name
        assert steps[1].note == "等待您补正材料。"


def test_a_withdrawn_application_ends_after_the_stage_it_left():
    applicant, application = draft_application()
    application_actions.submit(actor=applicant, application=application)
    application_actions.withdraw(actor=applicant, application=application, reason="另行申请")
    with translation.override("zh-hans"):
        steps = application_progress.application_steps(Application.objects.get(pk=application.pk))
    assert labels(steps) == ["填写申请", "初审", "已撤回"] and set(states(steps)) == {DONE}


# ---------------------------------------------------------------- declarations (the producer's portal)


def test_every_declaration_status_has_a_stage():
    assert set(declaration_progress.STAGE_OF_STATUS) == set(Declaration.Status.values)


@pytest.mark.parametrize("status", Declaration.Status.values)
def test_each_declaration_status_is_one_step(status):
    producer, declaration = draft_declaration(product=longjing())
    if status != Declaration.Status.DRAFT:
        declaration = declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True)
    steps = declaration_progress.declaration_steps(at(declaration, status))
    assert_well_formed(steps, ended=status in declaration_progress.ENDED)


def test_the_producer_sees_the_bureaus_check_then_the_use_of_the_mark():
    from organizations.models import Role
    from tests.factories import make_member

    producer, declaration = draft_declaration(product=longjing())
    declaration = declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True)
    with translation.override("zh-hans"):
        steps = declaration_progress.declaration_steps(declaration)
        assert labels(steps) == ["填写声明", "声明并公示", "属地局事中核查", "使用专用标志，接受监管"]
        assert states(steps) == [DONE, DONE, CURRENT, TODO] and steps[2].body.endswith("西湖区市场监督管理局")

        staff = make_member("AMR-330106", Role.STAFF)
        declaration_check_in_process(actor=staff, declaration=declaration, outcome="ok")
        steps = declaration_progress.declaration_steps(Declaration.objects.get(pk=declaration.pk))
        assert states(steps) == [DONE, DONE, DONE, CURRENT] and steps[2].date is not None
