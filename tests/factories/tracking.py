"""Objections and reports from the public, and the staff steps that move them on, each through the
one door: the actions, and the task completions (workflows.task_actions) that call them."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Application, EnforcementCase, Regime
from organizations.models import Department
from tests.flows import open_task
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.enforcement.actions import open_case
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.task_actions import task_assign, task_complete

from .applications import Cast, draft_application
from .enforcement import BUREAU, Bureau

REPORTER_PHONE = "138 0013 8000"
OBJECTOR_EMAIL = "Objector@Example.com"


def complete(actor, flow_class, artifact, node, data: dict) -> None:
    """Take the open task at `node` and complete it, as its page would (the one door)."""
    task_assign(actor=actor, task=open_task(flow_class, artifact, node))
    taken = Task.objects.get(process__artifact_object_id=artifact.pk, flow_task=node, status=STATUS.ASSIGNED)
    task_complete(actor=actor, task=taken, data=data)


def reported_case(contact: str = REPORTER_PHONE, **fields) -> EnforcementCase:
    """A report from the public, as the register's form sends it."""
    values = {
        "actor": None,
        "source": EnforcementCase.Source.COMPLAINT,
        "violation_type": "outside_area",
        "bureau": Department.objects.get(code=BUREAU),
        "summary": "超市销售标注“西湖龙井”的茶叶，包装注明产地为外省。",
        "party_description": "某超市（杭州市上城区）",
        "complainant_name": "",
        "complainant_contact": contact,
        **fields,
    }
    return open_case(**values)


def verify(case: EnforcementCase, bureau: Bureau, proposal: str = "file") -> None:
    flow = EnforcementCaseFlow
    complete(
        bureau.inspectors[0], flow, case, flow.verify, {"findings": "内部核查记录：现场核实属实", "proposal": proposal}
    )


def file_it(case: EnforcementCase, bureau: Bureau) -> None:
    """Verified, then filed with two officers."""
    verify(case, bureau)
    officers = [inspector.pk for inspector in bureau.inspectors[:2]]
    flow = EnforcementCaseFlow
    complete(
        bureau.lead,
        flow,
        case,
        flow.decide_filing,
        {"decision": "file", "officers": officers, "reason": "符合立案条件"},
    )


def refuse_to_file(case: EnforcementCase, bureau: Bureau, reason: str) -> None:
    verify(case, bureau, proposal="not_file")
    flow = EnforcementCaseFlow
    complete(bureau.lead, flow, case, flow.decide_filing, {"decision": "not_file", "reason": reason})


def application_open_to_objections(
    cast: Cast, regime: str = Regime.AQSIQ_2005, product_name: str = "西湖藕粉"
) -> Application:
    """Submitted, examined twice and announced: its objection window is open."""
    applicant, application = draft_application(regime=regime, product_name=product_name)
    application_actions.submit(actor=applicant, application=application)
    flow = ApplicationFlow
    complete(cast.province_staff, flow, application, flow.preliminary_examination, {"outcome": "accept"})
    complete(cast.kjs_staff, flow, application, flow.formal_examination, {"outcome": "accept"})
    complete(cast.kjs_lead, flow, application, flow.approve_announcement, {"approve": "yes"})
    return Application.objects.get(pk=application.pk)


def objection_to(application: Application, contact: str = OBJECTOR_EMAIL):
    return application_actions.file_objection(
        application=application,
        objector_name="某某茶业公司",
        objector_id_code="91330106MA00000003",
        contact=contact,
        grounds="申请保护范围与我司产区重叠。",
    )
