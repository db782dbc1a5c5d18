"""The audit events of the seeded history, appended through the product's own writer.

Events are gathered as `audit.services.Change`s and handed to `audit_record_many` in chunks, so
the chain is numbered and hashed by the same code as every service's events (and `verify_audit`
checks them with the same rules). The writer stamps each event with the time it is written: the
seeded cases and tasks carry their historical dates, their events the day of the seeding.
"""

from functools import cache

CHUNK = 20_000  # events appended per batch: one lock of the chain head, one bulk insert


class AuditTrail:
    def __init__(self):
        self.pending = []
        self.written = 0

    def add(self, *, actor, action: str, target, from_state: str, to_state: str, comment: str = "") -> None:
        from audit.services import Change

        self.pending.append(
            Change(actor=actor, action=action, target=target, from_state=from_state, to_state=to_state, comment=comment)
        )
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Append what is pending (inside the seeder's transaction)."""
        from audit.services import audit_record_many

        if self.pending:
            audit_record_many(self.pending)
            self.written += len(self.pending)
            self.pending = []


@cache
def worker(pk: int, label: str):
    """A seeded worker as the writer records them (their id and name): a user not read back."""
    from accounts.models import User

    return User(pk=pk, username=label, full_name=label)
