"""The demo's people can do every step of the demo's casework without an administrator.

Who may complete a task is decided in two places: the node's permission (which lists offer it)
and the service's own checks at completion (the officers of the case, not an officer for the
review, the lead, the bureau with jurisdiction). `who_may_complete` asks both: the node as
viewflow does, and the service by running the task's own decision function with empty input in
a savepoint that is always rolled back: a refusal is a PermissionDenied raised before the input
is looked at; anything else (a validation error on the empty input, a refused transition, or
success) means the rules let that person through.
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.nodes import View
from viewflow.workflow.status import STATUS

from cases.applications.selectors import eligible_experts
from cases.applications.services import MIN_EXPERTS
from cases.enforcement.services import case_add_evidence
from cases.models import EnforcementCase
from demo.personas import ENTERPRISES, STAFF
from organizations.models import Department, Membership, Role
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import completion_for, flow_classes, node_completion, task_assign, task_complete

pytestmark = pytest.mark.django_db

ALL_FLOWS = [*flow_classes()]
try:  # the statistics report's flow lives in its own app, outside the staff frontend's registry
    from reports.flows import StatisticsReportFlow

    ALL_FLOWS.append(StatisticsReportFlow)
except ImportError:  # pragma: no cover
    pass

# The bureaus where the demo's enforcement cases arise: the demo's complaint (西湖区) and the
# production regions of its producers (a supervision referral goes to that bureau), and 五常市.
ENFORCEMENT_BUREAUS = ("AMR-330106", "AMR-350524", "AMR-230184")
DEMO_PROVINCES = ("AMR-330000", "AMR-350000", "AMR-230000")


class _RolledBack(Exception):
    pass


def _empty(field) -> object:
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return []
    if isinstance(field, forms.BooleanField):
        return False
    if isinstance(field, forms.CharField | forms.ChoiceField) and not isinstance(field, forms.TypedChoiceField):
        return ""
    return None


def service_lets_through(user, task) -> bool:
    """Run the task's decision as `user` with empty input; True unless a PermissionDenied says no."""
    completion = completion_for(task)
    assert completion is not None, f"{task.flow_task} has no decision to probe"
    form = completion.form(task.process)
    data = {name: _empty(field) for name, field in form.fields.items()}
    activation = task.flow_task.activation_class(task)
    try:
        with transaction.atomic():
            try:
                completion.decide(actor=user, activation=activation, data=data)
            except (ValidationError, PermissionDenied):
                raise
            except Exception as error:  # a refused transition, a missing value: past the rules
                if isinstance(error, TypeError | KeyError | AttributeError):
                    raise AssertionError(f"{task.flow_task}: probe stopped before the service: {error!r}") from error
                raise _RolledBack from error
            raise _RolledBack
    except PermissionDenied:
        return False
    except (ValidationError, _RolledBack):
        return True


def node_offers(user, task) -> bool:
    node = task.flow_task
    if task.owner_id:
        return task.owner_id == user.pk and node.can_execute(user, task)
    return node.can_assign(user, task)


def demo_users():
    names = [p.username for p in STAFF] + [p.username for p in ENTERPRISES]
    return list(get_user_model().objects.filter(username__in=names).order_by("username"))


def who_may_complete(task) -> list[str]:
    task = Task.objects.select_related("process", "owner").get(pk=task.pk)
    return [user.username for user in demo_users() if node_offers(user, task) and service_lets_through(user, task)]


def open_human_tasks(process=None):
    tasks = Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).select_related("process")
    if process is not None:
        tasks = tasks.filter(process=process)
    return [task for task in tasks.order_by("pk") if isinstance(task.flow_task, View)]


def seed():
    call_command("seed_demo", stdout=StringIO())


# ------------------------------------------------------------------ the rules, read from the flows


def test_every_human_task_of_every_flow_has_a_decision_to_probe():
    """A new human node without a decision function would escape the checks below."""
    for flow_class in ALL_FLOWS:
        for node in flow_class.instance.nodes():
            if isinstance(node, View):
                assert node_completion(node) is not None, f"{flow_class.__name__}.{node.name}"


