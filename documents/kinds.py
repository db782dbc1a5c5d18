"""Kinds of official document: template, numbering and who may download one.

An app registers its kinds in its AppConfig.ready(); a notice for staff is registered
here so the engine can be used (and measured) before any workflow adds its own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class UnknownDocumentKind(LookupError):
    """A document kind no app registered."""


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str | Promise
    template: str
    # Formatted with year and serial, e.g. "地标声明〔{year}〕{serial}号".
    number_format: str
    can_view: Callable  # (user, document) -> bool


_KINDS: dict[str, DocumentKind] = {}


def register_kind(code: str, *, label, template: str, can_view, number_format: str = "{year}年第{serial}号"):
    kind = DocumentKind(code=code, label=label, template=template, number_format=number_format, can_view=can_view)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> DocumentKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownDocumentKind(f"no document kind {code!r} is registered") from None


def _staff_only(user, document) -> bool:
    from organizations.selectors import is_staff_member

    return user.is_authenticated and is_staff_member(user)


register_kind(
    "documents.notice",
    label=_("Notice"),
    template="documents/notice.html",
    number_format="通知〔{year}〕{serial}号",
    can_view=_staff_only,
)
