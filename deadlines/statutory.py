"""The days off set by law, for a year whose official schedule is not known yet (ADR 0041).

全国年节及纪念日放假办法, as in force from 1 January 2025 (第二条): 元旦 1 day, 春节 4 days (除夕 to
正月初三), 清明 1 day (the solar term), 劳动节 2 days (1–2 May), 端午 1 day (五月初五), 中秋 1 day
(八月十五), 国庆 3 days (1–3 October). 第六条: a holiday of all citizens that falls on a Saturday
or Sunday is made up (补假) on working days; here, on the first weekdays after the holiday that are
not themselves holidays. The State Council's yearly notice may move days around (调休) and usually
lengthens the breaks: dates computed from these stay provisional until the notice is entered.
"""

import datetime
from functools import cache

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from lunar_python import Lunar, Solar

# The 2025 text; the years before chinese-calendar's first (2004) are not computed.
LAW_IN_FORCE_FROM = 2025

ONE_DAY = datetime.timedelta(days=1)

NEW_YEAR = _("New Year's Day")
SPRING_FESTIVAL = _("Spring Festival")
QINGMING = _("Qingming Festival")
LABOUR_DAY = _("Labour Day")
DRAGON_BOAT = _("Dragon Boat Festival")
MID_AUTUMN = _("Mid-Autumn Festival")
NATIONAL_DAY = _("National Day")
IN_LIEU = _("{holiday} (day off in lieu)")


def _lunar(year: int, month: int, day: int) -> datetime.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> datetime.date:
    # The solar term table of the lunar year that holds mid-April of `year`.
    term = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return datetime.date(term.getYear(), term.getMonth(), term.getDay())


def _run(first: datetime.date, days: int) -> list[datetime.date]:
    return [first + ONE_DAY * offset for offset in range(days)]


def holidays_by_law(year: int) -> list[tuple[Promise, list[datetime.date]]]:
    """Each holiday of the year and its days, in the order of the year."""
    # 除夕 is the last day of the 12th month of the lunar year before: the eve of 正月初一.
    new_year_eve = _lunar(year, 1, 1) - ONE_DAY
    return [
        (NEW_YEAR, [datetime.date(year, 1, 1)]),
        (SPRING_FESTIVAL, _run(new_year_eve, 4)),
        (QINGMING, [_qingming(year)]),
        (LABOUR_DAY, _run(datetime.date(year, 5, 1), 2)),
        (DRAGON_BOAT, [_lunar(year, 5, 5)]),
        (MID_AUTUMN, [_lunar(year, 8, 15)]),
        (NATIONAL_DAY, _run(datetime.date(year, 10, 1), 3)),
    ]


@cache
def days_off_by_law(year: int) -> dict[datetime.date, Promise]:
    """The year's days off by law that are weekdays: the holidays and the days in lieu of those on a
    weekend. Empty before the law's year: such dates stay Monday to Friday."""
    if year < LAW_IN_FORCE_FROM:
        return {}
    holidays = holidays_by_law(year)
    off = {day for _name, days in holidays for day in days}
    days_off = {day: name for name, days in holidays for day in days if day.weekday() < 5}
    for name, days in holidays:
        owed = sum(day.weekday() >= 5 for day in days)
        day = max(days)
        while owed:
            day += ONE_DAY
            if day.weekday() < 5 and day not in off and day not in days_off:
                days_off[day] = format_lazy(IN_LIEU, holiday=name)
                owed -= 1
    # 元旦 in lieu of a Saturday or Sunday 1 January is still in that year; nothing spills over.
    return {day: name for day, name in sorted(days_off.items()) if day.year == year}
