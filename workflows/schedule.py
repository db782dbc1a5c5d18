"""One run per period of each periodic job, across every run_worker copy and Celery beat.

The period's run goes to whichever copy first moves the job's `JobRun.last_started_at`
forward, in a single conditional UPDATE: on PostgreSQL a second UPDATE of the row waits for
the first and then finds its condition false; on SQLite writers take turns. The time is
the wall clock (timezone.now), stored in the database, so it survives restarts and is the
same for every copy: a worker started on a host that booted a minute ago still runs the
hourly job at once if nobody ran it in the last hour. See docs/adr/0044.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from .models import JobRun

# A run may start this fraction of its period early: absorbs a scheduler's jitter, so a beat
# that fires a few milliseconds before the exact period does not lose the period's run.
EARLY_FRACTION = 0.1


def claim_run(name: str, every_seconds: float, *, force: bool = False) -> bool:
    """Take this period's run of the job; False when another copy already took it.

    `force` (a run asked for by hand) always takes it, and still records it for the others.
    """
    now = timezone.now()
    due = Q(last_started_at__isnull=True) | Q(
        last_started_at__lte=now - datetime.timedelta(seconds=every_seconds * (1 - EARLY_FRACTION))
    )
    for _ in range(2):
        rows = JobRun.objects.filter(name=name)
        if rows.filter(Q() if force else due).update(last_started_at=now):
            return True
        if rows.exists():
            return False
        # The job's first run anywhere: create its row (a racing copy may too), then claim again.
        JobRun.objects.bulk_create([JobRun(name=name)], ignore_conflicts=True)
    return False