def test_the_bureaus_that_handle_enforcement_can_file_review_and_decide():
    """Filing needs two inspectors; 案件审核 someone of the bureau who is not an officer, whichever
    two the lead chooses; the lead decides; the hearing and the archive are the bureau staff's."""
    seed()
    for code in ENFORCEMENT_BUREAUS:
        bureau = Department.objects.get(code=code)
        members = Membership.objects.filter(department=bureau, is_active=True)
        inspectors = set(members.filter(role=Role.INSPECTOR).values_list("user_id", flat=True))
        staff = set(members.filter(role=Role.STAFF).values_list("user_id", flat=True))
        assert len(inspectors) >= 2, code
        assert members.filter(role=Role.LEAD).exists(), code
        for first in inspectors:
            for second in inspectors - {first}:
                assert staff - {first, second}, f"{code}: no reviewer when {first} and {second} investigate"


def test_experts_leads_and_statistics_officers_are_there():
    seed()
    # More than the minimum: 科技司 chooses, and a conflicted expert can be left out.
    assert eligible_experts().count() >= MIN_EXPERTS + 2
    for code in DEMO_PROVINCES:
        members = Membership.objects.filter(department__code=code, is_active=True)
        for role in (Role.LEAD, Role.STATISTICS_OFFICER, Role.STAFF):
            assert members.filter(role=role).exists(), (code, role)
    for code in ("KJS", "FGS"):
        members = Membership.objects.filter(department__code=code, is_active=True)
        assert members.filter(role=Role.LEAD).exists() and members.filter(role=Role.STAFF).exists(), code


def test_staff_full_names_are_unique_people_without_their_bureau():
    # Pages show the bureau beside the person ("西湖区局 · 杨帆"); a name that carried it too read
    # "西湖区局 西湖区局 杨帆".
    names = [persona.full_name for persona in STAFF + ENTERPRISES]
    assert len(names) == len(set(names))
    assert all(2 <= len(name) <= 4 and " " not in name and "局" not in name for name in names), names


# ------------------------------------------------------------------ the casework, step by step


def test_every_open_task_the_demo_leaves_can_be_completed_by_a_demo_persona():
    seed()
    tasks = open_human_tasks()
    assert tasks
    for task in tasks:
        assert who_may_complete(task), f"no demo persona may complete {task.flow_task} of {task.process}"


