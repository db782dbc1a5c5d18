"""The door of the agreement lists: pages, task views, the API, the command and the demo change an
entry only through these functions; each runs in one transaction with the service's audit event,
and starts the entry's flow where the change calls for it."""

from django.db import transaction

from accounts.models import User
from accounts.types import Actor

# The module, not the class: flows imports the task views, which import these actions.
from . import flows
from .loader import read_list
from .models import AgreementEntry, AgreementObjection
from .services import (
    entries_load,
    entry_decide,
    entry_decide_publication,
    entry_file_objection,
    entry_propose_decision,
    entry_request_publication,
)


def load_list(*, actor: Actor, data: bytes) -> list[AgreementEntry]:
    """Check the whole file first (a ValidationError lists every bad line), then enter it at once."""
    return entries_load(actor=actor, rows=read_list(data))


@transaction.atomic
def request_publication(*, actor: User, entry: AgreementEntry) -> AgreementEntry:
    """Put a proposed name in the lead's inbox for publication, in one transaction."""
    entry = entry_request_publication(actor=actor, entry=entry)
    flows.AgreementEntryFlow.start.run(entry=entry)
    return entry


def decide_publication(*, actor: User, entry: AgreementEntry, approve: bool, comment: str = "") -> AgreementEntry:
    return entry_decide_publication(actor=actor, entry=entry, approve=approve, comment=comment)


def file_objection(*, actor: Actor, entry: AgreementEntry, **fields) -> AgreementObjection:
    return entry_file_objection(actor=actor, entry=entry, **fields)


def propose_decision(*, actor: User, entry: AgreementEntry, **fields) -> AgreementEntry:
    return entry_propose_decision(actor=actor, entry=entry, **fields)


def decide(*, actor: User, entry: AgreementEntry, approve: bool, comment: str = "") -> AgreementEntry:
    return entry_decide(actor=actor, entry=entry, approve=approve, comment=comment)
