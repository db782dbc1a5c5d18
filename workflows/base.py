"""The base of every Terroir flow: a real lock, and a process shown only to those who may see its case."""

from django.db.models import QuerySet
from viewflow.workflow import flow, lock

from organizations.models import Role
from organizations.selectors import departments_of, is_staff_member

# Node checks that decide who may act on a task; each also requires seeing the task's case.
_TASK_CHECKS = ("can_view", "can_assign", "can_unassign", "can_execute", "can_undo", "can_cancel", "can_revive")


def _guarded(flow_class, check):
    def guarded_check(user, task):
        return check(user, task) and flow_class.instance.process_visible_to(user, task.process)

    return guarded_check


# Flows lock their process row while a task runs: a lost race fails, it never completes twice.
# Which tasks a person gets is decided per node with guardian permissions on the responsible
# Department (`.Permission("organizations.work_as_staff", obj=…)`). Which processes a person
# may see at all is the flow's `visible_artifacts` selector: viewflow would otherwise show any
# process, its tasks and their cancel/undo pages to every member of any body (a lead of one
# province could cancel another province's task). (A comment, not a docstring: viewflow shows
# a flow's docstring to users as its description, and subclasses would inherit this one.)
class TerroirFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for node in cls._nodes_by_name.values():
            for name in _TASK_CHECKS:
                check = getattr(node, name, None)
                if callable(check):
                    # The node instance is this flow's own copy: set on it, the URL wrappers pick it up.
                    setattr(node, name, _guarded(cls, check))

    def visible_artifacts(self, user) -> QuerySet | None:
        """The case objects of this flow the user may see; None when there is nothing to limit.

        Fail closed: a flow that does not say shows its processes to superusers only.
        """
        return self.process_class.objects.none()

    def process_visible_to(self, user, process) -> bool:
        if not (user.is_authenticated and is_staff_member(user)):
            return False
        if user.is_superuser:
            return True
        artifacts = self.visible_artifacts(user)
        if artifacts is None:
            return True
        return artifacts.filter(pk=process.artifact_object_id).exists()

    def processes_visible_to(self, user, processes: QuerySet, field: str = "artifact_object_id") -> QuerySet:
        if user.is_superuser:
            return processes
        artifacts = self.visible_artifacts(user)
        if artifacts is None:
            return processes
        return processes.filter(**{f"{field}__in": artifacts.values("pk")})

    def has_view_permission(self, user, obj=None) -> bool:
        if not (user.is_authenticated and is_staff_member(user)):
            return False
        if obj is None:
            return True  # the flow itself (its menu entry, its diagram)
        process = obj if hasattr(obj, "artifact_object_id") else getattr(obj, "process", None)
        return process is not None and self.process_visible_to(user, process)

    def has_manage_permission(self, user, obj=None) -> bool:
        """Leads may reassign, unassign and cancel; only on processes they may see."""
        if not (user.is_authenticated and (user.is_superuser or departments_of(user, Role.LEAD).exists())):
            return False
        return obj is None or self.has_view_permission(user, obj)
