"""A plain viewflow flow of the same shape as the declaration's in-process check, with no domain layer.

Used by bench/bench_completions.py as the yardstick of what viewflow alone costs: the same nodes
(start → human check offered by a guardian permission on a bureau → switch → handle → end), the same
real lock, but no case entity, service, audit event, deadline or notification. Installed only by
config.settings.bench; no URLconf, menu or viewset knows it.
"""

from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView

from organizations.models import Department


def _bureau(process) -> Department:
    return Department.objects.get(pk=process.data["department_id"])


def _correction_requested(activation) -> bool:
    return activation.process.data.get("outcome") == "correction"


class PlainCheckFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.begin).Next(this.check)
    check = (
        flow.View(UpdateProcessView.as_view(fields=[]))
        .Permission("organizations.work_as_staff", obj=_bureau)
        .Next(this.route)
    )
    route = flow.Switch().Case(this.await_correction, _correction_requested).Default(this.end)
    await_correction = flow.Handle(this.receive_correction).Next(this.check)
    end = flow.End()

    def begin(self, activation, *, department):
        activation.process.data = {"department_id": department.pk}
        return activation.process

    def receive_correction(self, activation):
        activation.process.data["outcome"] = ""
