"""What other apps hear from the calendar: the deadlines app imports no case app (ADR 0009)."""

from django.dispatch import Signal

# Sent inside provisional_dates_recompute's transaction (a year's schedule was entered, or the
# `recompute_provisional_dates` command ran), after the deadlines are recomputed, with actor, year
# (None: every year) and calendar (a WorkingCalendar that reads the new days): the apps that store
# dates of their own (the objection window and its flow timer) recompute their provisional ones and
# return how many moved.
provisional_dates_changed = Signal()
