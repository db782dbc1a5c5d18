from pypinyin import Style, lazy_pinyin


def pinyin_search_key(text: str) -> str:
    """ "西湖龙井" → "xihulongjing xhlj": full pinyin and initials, for search by either."""
    full = "".join(lazy_pinyin(text))
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))
    return f"{full} {initials}".lower()


def normalize_query(text: str) -> str:
    return "".join(text.split()).lower()
