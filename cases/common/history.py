"""A case's history in words: for people outside the office (the events they may see), and for
staff (every event, as a sentence: when, which body and person, what was done, the resulting
status and the opinion given).

Codes stay in the audit trail and its export (the admin): an action is read by the label its
kind declared (audit.actions), a state by its status label, and the event's data only where a
few of its values say something a person needs (a document's number, an amount), in words.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from audit.actions import is_registered, kind_of, label_of
from audit.models import AuditEvent
from audit.selectors import SYSTEM_ACTOR, audit_events_for
from documents.audit_actions import DocumentAction
from organizations.models import EnterpriseAccount, Membership

from ..applications.choices import ApplicationAction
from ..declarations.choices import DeclarationAction
from ..enforcement.choices import EnforcementAction, ServiceMethod
from ..models import ProductRevocation
from ..objections.choices import ObjectionAction
from ..products.choices import ProductAction
from ..supervision.choices import SupervisionAction


@dataclass(frozen=True)
class HistoryEntry:
    occurred_at: datetime
    label: str | Promise
    status: str
    comment: str


def visible_history(
    target, visible_actions: dict[str, tuple[str | Promise, bool]], status_choices
) -> list[HistoryEntry]:
    """visible_actions: action → (label, whether its comment is meant for the reader).
    Actions not listed are internal business and left out."""
    statuses = dict(status_choices)
    entries = []
    for event in audit_events_for(target).filter(action__in=visible_actions):
        label, comment_is_public = visible_actions[event.action]
        entries.append(
            HistoryEntry(
                occurred_at=event.occurred_at,
                label=label,
                status=statuses.get(event.to_state, ""),
                comment=event.comment if comment_is_public else "",
            )
        )
    return entries


# --- Staff history: every event as a sentence ----------------------------------------------------

# An action no kind declares any more (an event older than the registry) reads as this, never as its code.
OTHER_ACTION = _("Other entry")

# A case page shows its latest events; a long investigation's whole history (a thousand events)
# took most of a second to render, so it is one click away.
HISTORY_SHOWN = 100


@dataclass(frozen=True)
class HistorySentence:
    """One event as staff read it: "2026-12-07 09:12 西湖区局 杨帆 核查线索 → 待决定是否立案：意见……"."""

    occurred_at: datetime
    body: str  # the department (or enterprise) the person acts for; empty for the system
    person: str  # the person's full name, or 系统
    what: str  # the action's label, the resulting status and the details, in words
    comment: str

    @property
    def who(self) -> str:
        return f"{self.body} {self.person}" if self.body else self.person

    def __str__(self) -> str:
        when = format_date(timezone.localtime(self.occurred_at), "Y-m-d H:i")
        sentence = f"{when} {self.who} {self.what}"
        return f"{sentence}{gettext(': ')}{self.comment}" if self.comment else sentence


@dataclass(frozen=True)
class StaffHistory:
    sentences: list[HistorySentence]
    total: int  # events in the whole history; more than len(sentences) when only the latest are shown

    @property
    def shortened(self) -> bool:
        return len(self.sentences) < self.total


def _yes_no(value) -> str:
    return gettext("Yes") if value else gettext("No")


def _money(value) -> str:
    return gettext("%(amount)s yuan") % {"amount": value}


def _service(data: dict) -> str:
    method = ServiceMethod.labels.get(data.get("method", ""))
    return gettext(", ").join(str(part) for part in (method, data.get("served_on")) if part)


def _penalty(data: dict) -> str:
    parts = []
    if data.get("fine") not in (None, ""):
        parts.append(gettext("fine %(amount)s") % {"amount": _money(data["fine"])})
    if data.get("confiscation") not in (None, ""):
        parts.append(gettext("confiscation %(amount)s") % {"amount": _money(data["confiscation"])})
    return gettext(", ").join(parts)


def _revocation_ground(data: dict) -> str:
    ground = data.get("ground")
    return str(ProductRevocation.Ground(ground).label) if ground in ProductRevocation.Ground.values else ""


def _referred(data: dict) -> str:
    return gettext("referred to enforcement") if data.get("referred") else ""


def _file(data: dict) -> str:
    return data.get("file", "")


def _objection(data: dict) -> str:
    return data.get("objection", "")


# The few values of an event's data a reader needs, by action, in words. Anything else in the
# data (hashes, ids, codes) is for the audit export only.
_DETAILS: dict[str, Callable[[dict], str]] = {
    DocumentAction.ISSUE: lambda data: data.get("number", ""),
    ApplicationAction.ATTACH: _file,
    DeclarationAction.ATTACH: _file,
    EnforcementAction.ADD_EVIDENCE: _file,
    EnforcementAction.FILING_FILE: lambda data: (
        gettext("major case: %(yes_no)s") % {"yes_no": _yes_no(data.get("major"))}
    ),
    EnforcementAction.EXTEND: lambda data: (
        ngettext("%(days)s day", "%(days)s days", data["days"]) % {"days": data["days"]}
    ),
    EnforcementAction.SERVE_NOTICE: _service,
    EnforcementAction.SERVE_DECISION: _service,
    EnforcementAction.DECIDE_PENALTY: _penalty,
    EnforcementAction.EXECUTE: lambda data: (
        gettext("paid %(amount)s") % {"amount": _money(data["amount"])} if data.get("amount") not in (None, "") else ""
    ),
    ApplicationAction.OBJECTION_WINDOW_MOVE: lambda data: (
        gettext("from %(before)s to %(after)s") % {"before": data["closes_before"], "after": data["closes"]}
    ),
    SupervisionAction.CHECK_COMPLIANT: _referred,
    SupervisionAction.CHECK_RECTIFICATION: _referred,
    SupervisionAction.CHECK_REVOCATION: _referred,
    ProductAction.REVOCATION_PROPOSE: _revocation_ground,
    **dict.fromkeys(ObjectionAction, _objection),
}


def _detail(event: AuditEvent) -> str:
    render = _DETAILS.get(event.action)
    if render is None or not isinstance(event.data, dict):
        return ""
    try:
        return str(render(event.data) or "")
    except (KeyError, TypeError, ValueError):  # an older event's data of another shape: say nothing
        return ""


def _body_of(actor) -> str:
    """The body a person acts for: their department (the first of their active memberships), or
    the enterprise their account acts for. Read from the prefetched rows (see staff_history)."""
    memberships = actor.memberships.all()
    if memberships:
        return str(memberships[0].department)
    accounts = actor.enterprise_accounts.all()
    return accounts[0].enterprise.name if accounts else ""


def narrate(event: AuditEvent, states: dict[str, str | Promise]) -> HistorySentence:
    """One event → its sentence. `states` names the statuses of the event's target (code → label);
    a state it does not name is left out, never shown as its code."""
    label = label_of(event.action) if is_registered(event.action) else str(OTHER_ACTION)
    what = label
    if event.to_state and event.to_state != event.from_state and event.to_state in states:
        what = f"{label} → {states[event.to_state]}"
    detail = _detail(event)
    if detail:
        what = gettext("%(what)s (%(detail)s)") % {"what": what, "detail": detail}
    actor = event.actor
    if actor is None:
        body, person = "", (gettext("System") if event.actor_label == SYSTEM_ACTOR else event.actor_label)
    else:
        body, person = _body_of(actor), actor.get_full_name() or event.actor_label
    return HistorySentence(occurred_at=event.occurred_at, body=body, person=person, what=what, comment=event.comment)


def _status_labels(model: type[models.Model]) -> dict[str, str | Promise]:
    status = getattr(model, "Status", None)
    return dict(status.choices) if status is not None else {}


def staff_history(
    *targets: models.Model,
    everything: bool = False,
    kind_states: Mapping[type[models.TextChoices], Iterable[tuple[str, str | Promise]]] | None = None,
) -> StaffHistory:
    """The events of one case (and of objects that belong to it, such as a check's declaration),
    oldest first, as sentences: the latest HISTORY_SHOWN, or all. Four queries however many events
    there are: the count, the events with their actors, the actors' departments, their enterprises.

    An event's resulting state is named by the Status of its target, or first by the choices given
    for its kind of action in kind_states: an objection's events are recorded on its application
    with the objection's state."""
    content_types = {target: ContentType.objects.get_for_model(target) for target in targets}
    where = Q()
    for target, content_type in content_types.items():
        where |= Q(target_type=content_type, target_id=str(target.pk))
    events = AuditEvent.objects.filter(where)
    total = events.count()
    events = events.select_related("actor").prefetch_related(
        Prefetch(
            "actor__memberships",
            queryset=Membership.objects.filter(is_active=True).select_related("department").order_by("pk"),
        ),
        Prefetch(
            "actor__enterprise_accounts",
            queryset=EnterpriseAccount.objects.filter(is_active=True).select_related("enterprise").order_by("pk"),
        ),
    )
    if everything or total <= HISTORY_SHOWN:
        rows = list(events.order_by("sequence"))
    else:
        rows = list(reversed(events.order_by("-sequence")[:HISTORY_SHOWN]))
    by_target = {content_type.pk: _status_labels(type(target)) for target, content_type in content_types.items()}
    by_kind: dict[type[models.TextChoices] | None, dict[str, str | Promise]] = {
        kind: dict(choices) for kind, choices in (kind_states or {}).items()
    }

    merged: dict[tuple, dict[str, str | Promise]] = {}

    def states_of(event: AuditEvent) -> dict[str, str | Promise]:
        key = (kind_of(event.action), event.target_type_id)
        if key not in merged:
            merged[key] = by_target.get(event.target_type_id, {}) | by_kind.get(key[0], {})
        return merged[key]

    return StaffHistory([narrate(event, states_of(event)) for event in rows], total)
