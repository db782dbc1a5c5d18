from django.db import models, transaction


class ReferenceSequence(models.Model):
    """Gap-free counters for public reference numbers, one row per scope (e.g. "SB-330106-2026")."""

    key = models.CharField(max_length=80, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last_value}"


def next_in_sequence(key: str) -> int:
    """The next number of a scope; the row stays locked until the caller's transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_sequence must run inside the transaction that uses the number")
    ReferenceSequence.objects.get_or_create(key=key)
    sequence = ReferenceSequence.objects.select_for_update().get(key=key)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value


def reserve_in_sequence(key: str, count: int) -> int:
    """Reserve `count` consecutive numbers of a scope at once; returns the first. For a bulk import,
    where a lock per row would cost a round trip per row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve_in_sequence must run inside the transaction that uses the numbers")
    ReferenceSequence.objects.get_or_create(key=key)
    sequence = ReferenceSequence.objects.select_for_update().get(key=key)
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["last_value"])
    return first
