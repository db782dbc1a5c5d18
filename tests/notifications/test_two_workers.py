"""Two worker processes on PostgreSQL deliver every e-mail exactly once."""

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction

from notifications.models import EmailDelivery
from notifications.services import notify
from tests.factories import UserFactory

from .email_backends import LOG_ENV

MESSAGES = 200


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(paths: list[Path], processes: list[subprocess.Popen], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not all(path.exists() for path in paths):
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"worker exited before it was ready: {process.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail("workers did not start")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_send_each_email_exactly_once(tmp_path, deadline_stub):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks (no SKIP LOCKED) and one writer at a time, "
            "so it cannot show two workers racing; run with DATABASE_URL=postgres://…"
        )
    users = [UserFactory() for _ in range(20)]
    with transaction.atomic():
        for days in range(MESSAGES // len(users)):
            notify(recipients=users, kind="deadline.reminder", context={"deadline": deadline_stub, "days_left": days})
    assert EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING).count() == MESSAGES

    log, go = tmp_path / "sent.log", tmp_path / "go"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        LOG_ENV: str(log),
    }
    ready = [tmp_path / f"ready-{n}" for n in range(2)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.notifications.delivery_worker", str(flag), str(go)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    try:
        _wait_for(ready, workers)
        go.touch()
        outputs = [worker.communicate(timeout=300) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    for worker, (_stdout, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr

    lines = log.read_text().splitlines()
    message_ids = Counter(line.split()[0] for line in lines)
    duplicates = [message_id for message_id, times in message_ids.items() if times > 1]
    assert not duplicates, f"sent more than once: {duplicates[:5]}"
    assert len(lines) == len(message_ids) == MESSAGES
    sent_by = [int(stdout.strip()) for stdout, _ in outputs]
    assert sum(sent_by) == MESSAGES
    # Both really worked at the same time, or the test would prove nothing.
    assert all(sent_by), f"one worker sent everything: {sent_by}"
    assert len({line.split()[1] for line in lines}) == 2
    assert EmailDelivery.objects.filter(status=EmailDelivery.Status.SENT, attempts=1).count() == MESSAGES
