"""Terroir's Celery app with a short schedule of probe jobs in place of the real ones.

The workers and beats of tests/workflows/test_celery_schedule.py load it with
`celery -A tests.workflows.celery_probe_app`. Each probe appends "RUN <job> <time> <pid>"
to the file named by TERROIR_TEST_JOB_LOG; each task a worker takes appends "TAKE …".
TERROIR_TEST_PERIODS names the probes and their periods ("probe_a:2,probe_b:3"), and
TERROIR_TEST_QUEUE the queue, fresh for each test run. Never imported by the test process.
"""

import os
import time

import django

django.setup()

from celery.signals import task_prerun  # noqa: E402

from workflows import jobs  # noqa: E402

LOG_ENV = "TERROIR_TEST_JOB_LOG"


def _log(line: str) -> None:
    descriptor = os.open(os.environ[LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, f"{line} {time.time():.3f} {os.getpid()}\n".encode())
    finally:
        os.close(descriptor)


def _probe(name: str):
    def run() -> int:
        _log(f"RUN {name}")
        return 1

    return run


# In place: job_named() and the beat schedule (config.celery) both read this list.
jobs.JOBS[:] = [
    jobs.Job(name, _probe(name), every_seconds=float(period))
    for name, period in (probe.split(":") for probe in os.environ["TERROIR_TEST_PERIODS"].split(","))
]

from config.celery import app  # noqa: E402

app.conf.task_default_queue = os.environ["TERROIR_TEST_QUEUE"]
app.conf.result_expires = 60


@task_prerun.connect
def _taken(task=None, args=None, **kwargs) -> None:
    if args:
        _log(f"TAKE {args[0]}")
