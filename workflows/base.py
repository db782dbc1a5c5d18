"""The base of every Terroir flow: a real lock, and staff (not Django model permissions) may see it."""

from viewflow.workflow import flow, lock

from organizations.models import Role
from organizations.selectors import departments_of, is_staff_member


# Flows lock their process row while a task runs: a lost race fails, it never completes twice.
# Which tasks a person gets is decided per node with guardian permissions on the responsible
# Department (`.Permission("organizations.work_as_staff", obj=…)`); the flow itself is visible
# to every member of a body. (A comment, not a docstring: viewflow shows a flow's docstring
# to users as its description, and subclasses would inherit this one.)
class TerroirFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated and is_staff_member(user)

    def has_manage_permission(self, user, obj=None) -> bool:
        """Leads may reassign and unassign tasks; the task views check the object itself."""
        return user.is_authenticated and (user.is_superuser or departments_of(user, Role.LEAD).exists())
