"""One case per rule of workflows.eligibility.RULES, for tests/workflows/test_eligibility.py.

A scenario builds an open task (not yet taken), a person the node's permission admits but the rule
refuses, a person it allows, and the data that completes the task. A rule added to the registry
needs a scenario here; the test then checks both sides of it without being edited.
"""

from collections.abc import Callable
from dataclasses import dataclass

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.enforcement.services import case_add_evidence
from cases.models import SupervisionCheck
from cases.supervision.services import conflict_declare
from organizations.models import Department, Membership, Role
from organizations.services import membership_revoke
from tests.factories import make_member
from tests.factories.enforcement import BUREAU, hangzhou_bureau, received_case
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from tests.flows import open_task
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.supervision.flows import SupervisionCheckFlow
from workflows.task_actions import task_assign, task_complete


@dataclass
class Scenario:
    task: Task
    refused: object
    allowed: object
    data: dict


def _complete(actor, flow_class, case_pk, node, data) -> None:
    task_assign(actor=actor, task=open_task(flow_class, case_pk, node))
    taken = Task.objects.get(process__artifact_object_id=case_pk, flow_task=node, status=STATUS.ASSIGNED)
    task_complete(actor=actor, task=taken, data=data)


def _investigated_case():
    """An enforcement case filed with two officers of the Hangzhou bureau, under investigation."""
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    flow = EnforcementCaseFlow
    _complete(bureau.inspectors[0], flow, case.pk, flow.verify, {"findings": "现场核实属实", "proposal": "file"})
    officers = [inspector.pk for inspector in bureau.inspectors[:2]]
    filing = {"decision": "file", "officers": officers, "reason": "符合立案条件"}
    _complete(bureau.lead, flow, case.pk, flow.decide_filing, filing)
    case_add_evidence(
        actor=bureau.inspectors[0],
        case=case,
        kind="document",
        description="进货单据及销售记录",
        second_officer=bureau.inspectors[1],
    )
    return bureau, case


REPORT = {"action": "report", "report": "擅自使用专用标志", "proposed_outcome": "penalty", "proposed_fine": "20000"}


def sees_the_case() -> Scenario:
    # An officer of the case who moved to another province's bureau keeps the grant on the case.
    bureau, case = _investigated_case()
    moved = bureau.inspectors[1]
    membership = Membership.objects.get(user=moved, department=Department.objects.get(code=BUREAU))
    membership_revoke(actor=None, membership=membership, comment="调往福建省局")
    make_member("AMR-350000", Role.INSPECTOR, user=moved)
    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.investigate)
    return Scenario(task, refused=moved, allowed=bureau.inspectors[0], data=REPORT)


def officer_does_not_review_own_case() -> Scenario:
    bureau, case = _investigated_case()
    flow = EnforcementCaseFlow
    _complete(bureau.inspectors[0], flow, case.pk, flow.investigate, REPORT)
    officer = make_member(BUREAU, Role.STAFF, user=bureau.inspectors[0])  # also the bureau's staff
    task = open_task(flow, case.pk, flow.review)
    return Scenario(task, refused=officer, allowed=bureau.reviewer, data={"approve": "yes", "opinion": "事实清楚"})


def inspector_without_conflict_of_interest() -> Scenario:
    published_declarations(3)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    (check,) = draw_and_open(actor=lead, campaign=campaign, seed="fixed-seed")
    check = SupervisionCheck.objects.select_related("declaration").get(pk=check.pk)
    conflict_declare(actor=check.inspector_a, enterprise=check.declaration.enterprise, reason="亲属在该企业任职")
    task = open_task(SupervisionCheckFlow, check.pk, SupervisionCheckFlow.inspect)
    result = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}
    return Scenario(task, refused=check.inspector_a, allowed=check.inspector_b, data={**result, "outcome": "compliant"})


SCENARIOS: dict[str, Callable[[], Scenario]] = {
    "sees_the_case": sees_the_case,
    "officer_does_not_review_own_case": officer_does_not_review_own_case,
    "inspector_without_conflict_of_interest": inspector_without_conflict_of_interest,
}
