"""The base of every Terroir flow: a real lock, and a process shown only to those who may see its case."""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow.workflow import flow, lock

from audit.services import audit_batch
from cases.common.history import StaffHistory, staff_history
from organizations.models import Department, Role
from organizations.selectors import (
    departments_of,
    holds_object_permission,
    is_staff_member,
    jurisdiction_in_sql,
    staff_member_filter,
)

from .assignment import audit_holders
from .case_header import CaseHeader
from .eligibility import task_allows
from .gateways import lighter_gateways
from .task_claims import use_terroir_claim_views
from .visibility import JurisdictionCheck

# Processes a list page has just selected through processes_visible_to, kept on the request's
# user so that the per-row permission checks of that page do not ask the database again.
_KNOWN_VISIBLE = "_terroir_visible_processes"


def remember_visible_processes(user, process_ids) -> None:
    """Call only with ids that processes_visible_to(user, …) selected in this request."""
    setattr(user, _KNOWN_VISIBLE, getattr(user, _KNOWN_VISIBLE, frozenset()) | frozenset(process_ids))


# Node checks that decide who may act on a task; each also requires seeing the task's case.
_TASK_CHECKS = ("can_view", "can_assign", "can_unassign", "can_execute", "can_undo", "can_cancel", "can_revive")


def _guarded(flow_class, check):
    def guarded_check(user, task):
        return check(user, task) and flow_class.instance.process_visible_to(user, task.process)

    return guarded_check


def _guarded_execute(flow_class, check):
    # Seeing the case is the first rule of workflows.eligibility: the others refuse, here as in
    # the lists, those the node's permission admits but who may not complete the task.
    def guarded_execute(user, task):
        return check(user, task) and task_allows(user, task)

    return guarded_execute


# The user's object permissions, read once by a list page that checks a row of tasks. A task
# stores the permission and object it needs (viewflow's queue matches on them), so a list need
# not load each task's case and bureau and ask guardian row by row.
_KNOWN_PERMISSIONS = "_terroir_object_permissions"


def remember_object_permissions(user) -> None:
    """Read the user's object grants (their own and their groups') once, as the keys viewflow's
    queue matches a task on: "app.codename_objectpk"."""
    setattr(user, _KNOWN_PERMISSIONS, frozenset(user._viewflow_per_object_perm_cache))


# Grants of a task's stored permission read this request together with the task itself
# (workflows.task_actions): (permission, content type id, object id) → held.
_ANSWERED_GRANTS = "_terroir_answered_grants"


def stored_grant(task) -> tuple:
    return (task.owner_permission, task.owner_permission_content_type_id, str(task.owner_permission_obj_pk))


def remember_object_grant(user, grant: tuple, held: bool) -> None:
    """Call only with an answer holds_object_permission_column gave for `user` in this request."""
    setattr(user, _ANSWERED_GRANTS, {**getattr(user, _ANSWERED_GRANTS, {}), grant: held})


def _guarded_assign(flow_class, check):
    # The permission object is the one the task stored when it was created, the one viewflow's
    # queue offers it by: no query to recompute it (a case's bureau does not change under an open
    # task), and one query for guardian's user and group grants instead of two.
    def guarded_assign(user, task):
        stored = task.owner_permission and task.owner_permission_content_type_id and task.owner_permission_obj_pk
        if not stored or task.owner_id or not user.is_authenticated:
            allowed = check(user, task)
        else:
            known = getattr(user, _KNOWN_PERMISSIONS, None)
            answered = getattr(user, _ANSWERED_GRANTS, {}).get(stored_grant(task))
            if answered is not None:
                held = answered
            elif known is not None:
                held = f"{task.owner_permission}_{task.owner_permission_obj_pk}" in known
            else:
                held = holds_object_permission(
                    user,
                    task.owner_permission,
                    content_type_id=task.owner_permission_content_type_id,
                    object_pk=task.owner_permission_obj_pk,
                )
            allowed = held or user.has_perm(task.owner_permission)
        return allowed and task_allows(user, task)

    return guarded_assign


class AuditedLock:
    """A flow lock whose work appends its audit events to the chain as its last step (ADR 0022).

    The chain head is locked only for those last statements, just before the lock's transaction
    commits, instead of from the first event to the commit: completions of different cases wait
    less for each other.
    """

    def __init__(self, lock_impl):
        self.lock_impl = lock_impl

    @contextmanager
    def __call__(self, flow_class, process_pk):
        with self.lock_impl(flow_class, process_pk), audit_batch():
            yield


# Titles of the nodes a flow does not name itself: viewflow would show their English class-like
# names ("Start", "Route Check") on the staff pages, whose first language is Chinese.
_UNNAMED_NODE_TITLES = {
    "StartHandle": _("Start"),
    "Start": _("Start"),
    "End": _("End"),
    "Switch": _("Automatic routing"),
    "If": _("Automatic routing"),
}


def _title_unnamed_node(node) -> None:
    if str(node.task_title) == node.name.replace("_", " ").title():  # viewflow's default, from the name
        title = _UNNAMED_NODE_TITLES.get(type(node).__name__)
        if title is not None:
            node.task_title = title


