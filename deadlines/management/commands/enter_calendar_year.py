"""Enter a year's official holidays from a file, as the admin's form does (audited, and every open
provisional date recomputed). One line per date or range, 休 for a day off, 班 for a working day:

    # 国务院办公厅关于2027年部分节假日安排的通知
    休 2027-01-01 元旦
    休 2027-02-05..2027-02-11 春节
    班 2027-02-14 春节调休
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from deadlines.forms import parse_days
from deadlines.services import calendar_year_enter

OFF, WORKING = ("休", "off"), ("班", "work")


def parse_schedule(text: str) -> tuple[list, list]:
    holidays: list[tuple[datetime.date, str]] = []
    working: list[tuple[datetime.date, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        mark, _space, rest = line.partition(" ")
        if mark not in OFF + WORKING:
            raise CommandError(f"line {number}: start with 休 (day off) or 班 (working day): {line!r}")
        try:
            days = parse_days(rest)
        except ValidationError as error:
            raise CommandError(f"line {number}: {' '.join(error.messages)}") from None
        (holidays if mark in OFF else working).extend(days)
    return holidays, working


class Command(BaseCommand):
    help = "Enter a year's official holidays and make-up working days from a file; provisional dates are recomputed."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", help="the schedule, one 休/班 line per date or range")
        parser.add_argument("--source", required=True, help="the State Council notice")
        parser.add_argument("--by", help="the administrator's username, recorded as the actor")

    def handle(self, *args, year, file, source, by=None, **options):
        actor = None
        if by:
            actor = User.objects.filter(username=by).first()
            if actor is None:
                raise CommandError(f"no user {by!r}")
        try:
            with open(file, encoding="utf-8") as handle:
                holidays, working = parse_schedule(handle.read())
        except OSError as error:
            raise CommandError(str(error)) from None
        try:
            _year, moved = calendar_year_enter(
                actor=actor, year=year, source=source, holidays=holidays, working_days=working
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{year}: {len(holidays)} day(s) off, {len(working)} working day(s); {moved} date(s) moved.")
