"""The casework: viewflow processes and tasks of declarations and enforcement cases, the case
rows themselves, the officers' grants, the audit events of every step done, the legal time limits
of the human tasks that have one, and each task's link to the task before it (who handed it over)."""

import datetime
import itertools
import math
import random

from .volume import EPOCH, FOCUS_LEAD_APPROVALS

# The nodes an enforcement case passes on its way from clue to archive (EnforcementCaseFlow).
ENFORCEMENT_PATH = [
    "start",
    "verify",
    "decide_filing",
    "route_filing",
    "investigate",
    "route_investigation",
    "review",
    "route_review",
    "approve",
    "route_approval",
    "serve_notice",
    "record_defence",
    "route_defence",
    "recheck",
    "decide",
    "route_decision",
    "serve_decision",
    "route_service",
    "record_execution",
    "close",
    "archive",
    "end",
]
DECLARATION_PATH = ["start", "in_process_check", "route_check", "end"]
# The enforcement tasks whose page starts a legal time limit (EnforcementCaseFlow's onCreate clocks).
ENFORCEMENT_CLOCKS = {
    "verify": "enforcement.verification",
    "review": "enforcement.review",
    "record_defence": "enforcement.defence",
    "serve_decision": "enforcement.service",
    "close": "enforcement.closure",
}
# What the declaration service records for an in-process check that found nothing to correct.
DECLARATION_CHECKED = "declaration.in_process_check.ok"


def enforcement_steps() -> dict:
    """Each human task of ENFORCEMENT_PATH: the case's status while it is open, the action the
    enforcement service records when it is done (the stored strings of the audit registry), and
    who may take it: a role on the case's bureau, or None for the object permission on the case
    that its officers hold (EnforcementCaseFlow's .Permission)."""
    from cases.enforcement.choices import EnforcementAction
    from cases.models import EnforcementCase

    Status = EnforcementCase.Status
    return {
        "verify": (Status.VERIFYING, EnforcementAction.VERIFY, "work_as_inspector"),
        "decide_filing": (Status.FILING_DECISION, EnforcementAction.FILING_FILE, "work_as_lead"),
        "investigate": (Status.INVESTIGATING, EnforcementAction.INVESTIGATE_REPORT, None),
        "review": (Status.REVIEW, EnforcementAction.REVIEW_PASS, "work_as_staff"),
        "approve": (Status.LEAD_APPROVAL, EnforcementAction.APPROVE, "work_as_lead"),
        "serve_notice": (Status.NOTICE, EnforcementAction.SERVE_NOTICE, None),
        "record_defence": (Status.DEFENCE, EnforcementAction.DEFENCE, None),
        "recheck": (Status.RECHECK, EnforcementAction.RECHECK, None),
        "decide": (Status.DECISION, EnforcementAction.DECIDE_PENALTY, "work_as_lead"),
        "serve_decision": (Status.SERVICE, EnforcementAction.SERVE_DECISION, None),
        "record_execution": (Status.EXECUTION, EnforcementAction.EXECUTE, None),
        "close": (Status.CLOSURE, EnforcementAction.CLOSE, None),
        "archive": (Status.CLOSED, EnforcementAction.ARCHIVE, "work_as_staff"),
    }


def _when(rng: random.Random, days: int = 5 * 365) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=rng.randrange(days * 86400))


