"""System checks: every flow sets a real lock, limits what it shows, and its human tasks can be
completed through the API."""

from django.core import checks
from viewflow.workflow import Flow, lock


def _all_flow_classes(base=Flow):
    for subclass in base.__subclasses__():
        yield subclass
        yield from _all_flow_classes(subclass)


@checks.register()
def flows_have_a_real_lock(app_configs=None, **kwargs):
    errors = []
    for flow_class in _all_flow_classes():
        if flow_class.__module__.startswith("viewflow."):
            continue
        if flow_class.lock_impl is lock.no_lock:
            errors.append(
                checks.Error(
                    f"{flow_class.__module__}.{flow_class.__name__} has no lock: two people could complete "
                    "the same task at once.",
                    hint="Derive it from workflows.base.TerroirFlow or set lock_impl = lock.select_for_update_lock.",
                    obj=flow_class,
                    id="terroir.E001",
                )
            )
    return errors


@checks.register()
def staff_flows_limit_what_they_show(app_configs=None, **kwargs):
    """Every flow in the staff frontend says whose cases a user may see, and lists only those (ADR 0018)."""
    from .base import TerroirFlow
    from .registry import FLOW_VIEWSETS
    from .viewsets import TerroirFlowViewset

    errors = []
    for viewset in FLOW_VIEWSETS:
        flow_class = viewset._flow_class
        name = f"{flow_class.__module__}.{flow_class.__name__}"
        if flow_class.visible_artifacts is TerroirFlow.visible_artifacts and flow_class.seen_by_jurisdiction is None:
            errors.append(
                checks.Error(
                    f"{name} does not say whose cases a user may see: its processes are hidden from staff.",
                    hint="Set seen_by_jurisdiction, or define visible_artifacts(self, user) returning the selector"
                    " of its case objects.",
                    obj=flow_class,
                    id="terroir.E002",
                )
            )
        if not isinstance(viewset, TerroirFlowViewset):
            errors.append(
                checks.Error(
                    f"{name} is shown by a plain FlowViewset: its dashboard and lists show every province's cases.",
                    hint="Register it with workflows.viewsets.TerroirFlowViewset.",
                    obj=flow_class,
                    id="terroir.E003",
                )
            )
    return errors


@checks.register()
def human_tasks_complete_through_the_api(app_configs=None, **kwargs):
    """Every human task of a staff flow can be completed through the API (its page names its
    decision function), unless task_actions.PAGE_ONLY says why not (docs/adr/0014)."""
    from .registry import FLOW_VIEWSETS
    from .task_actions import PAGE_ONLY, node_completion

    errors = []
    for viewset in FLOW_VIEWSETS:
        flow_class = viewset._flow_class
        for node in flow_class.instance.nodes():
            if node.task_type != "HUMAN" or (flow_class.__name__, node.name) in PAGE_ONLY:
                continue
            if node_completion(node) is None:
                errors.append(
                    checks.Error(
                        f"{flow_class.__module__}.{flow_class.__name__}.{node.name} cannot be completed through "
                        "the API: its task view names no decision function.",
                        hint="Give its DecisionTaskView a module-level decision (decide_<task>) or list the "
                        "node in workflows.task_actions.PAGE_ONLY with the reason.",
                        obj=flow_class,
                        id="terroir.E004",
                    )
                )
    return errors
