"""Recompute every open provisional date with the calendar as it stands (ADR 0041): once after the
law's holidays were first counted in years with no schedule; entering a year does it by itself."""

from django.core.management.base import BaseCommand

from deadlines.services import provisional_dates_recompute


class Command(BaseCommand):
    help = "Recompute every open provisional deadline and objection window (audited; people told when one moves)."

    def handle(self, *args, **options):
        moved = provisional_dates_recompute(actor=None)
        self.stdout.write(f"{moved} provisional date(s) moved.")
