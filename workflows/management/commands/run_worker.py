"""The embedded background worker: runs the periodic jobs in a loop until SIGTERM/SIGINT.

Safe to run as several copies: every job claims its rows with row locks
(SKIP LOCKED on PostgreSQL), so two workers never do the same work twice.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from workflows.jobs import JOBS

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

        last_run = {job.name: 0.0 for job in JOBS}
        self.stdout.write(f"Worker started: {', '.join(job.name for job in JOBS)}")
        while not stop.is_set():
            now = time.monotonic()
            for job in JOBS:
                if stop.is_set():
                    break
                if once or now - last_run[job.name] >= job.every_seconds:
                    last_run[job.name] = now
                    self._run(job)
            if once:
                break
            stop.wait(tick)
        self.stdout.write("Worker stopped.")

    def _run(self, job) -> None:
        close_old_connections()
        try:
            done = job.run()
        except Exception:
            # One failing job must not stop the others; it is retried next round.
            logger.exception("worker: job %s failed", job.name)
            return
        if done:
            logger.info("worker: %s handled %d item(s)", job.name, done)
