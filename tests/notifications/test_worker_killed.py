"""SIGKILL to the worker in the middle of a delivery: no e-mail lost, none accepted twice (PostgreSQL).

The mail server here had not accepted the 13th message when the worker died, so sending it
again gives one copy; test_delivery_at_least_once.py kills the worker after the server kept it.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection, transaction

from notifications.models import EmailDelivery
from notifications.services import notify
from tests.factories import UserFactory

from .email_backends import HANG_AFTER_ENV, LOG_ENV
from .test_two_workers import _database_url

MESSAGES = 60
SENT_BEFORE_THE_KILL = 12


def start_worker(tmp_path, log, **extra_env) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _database_url(),
        LOG_ENV: str(log),
        **extra_env,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--tick", "0.1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition, what: str, worker: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited while waiting for {what}: {worker.stderr.read()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def log_lines(log) -> list[list[str]]:
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_loses_nothing_and_repeats_nothing(tmp_path, deadline_stub):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the worker is a separate process sharing the test database; "
            "run with DATABASE_URL=postgres://…"
        )
    users = [UserFactory() for _ in range(20)]
    with transaction.atomic():
        for days in range(MESSAGES // len(users)):
            notify(recipients=users, kind="deadline.reminder", context={"deadline": deadline_stub, "days_left": days})
    assert EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING).count() == MESSAGES
    log = tmp_path / "mail.log"

    first = start_worker(tmp_path, log, **{HANG_AFTER_ENV: str(SENT_BEFORE_THE_KILL)})
    try:
        # The worker has sent 12 messages and is stuck in the conversation of the 13th.
        wait_until(
            lambda: sum(1 for line in log_lines(log) if line[0] == "BEGIN") == SENT_BEFORE_THE_KILL + 1,
            "the worker to start its 13th delivery",
            first,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    lines = log_lines(log)
    assert lines[-1][0] == "BEGIN", "killed in the middle of a delivery"
    assert sum(1 for line in lines if line[0] == "SENT") == SENT_BEFORE_THE_KILL

    def sent_count():
        return EmailDelivery.objects.filter(status=EmailDelivery.Status.SENT).count()

    assert sent_count() == SENT_BEFORE_THE_KILL
    # The 13th attempt was counted and committed before the conversation began.
    interrupted = EmailDelivery.objects.get(status=EmailDelivery.Status.SENDING)
    assert interrupted.attempts == 1

    second = start_worker(tmp_path, log)
    try:
        wait_until(lambda: sent_count() == MESSAGES, "the second worker to send the rest", second)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
    assert second.returncode == 0, second.stderr.read()[-3000:]

    accepted = Counter(line[1] for line in log_lines(log) if line[0] == "SENT")
    assert len(accepted) == MESSAGES, "every message was accepted by the mail server"
    assert [message for message, times in accepted.items() if times > 1] == []
    assert EmailDelivery.objects.filter(status=EmailDelivery.Status.SENT, attempts=1).count() == MESSAGES - 1
    interrupted.refresh_from_db()
    assert (interrupted.status, interrupted.attempts, interrupted.interrupted) == (EmailDelivery.Status.SENT, 2, 1)
