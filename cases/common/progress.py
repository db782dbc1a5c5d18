"""A case's progress as its people see it: the stages of its procedure, each done, current or still
to come, with a date and the body that handles it (templates/includes/progress_stepper.html).

Each kind has a selector that returns these steps (cases/<kind>/progress.py); the stepper draws
any of them, on the portal, the public lookup (办件查询) and the staff case pages alike.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from audit.models import AuditEvent

DONE = "done"
CURRENT = "current"
TODO = "todo"


@dataclass(frozen=True)
class Step:
    label: str | Promise
    state: str  # DONE, CURRENT or TODO
    date: datetime.datetime | datetime.date | None = None
    body: str = ""  # the body that handles the stage (a department or an enterprise), never a person
    note: str | Promise = ""  # a line under the current step: what is awaited

    @property
    def is_done(self) -> bool:
        return self.state == DONE

    @property
    def is_current(self) -> bool:
        return self.state == CURRENT


@dataclass(frozen=True)
class Stage:
    """One stage of a procedure, before it is placed against a case."""

    key: str
    label: str | Promise
    body: str = ""


@dataclass
class StageTimes:
    """When each stage was last entered and last left, read from the audit trail."""

    entered: dict[str, datetime.datetime]
    left: dict[str, datetime.datetime]

    def finished(self, key: str):
        return self.left.get(key) or self.entered.get(key)


def stage_times(events: Iterable[AuditEvent], stage_of: Callable[[str], str | None]) -> StageTimes:
    """Walk the events' state changes (oldest first): a change into another stage enters that stage
    and leaves the one before. States no stage claims are passed over."""
    times = StageTimes(entered={}, left={})
    for event in events:
        if not event.to_state:
            continue
        before, after = stage_of(event.from_state), stage_of(event.to_state)
        if before == after:
            continue
        if after is not None:
            times.entered[after] = event.occurred_at
        if before is not None:
            times.left[before] = event.occurred_at
    return times


def steps_along(
    stages: Sequence[Stage],
    current: str | None,
    times: StageTimes,
    *,
    body_now: str = "",
    note: str | Promise = "",
    finished: bool = False,
) -> list[Step]:
    """The stages before `current` are done, `current` is the step now (done too when the case has
    finished there), the rest are still to come. `body_now` names who acts at the current step
    when it is not the stage's own body (the applicant asked for a supplement)."""
    keys = [stage.key for stage in stages]
    position = keys.index(current) if current in keys else len(keys)
    steps = []
    for index, stage in enumerate(stages):
        if index < position or (index == position and finished):
            steps.append(Step(stage.label, DONE, times.finished(stage.key), stage.body))
        elif index == position:
            steps.append(Step(stage.label, CURRENT, times.entered.get(stage.key), body_now or stage.body, note))
        else:
            steps.append(Step(stage.label, TODO, None, stage.body))
    return steps


def current_step(steps: Sequence[Step]) -> Step | None:
    return next((step for step in steps if step.is_current), None)


@dataclass(frozen=True)
class PublicProgress:
    """Where an objection or a report stands, as the person who filed it may see it (办件查询):
    the steps, the body handling it, and the outcome in words with its public reason."""

    kind: str | Promise
    number: str
    subject: str
    received_at: datetime.datetime
    steps: list[Step]
    outcome: str | Promise = ""
    outcome_date: datetime.date | datetime.datetime | None = None
    reason: str = ""

    @property
    def current(self) -> Step | None:
        return current_step(self.steps)

    @property
    def handled_by(self) -> str:
        """The body at the current step, or at the last one once everything is done."""
        step = self.current or (self.steps[-1] if self.steps else None)
        return step.body if step else ""
