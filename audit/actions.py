"""The registry of audit actions: every action the chain may hold is declared once, by its kind.

Each kind declares its actions as a `TextChoices` (value = the stored action, label = what a
history shows) and registers it at import time. Services write `Kind.ACTION` instead of a
literal, history selectors read labels from the same class, and `audit_record` refuses an
action nobody declared, so renaming an outcome cannot silently drop it from a history.
"""

from django.db import models

_REGISTRY: dict[str, type[models.TextChoices]] = {}


class UnregisteredAuditAction(ValueError):
    """An audit event whose action no kind declared."""


def register(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Class decorator: declare a kind's actions. A value declared by two kinds is a mistake."""
    for value in choices.values:
        owner = _REGISTRY.get(value)
        if owner is not None and owner is not choices:
            raise ValueError(f"audit action {value!r} is declared by {owner.__qualname__} and {choices.__qualname__}")
        _REGISTRY[value] = choices
    return choices


def is_registered(action: str) -> bool:
    return action in _REGISTRY


def ensure_registered(action: str) -> None:
    if action not in _REGISTRY:
        raise UnregisteredAuditAction(f"audit action {action!r} is not declared in any kind's registry")


def label_of(action: str) -> str:
    """What a person reads for an action (its declared label)."""
    ensure_registered(action)
    return str(_REGISTRY[action](action).label)


def kind_of(action: str) -> type[models.TextChoices] | None:
    """The choices that declared an action (its kind's registry), None for an undeclared one."""
    return _REGISTRY.get(action)


def registered_actions() -> dict[str, type[models.TextChoices]]:
    return dict(_REGISTRY)
