"""Two Celery workers and two beats on PostgreSQL and Redis: each job still runs once per period.

One beat is the deployment rule (README); the second proves that a beat started by mistake
(`worker --beat` on every node) repeats nothing: each period's run is claimed in the database.
"""

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from tests.notifications.test_two_workers import _database_url

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/8"
WATCHED_SECONDS = 12
PERIODS = {"probe_every_2s": 2, "probe_every_3s": 3}


def reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def read_log(log) -> list[list[str]]:
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


def stop_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.mark.django_db(transaction=True)
def test_two_beats_and_two_workers_run_each_job_once_per_period(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the workers are separate processes; run with DATABASE_URL=postgres://…")
    if not reachable(REDIS_URL, 6379):
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    log = tmp_path / "jobs.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "TERROIR_TEST_JOB_LOG": str(log),
        "TERROIR_TEST_QUEUE": f"terroir-schedule-{uuid.uuid4().hex[:8]}",
        "TERROIR_TEST_PERIODS": ",".join(f"{name}:{period}" for name, period in PERIODS.items()),
    }
    celery = [sys.executable, "-m", "celery", "-A", "tests.workflows.celery_probe_app"]
    quiet = ["-l", "warning"]
    commands = [
        *(
            [*celery, "worker", "--pool=solo", "-n", f"probe{n}@%h", "--without-gossip", "--without-mingle", *quiet]
            for n in (1, 2)
        ),
        *([*celery, "beat", "-s", str(tmp_path / f"beat-{n}"), "--max-interval", "1", *quiet] for n in (1, 2)),
    ]
    processes = [
        subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    try:
        deadline = time.monotonic() + 45
        while not any(line[0] == "RUN" for line in read_log(log)):
            for process in processes:
                if process.poll() is not None:
                    pytest.fail(f"a Celery process exited: {process.stderr.read().decode()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail("no job ran within 45 seconds")
            time.sleep(0.2)
        watch_from = time.time()
        time.sleep(WATCHED_SECONDS)
    finally:
        stop_all(processes)

    runs: dict[str, list[float]] = defaultdict(list)
    taken: dict[str, int] = defaultdict(int)
    workers = set()
    for kind, name, at, pid in read_log(log):
        if kind == "RUN":
            runs[name].append(float(at))
            workers.add(pid)
        else:
            taken[name] += 1
    for name, period in PERIODS.items():
        times = sorted(runs[name])
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        # Never twice in a period (a run may start a tenth of a period early: scheduler jitter)…
        assert min(gaps) > 0.85 * period, f"{name} ran twice in one period: {gaps}"
        # …and once in every period watched.
        watched = [at for at in times if watch_from <= at <= watch_from + WATCHED_SECONDS]
        assert len(watched) >= WATCHED_SECONDS // period - 1, f"{name} missed periods: {gaps}"
        # Both beats sent it: the database claim is what kept the second copy from running.
        assert taken[name] >= len(times) + len(watched) // 2, (name, taken[name], len(times))
    assert len(workers) == 2, "both workers took runs"
