"""The 案件 search: every kind of casework the user may see that matches a number, a party, a
credit code or a product, newest first, a bounded page at a time (ADR 0036).

Each kind is one query (kinds.py), cut at a page and a row; the kinds are merged here on
(opened, kind, id), so a page costs the same few queries however many cases match, and nothing is
counted. The enterprises and products the text names are looked up once for all kinds; a row's
bureau and last change come with its case, in its kind's query.
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cases.common.pinyin import normalize_query
from cases.models import ProtectedProduct
from organizations.credit_code import LENGTH as CREDIT_CODE_LENGTH
from organizations.credit_code import normalize_credit_code
from organizations.models import Enterprise
from organizations.selectors import jurisdiction_read_once

from .kinds import KIND_BY_CODE, KINDS, CaseRow, Criteria, Cursor, Named

PAGE_SIZE = 50
# Up to this many enterprises or products named by the text go to each kind's query as ids
# (kinds.Named); more, as the condition on their names.
IDS_INLINE = 1000
MIN_NUMBER_LENGTH = 8
MAX_CURSOR_LENGTH = 200
_CHECK_NUMBER = re.compile(r"^(?P<reference>\S+)\s*#\s*(?P<position>\d{1,6})$")


@dataclass
class CaseSearchPage:
    rows: list[CaseRow] = field(default_factory=list)
    next_cursor: str | None = None
    is_continuation: bool = False  # a page after the first
    cursor_invalid: bool = False


def _named(model, condition: Q) -> Named:
    ids = list(model.objects.filter(condition).order_by().values_list("pk", flat=True)[: IDS_INLINE + 1])
    return Named(ids=ids) if len(ids) <= IDS_INLINE else Named(condition=condition)


def _may_be_a_number(text: str) -> bool:
    """Long enough to be most of a case number, with a digit: only then is "exact number first"
    asked of the database, which must then sort every case that matches instead of reading them
    newest first ("2025" is in nearly every number, "SB-330106-2026-00012" in one)."""
    return len(text) >= MIN_NUMBER_LENGTH and any(character.isdigit() for character in text)


def criteria_for(*, text: str = "", status: str = "", open_only: bool = False) -> Criteria:
    """What the text may be: a case number (exactly, or part of one), an enterprise's name or
    credit code, a product's name, English name or pinyin."""
    text = " ".join(text.split())
    if not text:
        return Criteria(status=status, open_only=open_only)
    credit_code = normalize_credit_code(text) if len(text) == CREDIT_CODE_LENGTH and text.isalnum() else ""
    party = Q(name__icontains=text)
    if credit_code:
        party |= Q(credit_code=credit_code)
    product = Q(name__icontains=text) | Q(name_en__icontains=text)
    needle = normalize_query(text)
    if needle.isascii() and needle.isalpha():
        product |= Q(name_pinyin__contains=needle)  # "xihu", "xhlj" (cases/common/pinyin.py)
    check = _CHECK_NUMBER.match(text)
    return Criteria(
        text=text,
        exact_numbers=tuple({text, text.upper()}) if _may_be_a_number(text) else (),
        check_number=(check["reference"].upper(), int(check["position"])) if check else None,
        credit_code=credit_code,
        enterprises=_named(Enterprise, party),
        products=_named(ProtectedProduct, product),
        status=status,
        open_only=open_only,
    )


def encode_cursor(row: CaseRow) -> str:
    payload = json.dumps([row.opened.isoformat(), row.kind.rank, row.pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> Cursor | None:
    """None for anything that is not a cursor this page made."""
    if not token or len(token) > MAX_CURSOR_LENGTH:
        return None
    try:
        opened, rank, pk = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        moment = parse_datetime(opened) if isinstance(opened, str) else None
    except (ValueError, TypeError, binascii.Error, RecursionError):
        return None
    if moment is None or timezone.is_naive(moment) or type(rank) is not int or type(pk) is not int:
        return None
    if not (0 < pk < 2**63 and rank in {kind.rank for kind in KINDS}):
        return None
    return Cursor(opened=moment, rank=rank, pk=pk)


def search_cases(
    user, criteria: Criteria, *, kind: str = "", cursor: str = "", size: int | None = None
) -> CaseSearchPage:
    """A page of the cases the user may see that match, newest first; the exact number first.

    `kind` limits the search to one kind (a status of a kind implies it). Without text, the
    filters alone choose (e.g. every open case in the jurisdiction).
    """
    size = size or PAGE_SIZE
    after = decode_cursor(cursor) if cursor else None
    page = CaseSearchPage(is_continuation=after is not None, cursor_invalid=bool(cursor) and after is None)
    kinds = [KIND_BY_CODE[kind]] if kind else list(KINDS)
    with jurisdiction_read_once():
        found = [row for searched in kinds for row in searched.cases(user, criteria, after=after, size=size)]
    exact = sorted((row for row in found if row.exact), key=lambda row: row.kind.rank, reverse=True)
    others = sorted((row for row in found if not row.exact), key=lambda row: row.sort_key, reverse=True)
    page.rows = exact + others[:size]
    if len(others) > size:
        page.next_cursor = encode_cursor(others[size - 1])
    return page
