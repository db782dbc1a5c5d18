"""Who may complete a task besides holding its node's permission: one registry of the rules.

A node's `.Permission(...)` decides who is offered a task; some rules refuse a person the
permission admits (an officer reviewing their own case, an inspector with a declared conflict of
interest, someone who cannot see the case). Each rule here says it three ways, so that the person
it refuses is never offered the task in the first place (docs/architecture.md, "How a change of state travels"):

- `allows(user, task)`: the answer for one user and one task, the one `can_assign` and
  `can_execute` ask (workflows.base wraps every node with `task_allows`); where a service refuses
  the same person, the predicate is the service's own check;
- `refused_tasks(user)`: the open tasks the rule refuses the user, as a condition on the task
  table, so that the lists (queue, inbox, a flow's dashboard and task list, the API's task list)
  leave them out in SQL, with no query per row (ADR 0019);
- `refused_users(task)`: the users it refuses one task, as a condition on the user table, for
  `task_candidates` ("who acts next"); None when the rule cannot say it in SQL, and the
  candidates are then asked one by one (a bounded number of them).

A rule whose `refused_tasks` reads a large set to compare with (every case the user may see) may
also say it `row_by_row`: the same condition as a check of each task by itself, for a list that
already knows its few candidate tasks by id (我的工作, ADR 0031), where reading every visible
case would cost more than looking up each candidate's.

tests/workflows/test_eligibility.py enumerates RULES and checks both sides of each, so a rule
added here is tested without editing the test.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from organizations.selectors import jurisdiction_in_sql


@dataclass(frozen=True)
class EligibilityRule:
    name: str
    # The nodes the rule applies to, as a callable (the flows import this module); None: every node.
    nodes: Callable[[], Iterable] | None
    allows: Callable
    refused_tasks: Callable[..., Q]
    refused_users: Callable[..., Q] | None = None
    refused_tasks_row_by_row: Callable[..., Q] | None = None

    def applies_to(self, node) -> bool:
        return self.nodes is None or _key(node) in {_key(n) for n in self.nodes()}


def _key(node) -> tuple:
    return (node.flow_class, node.name)


# ------------------------------------------------------------------ the case is in the user's sight


def _sees_the_case(user, task) -> bool:
    return task.flow_task.flow_class.instance.process_visible_to(user, task.process)


def _tasks_of_unseen_cases(user, *, row_by_row: bool = False) -> Q:
    """Tasks of processes whose case the user may not see: per flow, the flow's own visibility
    selector (TerroirFlow.visible_artifacts), as subqueries that ask nothing beforehand. Row by
    row, each task's case is looked up by its id (a correlated EXISTS) instead of compared with
    every case the user may see."""
    if user.is_superuser:
        return Q(pk__in=[])
    from .task_actions import flow_classes

    unseen = Q(pk__in=[])
    with jurisdiction_in_sql():
        for flow_class in flow_classes():
            artifacts = flow_class.instance.visible_artifacts(user)  # type: ignore[attr-defined]  # viewflow's
            if artifacts is None:
                continue
            if row_by_row:
                seen = Q(Exists(artifacts.filter(pk=OuterRef("process__artifact_object_id"))))
            else:
                seen = Q(process__artifact_object_id__in=artifacts.values("pk"))
            unseen |= Q(process__flow_class=flow_class) & ~seen
    return unseen


def _tasks_of_unseen_cases_row_by_row(user) -> Q:
    return _tasks_of_unseen_cases(user, row_by_row=True)


# ------------------------------------------------------------------ enforcement: no review of one's own case


def _review_nodes():
    from .enforcement.flows import EnforcementCaseFlow

    return (EnforcementCaseFlow.review,)


def _not_an_officer_of_the_case(user, task) -> bool:
    from cases.enforcement.selectors import is_case_officer
    from cases.models import EnforcementCase

    # The service's own check (case_review refuses "An officer who investigated the case cannot review it.").
    return not is_case_officer(user, EnforcementCase(pk=task.process.artifact_object_id))


def _reviews_of_own_cases(user) -> Q:
    from cases.models import CaseOfficer

    own_cases = CaseOfficer.objects.filter(officer_id=user.pk).values("case_id")
    return Q(flow_task__in=_review_nodes(), process__artifact_object_id__in=own_cases)


def _officers_of_the_case(task) -> Q:
    from cases.models import CaseOfficer

    return Q(pk__in=CaseOfficer.objects.filter(case_id=task.process.artifact_object_id).values("officer_id"))


# ------------------------------------------------------------------ supervision: a declared conflict of interest


def _check_nodes():
    from .supervision.flows import SupervisionCheckFlow

    return (SupervisionCheckFlow.inspect, SupervisionCheckFlow.reinspect)


def _no_conflict_with_the_enterprise(user, task) -> bool:
    from cases.models import SupervisionCheck
    from cases.supervision.selectors import has_conflict_with

    return not has_conflict_with(user, SupervisionCheck(pk=task.process.artifact_object_id))


def _checks_of_conflicted_enterprises(user) -> Q:
    from cases.supervision.selectors import checks_conflicted_for

    return Q(flow_task__in=_check_nodes(), process__artifact_object_id__in=checks_conflicted_for(user).values("pk"))


def _conflicted_inspectors(task) -> Q:
    from cases.supervision.selectors import inspectors_conflicted_with

    return Q(pk__in=inspectors_conflicted_with(task.process.artifact_object_id))


# ------------------------------------------------------------------ the registry

SEES_THE_CASE = "sees_the_case"

RULES: tuple[EligibilityRule, ...] = (
    # Jurisdiction: every task action requires seeing the case (ADR 0018). A grant can outlive it,
    # e.g. an officer's grant on a case after they moved to another province's bureau.
    EligibilityRule(
        SEES_THE_CASE,
        None,
        _sees_the_case,
        _tasks_of_unseen_cases,
        refused_tasks_row_by_row=_tasks_of_unseen_cases_row_by_row,
    ),
    # 案件审核 / 法制审核: 办案人员不得审核本人办理的案件.
    EligibilityRule(
        "officer_does_not_review_own_case",
        _review_nodes,
        _not_an_officer_of_the_case,
        _reviews_of_own_cases,
        _officers_of_the_case,
    ),
    # 回避: an inspector with a conflict in force on the enterprise, product or region stands aside.
    EligibilityRule(
        "inspector_without_conflict_of_interest",
        _check_nodes,
        _no_conflict_with_the_enterprise,
        _checks_of_conflicted_enterprises,
        _conflicted_inspectors,
    ),
)


_RULES_BY_NODE: dict[tuple, tuple[EligibilityRule, ...]] = {}


def rules_for(node) -> tuple[EligibilityRule, ...]:
    key = _key(node)
    if key not in _RULES_BY_NODE:
        _RULES_BY_NODE[key] = tuple(rule for rule in RULES if rule.applies_to(node))
    return _RULES_BY_NODE[key]


# Open tasks a list page selected through eligible_tasks, kept on the request's user: the per-row
# checks of that page (can_assign on the dashboard, the API's actions) need not ask again.
_KNOWN_ELIGIBLE = "_terroir_eligible_tasks"


def remember_eligible_tasks(user, task_ids) -> None:
    """Call only with ids of tasks that eligible_tasks(user, …) selected in this request."""
    setattr(user, _KNOWN_ELIGIBLE, getattr(user, _KNOWN_ELIGIBLE, frozenset()) | frozenset(task_ids))


def task_allows(user, task, *, skip: tuple[str, ...] = ()) -> bool:
    """Every rule of the task's node lets the user act on it."""
    if task.pk is not None and task.pk in getattr(user, _KNOWN_ELIGIBLE, ()):
        return True
    return all(rule.allows(user, task) for rule in rules_for(task.flow_task) if rule.name not in skip)


def refused_filter(user, *, skip: tuple[str, ...] = (), row_by_row: bool = False) -> Q:
    """The open tasks some rule refuses the user (finished ones stay in their lists and archives)."""
    refused = Q(pk__in=[])
    for rule in RULES:
        if rule.name not in skip:
            refused_tasks = (row_by_row and rule.refused_tasks_row_by_row) or rule.refused_tasks
            refused |= refused_tasks(user)
    return Q(finished__isnull=True) & refused


def eligible_tasks(user, tasks, *, visibility_checked: bool = False, row_by_row: bool = False):
    """The tasks of a list without those some rule refuses the user. A list that already keeps
    only visible processes (a flow's dashboard and task list) skips the visibility rule; a list of
    a few tasks known by id checks them row by row (see the module's docstring)."""
    if not user.is_authenticated:
        return tasks.none()
    skip = (SEES_THE_CASE,) if visibility_checked else ()
    return tasks.exclude(refused_filter(user, skip=skip, row_by_row=row_by_row))