# Flows lock their process row while a task runs: a lost race fails, it never completes twice.
# Which tasks a person gets is decided per node with guardian permissions on the responsible
# Department (`.Permission("organizations.work_as_staff", obj=…)`). Which processes a person
# may see at all is the flow's `visible_artifacts` selector: viewflow would otherwise show any
# process, its tasks and their cancel/undo pages to every member of any body (a lead of one
# province could cancel another province's task). (A comment, not a docstring: viewflow shows
# a flow's docstring to users as its description, and subclasses would inherit this one.)
class TerroirFlow(flow.Flow):
    lock_impl = AuditedLock(lock.select_for_update_lock)

    # Flows whose cases a user sees by jurisdiction alone say so here: the case model and the path
    # to its region code. visible_artifacts follows from it, and the check of one case is a
    # statement compiled once (workflows/visibility.py). Other flows define visible_artifacts.
    seen_by_jurisdiction: JurisdictionCheck | None = None

    # The case's own page in Terroir's skin, by URL name taking the case's id; flows without one
    # show the process page (with its "who acts next" panel).
    case_url_name: str | None = None

    # Where staff find this kind's cases: the 案件 search's kind (workflows/case_search/kinds.py).
    # viewflow's dashboard and process list of the flow lead there (ADR 0037).
    case_search_kind: str | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for node in cls._nodes_by_name.values():
            _title_unnamed_node(node)
            audit_holders(node)
            lighter_gateways(node)
            use_terroir_claim_views(node)
            for name in _TASK_CHECKS:
                check = getattr(node, name, None)
                if callable(check):
                    # The node instance is this flow's own copy: set on it, the URL wrappers pick it up.
                    guard = {"can_assign": _guarded_assign, "can_execute": _guarded_execute}.get(name, _guarded)
                    setattr(node, name, guard(cls, check))

    def case_for_audit(self, process):
        """The case a task's change of holder is recorded on (workflows.assignment). A flow whose
        process data holds the case's label returns a stand-in with its id and label instead
        (DeclarationFlow): the event is the same, without reading the case (ADR 0059)."""
        return process.artifact or process

    def case_url(self, process) -> str:
        """The page of the process's case: no query (the case's id is on the process)."""
        if self.case_url_name is not None:
            return reverse(self.case_url_name, args=[process.artifact_object_id])
        return self.reverse("process_detail", args=[process.pk])

    def cases_url(self, *, open_only: bool = False) -> str:
        """The list of this kind's cases in Terroir's skin: the case search narrowed to the kind
        (its open cases only, for what was the flow's dashboard); 我的工作 for a flow without one."""
        if self.case_search_kind is None:
            return reverse("my_work:list")
        query = f"?kind={self.case_search_kind}" + ("&open=on" if open_only else "")
        return reverse("case_search:index") + query

    def visible_artifacts(self, user) -> QuerySet | None:
        """The case objects of this flow the user may see; None when there is nothing to limit.

        Fail closed: a flow that does not say shows its processes to superusers only.
        """
        if self.seen_by_jurisdiction is not None:
            return self.seen_by_jurisdiction.artifacts_visible_to(user)
        return self.process_class.objects.none()

    def process_visible_to(self, user, process) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_superuser or process.pk in getattr(user, _KNOWN_VISIBLE, ()):
            return is_staff_member(user)  # no query: superuser, or a list page asked this request
        if self.seen_by_jurisdiction is not None:
            # Membership of a bureau covering the case's region: the user is staff, no need to ask.
            return self.seen_by_jurisdiction.holds(user_id=user.pk, case_id=process.artifact_object_id)
        # One query: the user's staff membership and bureaus are subqueries of the case's check.
        with jurisdiction_in_sql():
            artifacts = self.visible_artifacts(user)
        if artifacts is None:
            return is_staff_member(user)
        return artifacts.filter(staff_member_filter(user), pk=process.artifact_object_id).exists()

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

    def case_header(self, process) -> CaseHeader:
        """What heads the staff pages of the process's case; each flow of the product names its case
        (its number, party and bureau), this serves a flow that does not."""
        return CaseHeader(
            kind=self.process_title,
            reference=str(process.artifact or "—"),
            status=process.get_status_display(),
            party="—",
            bureau="—",
            url=self.reverse("process_detail", args=[process.pk]),
        )

    def responsible_body_id(self, task) -> int | None:
        """The department whose leads may hand the task to a named colleague: the one the task is
        offered through. A flow whose tasks are granted on the case itself says which body answers
        for them."""
        if task.owner_permission_content_type_id == ContentType.objects.get_for_model(Department).pk:
            return int(task.owner_permission_obj_pk)
        return None

    def case_history(self, artifact, *, everything: bool = False) -> StaffHistory:
        """The case's history as its staff page shows it (in words). A flow whose case has objects
        recording events of their own (a check's declaration) names them too."""
        return staff_history(artifact, everything=everything)

    def has_manage_permission(self, user, obj=None) -> bool:
        """Leads may reassign, unassign and cancel; only on processes they may see."""
        if not (user.is_authenticated and (user.is_superuser or departments_of(user, Role.LEAD).exists())):
            return False
        return obj is None or self.has_view_permission(user, obj)
