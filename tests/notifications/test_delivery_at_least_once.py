"""A worker killed while the mail server is slow to answer: the message arrives at most twice,
both copies with one Message-ID, and the attempts are counted (PostgreSQL, real SMTP on loopback)."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection, transaction

from notifications.models import EmailDelivery
from notifications.services import notify
from tests.factories import UserFactory

from .smtp_sink import SmtpSink
from .test_two_workers import _database_url
from .test_worker_killed import wait_until


def start_worker(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.smtp_worker_settings",
        "DATABASE_URL": _database_url(),
        "TERROIR_TEST_SMTP_PORT": str(port),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--tick", "0.1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        worker.send_signal(sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_the_server_answers_sends_again_once_with_the_same_message_id(deadline_stub):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is a separate process; run with DATABASE_URL=postgres://…")
    with transaction.atomic():
        [notification] = notify(
            recipients=[UserFactory()], kind="deadline.reminder", context={"deadline": deadline_stub, "days_left": 2}
        )
    delivery = notification.email_delivery

    with SmtpSink(answer_delay=0.2) as sink:
        first = start_worker(sink.port)
        try:
            wait_until(sink.waiting.is_set, "the mail server to keep the message", first, timeout=60)
            # The server has the message and is 0.2 s from saying so: the worker dies now.
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        finally:
            stop(first, signal.SIGKILL)
        assert len(sink.messages) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENDING, 1), "counted before sending"
        assert delivery.message_id == sink.message_ids()[0]

        second = start_worker(sink.port)
        try:

            def delivered():
                delivery.refresh_from_db()
                return delivery.status != EmailDelivery.Status.SENDING

            wait_until(delivered, "the second worker to send it again", second, timeout=60)
        finally:
            stop(second)
        assert second.returncode == 0, second.stderr.read()[-3000:]

    received = sink.message_ids()
    assert len(received) == 2, "at least once: sent again after the crash, and no more"
    assert received == [delivery.message_id] * 2, "both copies carry one Message-ID"
    assert (delivery.status, delivery.attempts, delivery.interrupted) == (EmailDelivery.Status.SENT, 2, 1)
    assert delivery.sending_since is None
