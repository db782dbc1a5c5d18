"""@mentions in a note: "@username" or "@姓名" of a colleague.

Chinese runs on without spaces ("@徐明请核实"), so a mention is the longest run after "@" whose
beginning is someone's user name, full name, or the last word of a full name that starts with a
title or a bureau ("西湖区局 徐明"). Which of those people may be told (a colleague who
sees the case) is for the caller to decide.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q

# \\w covers Chinese characters; a user name may hold . and - as well.
_MENTION = re.compile(r"@([\w.\-]+)")
# A name has at least two characters (a Chinese name is a surname and a given name).
_SHORTEST_NAME = 2
_LONGEST_NAME = 40
# A Chinese personal name, looked up as the last word of a full name, has at most this many characters.
_LONGEST_LAST_WORD = 4
# A note that names more people than this is a circular, not a mention.
MAX_MENTIONS = 10
# People sharing one name that are looked at; beyond it the mention is ambiguous anyway.
_SAME_NAME = 5


def mention_tokens(body: str) -> list[str]:
    """The text after each "@", once each, in order (at most MAX_MENTIONS)."""
    tokens: list[str] = []
    for match in _MENTION.finditer(body):
        token = match.group(1)[:_LONGEST_NAME].rstrip(".-")
        if len(token) >= _SHORTEST_NAME and token not in tokens:
            tokens.append(token)
    return tokens[:MAX_MENTIONS]


def _prefixes(token: str) -> list[str]:
    return [token[:end] for end in range(len(token), _SHORTEST_NAME - 1, -1)]


def _names_of(user) -> set[str]:
    # A full name may carry a title or the bureau before the person's own ("西湖区局 杨帆"): "@杨帆".
    return {user.username, user.full_name, user.full_name.rsplit(" ", 1)[-1]} - {""}


def people_named(tokens: list[str]) -> dict[str, list]:
    """token → the active people it names (the longest matching name first wins), in one query."""
    if not tokens:
        return {}
    names = {prefix for token in tokens for prefix in _prefixes(token)}
    last_words = Q()
    for name in {prefix for prefix in names if len(prefix) <= _LONGEST_LAST_WORD}:
        last_words |= Q(full_name__endswith=f" {name}")
    people = get_user_model().objects.filter(
        Q(username__in=names) | Q(full_name__in=names) | last_words, is_active=True, is_superuser=False
    )
    by_name: dict[str, list] = {}
    for user in people:
        for name in _names_of(user) & names:
            by_name.setdefault(name, []).append(user)
    named = {}
    for token in tokens:
        for prefix in _prefixes(token):
            if prefix in by_name:
                named[token] = sorted(by_name[prefix], key=lambda user: user.pk)[:_SAME_NAME]
                break
    return named


def mention_text(token: str, named_user) -> str:
    """How a mention reads back in a message: the part of the token that named someone."""
    for prefix in _prefixes(token):
        if named_user is not None and prefix in _names_of(named_user):
            return "@" + prefix
    return "@" + token