class Journey:
    """Completes each next task of one process as the named persona, after checking that the
    persona is among those the node offers it to and the service lets through."""

    def __init__(self, process):
        self.process = process
        self.logins = []

    def step(self, node_name: str, username: str, data: dict) -> list[str]:
        (task,) = open_human_tasks(self.process)
        assert task.flow_task.name == node_name, (task.flow_task.name, node_name)
        candidates = who_may_complete(task)
        assert username in candidates, (node_name, username, candidates)
        user = get_user_model().objects.get(username=username)
        if task.owner_id is None:
            task_assign(actor=user, task=task)
        task_complete(actor=user, task=Task.objects.get(pk=task.pk), data=data)
        self.logins.append(username)
        return candidates


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("hearing", [False, True], ids=["defence", "hearing"])
def test_the_demo_complaint_goes_from_verification_to_archive_with_demo_people(hearing):
    """The README's enforcement journey, with the logins it names, through the task decisions."""
    start = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))  # a Tuesday
    with time_machine.travel(start, tick=False) as clock:
        seed()
        case = EnforcementCase.objects.get()
        journey = Journey(
            EnforcementCaseFlow.process_class.objects.get(flow_class=EnforcementCaseFlow, artifact_object_id=case.pk)
        )
        journey.step("verify", "xh_county_staff", {"findings": "现场核实属实", "proposal": "file"})
        officers = [_user("xh_county_staff").pk, _user("xh_county_inspector").pk]
        journey.step("decide_filing", "xh_county_lead", {"decision": "file", "officers": officers, "reason": "立案"})
        case_add_evidence(
            actor=_user("xh_county_staff"),
            case=case,
            kind="document",
            description="进货单据",
            second_officer=_user("xh_county_inspector"),
        )
        journey.step(
            "investigate",
            "xh_county_staff",
            {"action": "report", "report": "产自保护地域以外", "proposed_outcome": "penalty", "proposed_fine": "20000"},
        )
        candidates = journey.step("review", "xh_county_reviewer", {"approve": "yes", "opinion": "事实清楚"})
        assert "xh_county_staff" not in candidates and "xh_county_inspector" not in candidates
        journey.step("approve", "xh_county_lead", {"approve": "yes", "comment": ""})
        journey.step("serve_notice", "xh_county_staff", {"served_on": "2026-12-01", "method": "direct"})
        if hearing:
            journey.step(
                "record_defence",
                "xh_county_staff",
                {"hearing_requested": "on", "hearing_at": "2026-12-10T09:30", "hearing_place": "西湖区局听证室"},
            )
            clock.move_to(timezone.make_aware(datetime.datetime(2026, 12, 10, 11, 0)))
            journey.step("hold_hearing", "xh_county_reviewer", {"record": "当事人到场陈述"})
        else:
            # The party's 5 working days (to 2026-12-08) run out before the case goes on.
            clock.move_to(timezone.make_aware(datetime.datetime(2026, 12, 9, 9, 0)))
            journey.step("record_defence", "xh_county_staff", {"defence": "当事人称不知产地要求"})
        journey.step("recheck", "xh_county_inspector", {"opinion": "维持原处罚意见"})
        journey.step(
            "decide", "xh_county_lead", {"outcome": "penalty", "fine": "20000", "grounds": "违反地理标志产品保护规定"}
        )
        today = timezone.localdate().isoformat()
        journey.step("serve_decision", "xh_county_staff", {"served_on": today, "method": "direct"})
        journey.step("record_execution", "xh_county_staff", {"paid_on": today, "amount_paid": "20000"})
        journey.step("close", "xh_county_staff", {"summary": "罚款已缴纳，结案"})
        journey.step("archive", "xh_county_reviewer", {"confirm": "on"})
        assert EnforcementCase.objects.get(pk=case.pk).status == "archived"
        assert not open_human_tasks(journey.process)


def _process(flow_class, artifact):
    return flow_class.process_class.objects.get(flow_class=flow_class, artifact_object_id=artifact.pk)


def test_the_declaration_check_correction_and_recheck_with_demo_people():
    from cases.models import Declaration
    from workflows.declarations.actions import resubmit
    from workflows.declarations.flows import DeclarationFlow

    seed()
    declaration = Declaration.objects.get(enterprise__accounts__user__username="producer")
    journey = Journey(_process(DeclarationFlow, declaration))
    journey.step("in_process_check", "xh_county_staff", {"outcome": "correction", "comment": "标签样张缺少产地"})
    resubmit(
        actor=_user("producer"),
        declaration=Declaration.objects.get(enterprise__accounts__user__username="producer"),
        comment="已补充标签样张",
    )
    journey.step("in_process_check", "xh_county_inspector", {"outcome": "ok", "comment": ""})
    assert Declaration.objects.get(
        enterprise__accounts__user__username="producer"
    ).status == "published" and not open_human_tasks(journey.process)


def test_a_supervision_campaign_from_the_draw_to_a_check_result_with_demo_people():
    from cases.models import SupervisionCheck
    from cases.supervision.services import campaign_create
    from organizations.models import Region
    from tests.factories.supervision import draw_and_open
    from workflows.supervision.flows import SupervisionCheckFlow

    seed()
    today = timezone.localdate()
    campaign = campaign_create(
        actor=_user("zj_province_lead"),
        title="西湖龙井专用标志专项检查",
        organiser=Department.objects.get(code="AMR-330000"),
        regions=[Region.objects.get(code="330100")],
        products=[],
        period_start=today - datetime.timedelta(days=365),
        period_end=today,
        inspectors=[_user(name) for name in ("xh_county_staff", "xh_county_inspector", "hz_city_staff")],
        sample_size=1,
    )
    (check,) = draw_and_open(actor=_user("zj_province_lead"), campaign=campaign, seed="demo")
    journey = Journey(_process(SupervisionCheckFlow, check))
    results = {"document_review": "pass", "onsite_visit": "pass", "label_check": "fail", "sample_test": "pass"}
    drawn = check.inspector_a.username
    journey.step("inspect", drawn, {**results, "outcome": "rectification", "findings": "标签未标注产地"})
    journey.step("reinspect", drawn, {**results, "label_check": "pass", "outcome": "compliant"})
    assert SupervisionCheck.objects.get(pk=check.pk).status != "rectification"


