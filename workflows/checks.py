"""System check: every flow sets a real lock (viewflow's default is no lock at all)."""

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
