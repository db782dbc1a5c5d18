"""Minimal real flows for tests of the engine's machinery."""

import datetime

from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.flow.views import UpdateProcessView

from organizations.models import Department
from workflows.base import TerroirFlow


class SampleFlow(TerroirFlow):
    start = flow.StartHandle().Next(this.end)
    end = flow.End()


def responsible_bureau(process) -> Department:
    return Department.objects.get(pk=process.data["department_id"])


class RoutedFlow(TerroirFlow):
    """One human task offered to the staff of the bureau named in the process."""

    start = flow.StartHandle(this.start_for).Next(this.review)
    review = (
        flow.View(UpdateProcessView.as_view(fields=[]))
        .Permission("organizations.work_as_staff", obj=responsible_bureau)
        .Next(this.end)
    )
    end = flow.End()

    def visible_artifacts(self, user):
        return None  # no case behind it: whoever may act on the task may see the process

    def start_for(self, activation, department):
        activation.process.data = {"department_id": department.pk}
        activation.process.save()
        return activation.process


class TimerFlow(TerroirFlow):
    """Waits on a database timer that is due at once: the worker's timer job fires it."""

    start = flow.StartHandle().Next(this.wait)
    wait = flow.Timer(datetime.timedelta(0)).Next(this.end)
    end = flow.End()


class SplitJoinFlow(TerroirFlow):
    """Two parallel branches that meet at a join: the join must be created exactly once."""

    start = flow.StartHandle().Next(this.split)
    split = flow.Split().Next(this.left).Next(this.right)
    left = flow.Handle(this.do_nothing).Next(this.join)
    right = flow.Handle(this.do_nothing).Next(this.join)
    join = flow.Join().Next(this.end)
    end = flow.End()

    def do_nothing(self, activation):
        return None
