"""The embedded background worker: runs the periodic jobs in a loop until SIGTERM/SIGINT.

Safe to run as several copies: a periodic job runs once per period across all of them
(its last start is kept in the database, workflows.schedule), and the jobs that drain a
queue claim their rows with row locks (SKIP LOCKED on PostgreSQL). A job whose period has
passed when the worker starts runs at once. See docs/adr/0044.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from workflows.jobs import JOBS, run_in_turn

logger = logging.getLogger("terroir.worker")


class Command(BaseCommand):
    help = "Run Terroir's periodic jobs (timers, notifications, deadlines, error reports) in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument("--tick", type=float, default=1.0, help="Seconds between scheduling rounds.")

    def handle(self, *args, once=False, tick=1.0, **options):
        stop = threading.Event()

        def request_stop(signum, _frame):
            logger.info("worker: signal %s received, stopping after the current job", signum)
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

        # When this copy last looked at each job, on its monotonic clock; None: not yet, so
        # every job is looked at in the first round (the clock's zero is the host's boot, not
        # this worker's start, and means nothing). Whether a job runs is the database's answer.
        last_looked: dict[str, float | None] = dict.fromkeys((job.name for job in JOBS), None)
        self.stdout.write(f"Worker started: {', '.join(job.name for job in JOBS)}")
        while not stop.is_set():
            now = time.monotonic()
            for job in JOBS:
                if stop.is_set():
                    break
                looked = last_looked[job.name]
                if once or looked is None or now - looked >= job.every_seconds:
                    last_looked[job.name] = now
                    if not self._run(job, by_hand=once):
                        # Another copy has this period: look again in a tenth of a period, so
                        # the job is not late by a whole period if that copy stops.
                        last_looked[job.name] = now - job.every_seconds * 0.9
            if once:
                break
            stop.wait(tick)
        self.stdout.write("Worker stopped.")

    def _run(self, job, *, by_hand: bool) -> bool:
        """False when another copy had this period's run."""
        close_old_connections()
        try:
            done = run_in_turn(job, by_hand=by_hand)
        except Exception:
            # One failing job must not stop the others; it is retried next period.
            logger.exception("worker: job %s failed", job.name)
            return True
        if done:
            logger.info("worker: %s handled %d item(s)", job.name, done)
        return done is not None