def test_a_statistics_report_from_opening_to_acceptance_with_demo_people():
    from reports.actions import submit_report
    from reports.flows import StatisticsReportFlow
    from reports.models import StatisticsReport
    from reports.services import report_update

    seed()
    report = StatisticsReport.objects.get(bureau__code="AMR-330000")
    answers = {"contact_person": "蒋丽", "contact_phone": "0571-87000000"}
    answers["stage_report"] = "各项工作进展顺利"
    report_update(actor=_user("zj_stats"), report=report, answers=answers)
    submit_report(actor=_user("zj_stats"), report=report)
    journey = Journey(_process(StatisticsReportFlow, report))
    journey.step("approve", "zj_province_lead", {"approve": "yes", "comment": ""})
    journey.step("review", "kjs_staff", {"approve": "yes", "comment": ""})
    assert StatisticsReport.objects.get(pk=report.pk).status == "accepted"


def test_a_product_revocation_with_demo_people():
    from cases.models import ProtectedProduct
    from workflows.products.flows import ProductRevocationFlow

    seed()
    product = ProtectedProduct.objects.get(name="五常大米")
    revocation = ProductRevocationFlow.start.run(
        actor=_user("kjs_staff"), product=product, ground="not_used", reasons="多年未使用"
    )
    journey = Journey(_process(ProductRevocationFlow, revocation))
    journey.step("decide", "admin_kjs", {"approve": "yes", "comment": "撤销保护"})
    assert ProtectedProduct.objects.get(pk=product.pk).status == "revoked"


def _expert_review(journey, application, convener="kjs_staff"):
    from cases.applications.services import expert_opinion_submit
    from cases.models import ExpertOpinion

    experts = [_user(name) for name in ("expert1", "expert2", "expert3")]
    data = {"experts": [expert.pk for expert in experts], "chair": experts[0].pk}
    journey.step("convene_review", convener, data)
    for expert in experts:
        opinion = ExpertOpinion.objects.get(application=application, expert=expert)
        expert_opinion_submit(actor=expert, opinion=opinion, text="符合地理标志产品保护条件", vote="approve")
    journey.step("conclude_review", "expert1", {"outcome": "pass", "conclusion": "同意保护"})


@pytest.mark.parametrize("regime", ["2023", "2005"])
def test_an_application_through_expert_review_to_approval_with_demo_people(regime):
    """西湖藕粉 (2023) from 初审; 杭州龙井虾仁 (2005) from its objection window; the window closes
    by the worker's timer, three months later."""
    from cases.models import Application
    from workflows.applications.flows import ApplicationFlow
    from workflows.jobs import fire_workflow_timers

    start = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))
    later = start + datetime.timedelta(days=100)
    with time_machine.travel(start, tick=False) as clock:
        seed()
        name = "西湖藕粉" if regime == "2023" else "杭州龙井虾仁"
        application = Application.objects.get(product_name=name)
        journey = Journey(_process(ApplicationFlow, application))
        if regime == "2023":
            journey.step("preliminary_examination", "zj_province_staff", {"outcome": "accept", "comment": ""})
            journey.step("formal_examination", "kjs_staff", {"outcome": "accept", "comment": ""})
            _expert_review(journey, application)
            journey.step("approve_announcement", "admin_kjs", {"approve": "yes", "comment": ""})
            clock.move_to(later)
            fire_workflow_timers()
        else:
            clock.move_to(later)
            fire_workflow_timers()
            _expert_review(journey, application)
        journey.step("approve_protection", "admin_kjs", {"approve": "yes", "comment": ""})
        assert Application.objects.get(pk=application.pk).status == "protected"
        assert not open_human_tasks(journey.process)