class CaseworkSeeding:
    """Seeder steps for processes, tasks and cases (mixed into Seeder)."""

    def _flow_refs(self, flow_class, names):
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        nodes = {name: getattr(flow_class, name) for name in names}
        return get_flow_ref(flow_class), {name: (get_task_ref(node), node.task_type) for name, node in nodes.items()}

    def workflow(self):
        from cases.models import Declaration, EnforcementCase
        from workflows.declarations.flows import DeclarationFlow
        from workflows.enforcement.flows import EnforcementCaseFlow

        self.process_id = self.writer.next_id(DeclarationFlow.process_class)
        self.task_id = self.writer.next_id(DeclarationFlow.task_class)
        self.process_rows = []
        self.task_rows = []
        self.previous_rows = []  # (task, the task before it in its process): who handed it over
        self.deadline_rows = []  # the legal time limit of each human task that has one
        self._last_task = {}
        self.enforcement_cases(EnforcementCaseFlow, EnforcementCase)
        remaining = self.volume.tasks - len(self.task_rows)
        self.declaration_processes(DeclarationFlow, Declaration, max(0, remaining // len(DECLARATION_PATH)))
        self.flush_workflow(DeclarationFlow)

    def _process(self, flow_ref, content_type_id, artifact_id, created, finished, data) -> int:
        from viewflow.workflow.status import PROCESS

        pk = self.process_id
        self.process_id += 1
        status = PROCESS.DONE if finished else PROCESS.NEW
        self.process_rows.append((pk, flow_ref, status, created, finished, data, content_type_id, artifact_id))
        return pk

    def _task(self, process_pk, ref, created, *, status="DONE", owner=None, permission=None) -> int:
        pk = self.task_id
        self.task_id += 1
        if process_pk in self._last_task:
            self.previous_rows.append((pk, self._last_task[process_pk]))
        self._last_task[process_pk] = pk
        (task_ref, task_type) = ref
        finished = created + datetime.timedelta(hours=1) if status == "DONE" else None
        assigned = created if owner else None
        perm_name, perm_ct, perm_obj = permission or (None, None, None)
        self.task_rows.append(
            (
                pk,
                process_pk,
                task_ref,
                task_type,
                status,
                created,
                assigned,
                assigned,
                finished,
                owner,
                perm_name,
                perm_ct,
                perm_obj,
                {},
            )
        )
        return pk

    def _deadline(self, task_pk, rule_code, target, department_pk, created, *, is_open) -> None:
        """The task's clock as deadline_start leaves it: running while the task is open, met once
        done (due four weeks on: about the twenty working days of most of these limits)."""
        from deadlines.rules import RULES

        rule = RULES[rule_code]
        content_type_id, target_pk, label = target
        from django.utils import timezone

        # A Beijing day, as deadline_start takes it: `created` is a UTC moment, a day early before 08:00.
        started = timezone.localdate(created)
        self.deadline_rows.append(
            (
                rule_code,
                rule.kind,
                content_type_id,
                target_pk,
                label,
                task_pk,
                department_pk,
                started,
                started,
                rule.amount,
                started + datetime.timedelta(days=28),
                "running" if is_open else "met",
                None if is_open else created + datetime.timedelta(hours=1),
            )
        )

    def _content_type_id(self, model) -> int:
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(model).pk

    def _bureau_permission(self, codename, region_pk):
        from organizations.models import Department

        return (f"organizations.{codename}", self._content_type_id(Department), str(self.bureau_of_region[region_pk]))

    def declaration_processes(self, flow_class, model, count):
        from viewflow.workflow.status import STATUS

        flow_ref, refs = self._flow_refs(flow_class, DECLARATION_PATH)
        content_type_id = self._content_type_id(model)
        staff = self.users["staff"]
        published = model.Status.PUBLISHED
        # The newest declarations have processes (the system went live after the older ones).
        newest = self.declarations_in_order[-count:] if count else []
        open_from = len(newest) - max(1, round(len(newest) * self.open_share))
        for index, (pk, reference, enterprise_pk, _product, county_pk, declared_at) in enumerate(newest):
            is_open = index >= open_from
            data = {"reference": reference, "enterprise": self.enterprise_names[enterprise_pk], "product": ""}
            finished = None if is_open else declared_at + datetime.timedelta(days=10)
            process = self._process(flow_ref, content_type_id, pk, declared_at, finished, data)
            self._task(process, refs["start"], declared_at)
            permission = self._bureau_permission("work_as_staff", county_pk)
            target = (content_type_id, pk, reference)
            bureau = self.bureau_of_region[county_pk]
            if is_open:
                # Half are taken: in the focus county by the staff persona, elsewhere by nobody we sign in as.
                taken = index % 2 == 0 and county_pk == self.focus_county_pk
                check = self._task(
                    process,
                    refs["in_process_check"],
                    declared_at,
                    status=STATUS.ASSIGNED if taken else STATUS.NEW,
                    owner=staff.pk if taken else None,
                    permission=permission,
                )
                self._deadline(check, "declaration.in_process_check", target, bureau, declared_at, is_open=True)
                continue
            checker = self.worker_of(county_pk, "staff")
            check = self._task(process, refs["in_process_check"], declared_at, permission=permission, owner=checker.pk)
            self._deadline(check, "declaration.in_process_check", target, bureau, declared_at, is_open=False)
            self._task(process, refs["route_check"], finished)
            self._task(process, refs["end"], finished)
            self.audit.add(
                actor=checker,
                action=DECLARATION_CHECKED,
                target=model(pk=pk, reference=reference),
                from_state=published,
                to_state=published,
            )

    def enforcement_cases(self, flow_class, model):
        from viewflow.workflow.status import STATUS

        flow_ref, refs = self._flow_refs(flow_class, ENFORCEMENT_PATH)
        content_type_id = self._content_type_id(model)
        steps = enforcement_steps()
        human = [name for name in ENFORCEMENT_PATH if name in steps]
        # The case's status once a human task is done: that of the next human task, or archived.
        status_after = {name: steps[then][0] for name, then in itertools.pairwise(human)}
        status_after[human[-1]] = model.Status.ARCHIVED
        first = self.writer.next_id(model)
        rows = []
        self.enforcement_ids = []
        total = self.volume.enforcement_cases
        # The lead persona's approvals: the same number at every size (volume.FOCUS_LEAD_APPROVALS),
        # the first open cases, in the focus county, at a lead's step; no other open case of the
        # focus county waits at one.
        lead_steps = [name for name in human if steps[name][2] == "work_as_lead"]
        other_steps = [name for name in human if name not in lead_steps]
        first_open = math.ceil(total * 0.8)
        for number in range(total):
            pk = first + number
            county_pk, _ = self.pick_county()
            received = _when(self.rng)
            # The newest fifth is still open, at a random step; the rest went the whole way.
            is_open = number >= total * 0.8
            stop = human[self.rng.randrange(len(human))] if is_open else None
            if is_open and number - first_open < FOCUS_LEAD_APPROVALS:
                county_pk, stop = self.focus_county_pk, lead_steps[(number - first_open) % len(lead_steps)]
            elif county_pk == self.focus_county_pk and stop in lead_steps:
                stop = other_steps[self.rng.randrange(len(other_steps))]
            status = steps[stop][0] if is_open else model.Status.ARCHIVED
            case_number = f"浙市监地标案〔{received.year}〕{pk}号"
            rows.append(
                (
                    pk,
                    case_number,
                    "complaint",
                    "counterfeit_mark",
                    self.bureau_of_region[county_pk],
                    county_pk,
                    "当事人",
                    "举报冒用地理标志专用标志。",
                    status,
                    received,
                )
            )
            self.enforcement_ids.append(pk)
            case = model(pk=pk, number=case_number)
            data = {"number": case_number, "party": "当事人"}
            finished = None if is_open else received + datetime.timedelta(days=120)
            process = self._process(flow_ref, content_type_id, pk, received, finished, data)
            moment = received
            for name in ENFORCEMENT_PATH:
                moment += datetime.timedelta(days=3)
                if name not in steps:
                    if is_open and name != "start":
                        continue
                    self._task(process, refs[name], moment)
                    continue
                status_here, action, role = steps[name]
                if role is not None:
                    permission = self._bureau_permission(role, county_pk)
                else:
                    permission = ("cases.investigate_case", content_type_id, str(pk))
                clock = ENFORCEMENT_CLOCKS.get(name)
                target = (content_type_id, pk, case_number)
                bureau = self.bureau_of_region[county_pk]
                if name == stop:
                    task = self._task(process, refs[name], moment, status=STATUS.NEW, permission=permission)
                    if clock:
                        self._deadline(task, clock, target, bureau, moment, is_open=True)
                    break
                actor = self.worker_of(county_pk, "lead" if role == "work_as_lead" else "staff")
                task = self._task(process, refs[name], moment, owner=actor.pk, permission=permission)
                if clock:
                    self._deadline(task, clock, target, bureau, moment, is_open=False)
                self.audit.add(
                    actor=actor, action=action, target=case, from_state=status_here, to_state=status_after[name]
                )
        columns = [
            "id",
            "number",
            "source",
            "violation_type",
            "bureau_id",
            "region_id",
            "party_description",
            "summary",
            "status",
            "created_at",
        ]
        self.writer.write(model, columns, rows)
        self.officer_permissions(model, rows)

    def officer_permissions(self, model, case_rows):
        """The staff persona investigates its county's cases (guardian's object permission)."""
        from django.contrib.auth.models import Permission
        from guardian.models import UserObjectPermission

        content_type_id = self._content_type_id(model)
        permission = Permission.objects.get(content_type_id=content_type_id, codename="investigate_case")
        staff = self.users["staff"].pk
        first = self.writer.next_id(UserObjectPermission)
        focus = [row[0] for row in case_rows if row[5] == self.focus_county_pk]
        rows = [(first + n, permission.pk, content_type_id, str(pk), staff) for n, pk in enumerate(focus)]
        columns = ["id", "permission_id", "content_type_id", "object_pk", "user_id"]
        self.writer.write(UserObjectPermission, columns, rows)
        self.sequenced.append(UserObjectPermission)

    def flush_workflow(self, flow_class):
        process_columns = [
            "id",
            "flow_class",
            "status",
            "created",
            "finished",
            "data",
            "artifact_content_type_id",
            "artifact_object_id",
        ]
        self.writer.write(flow_class.process_class, process_columns, self.process_rows)
        task_columns = [
            "id",
            "process_id",
            "flow_task",
            "flow_task_type",
            "status",
            "created",
            "assigned",
            "started",
            "finished",
            "owner_id",
            "owner_permission",
            "owner_permission_content_type_id",
            "owner_permission_obj_pk",
            "data",
        ]
        self.writer.write(flow_class.task_class, task_columns, self.task_rows)
        through = flow_class.task_class.previous.through
        first = self.writer.next_id(through)
        previous = ((first + n, task, before) for n, (task, before) in enumerate(self.previous_rows))
        self.writer.write(through, ["id", "from_task_id", "to_task_id"], previous)
        self.sequenced.append(through)
        self.write_deadlines()

    def write_deadlines(self):
        from deadlines.models import Deadline

        columns = [
            "rule_code",
            "kind",
            "target_type_id",
            "target_id",
            "target_label",
            "task_id",
            "department_id",
            "started_on",
            "anchor_on",
            "anchor_amount",
            "due_on",
            "state",
            "closed_at",
        ]
        first = self.writer.next_id(Deadline)
        self.writer.write(Deadline, ["id", *columns], ((first + n, *row) for n, row in enumerate(self.deadline_rows)))
        self.sequenced.append(Deadline)

    def case_with_long_history(self, events: int = 1_000):
        """One enforcement case of the focus county with a thousand notes in its history."""
        from cases.enforcement.choices import EnforcementAction
        from cases.models import EnforcementCase

        case = EnforcementCase.objects.filter(region_id=self.focus_county_pk).order_by("pk").first()
        if case is None:
            return
        staff = self.users["staff"]
        for number in range(events):
            self.audit.add(
                actor=staff,
                action=EnforcementAction.NOTE,
                target=case,
                from_state=case.status,
                to_state=case.status,
                comment=f"办案记录 {number}",
            )
