"""Benchmark: e-mail delivery through a real SMTP server on loopback, undisturbed and with workers killed.

    .venv/bin/python bench/bench_delivery.py [--count 500] [--crashes 10] [--per-crash 10] [--delay 0.2]

Runs on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/terroir_bench, created
and migrated if needed). The mail server is tests/notifications/smtp_sink.py on 127.0.0.1, in this
process; the workers are subprocesses calling notifications.jobs.deliver_notifications with
EMAIL_URL pointing at it.

1. Throughput: --count messages, one worker, a server that answers at once: messages per second.
2. Crash injections: --crashes times, --per-crash messages and a server that waits --delay seconds
   before answering each one; the worker is killed (SIGKILL) at a random moment while it sends,
   then a second worker finishes. Counts the messages received twice (same Message-ID), lost ones
   (must be 0) and the attempts recorded. The delivery guarantee (docs/adr/0044): at least once;
   a duplicate only when a worker dies while the server answers, and both copies carry one Message-ID.
Prints the figures and writes bench/results/delivery.json.
"""

import argparse
import datetime
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_notifications import bench_users, ensure_database, queue_notifications, setup_django  # noqa: E402
from tests.notifications.smtp_sink import SmtpSink  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "delivery.json"
SENDING_TIMEOUT = 1  # seconds: the second worker takes over a killed one's message after this


def worker(ready: Path) -> None:
    """Deliver until the outbox has nothing pending or sending; print what was sent and when."""
    setup_django()
    from django.conf import settings

    from notifications.jobs import deliver_notifications
    from notifications.models import EmailDelivery

    # setup_django() chose the memory backend for bench_notifications; here EMAIL_URL's server is the point.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    deliver_notifications(batch=0)  # imports and the connection before the clock starts
    ready.touch()
    started = time.monotonic()
    sent = 0
    unfinished = EmailDelivery.objects.filter(status__in=[EmailDelivery.Status.PENDING, EmailDelivery.Status.SENDING])
    deadline = time.monotonic() + 120
    while unfinished.exists() and time.monotonic() < deadline:
        done = deliver_notifications(batch=50)
        sent += done
        if not done:
            time.sleep(0.1)  # a killed worker's message: due once its marker is SENDING_TIMEOUT old
    print(json.dumps({"sent": sent, "seconds": time.monotonic() - started}))


def start_worker(port: int, ready: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "NOTIFICATION_SENDING_TIMEOUT": str(SENDING_TIMEOUT),
    }
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", str(ready)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )


def wait_ready(process: subprocess.Popen, ready: Path) -> None:
    while not ready.exists():
        if process.poll() is not None:
            sys.exit("a worker exited before it was ready")
        time.sleep(0.01)


def finish(process: subprocess.Popen) -> dict:
    output, _ = process.communicate(timeout=180)
    if process.returncode:
        sys.exit("a worker failed")
    return json.loads(output.strip().splitlines()[-1])


def throughput(users, count: int, tmp: Path) -> dict:
    queue_notifications(users, count)
    with SmtpSink() as sink:
        ready = tmp / "ready-throughput"
        process = start_worker(sink.port, ready)
        wait_ready(process, ready)
        report = finish(process)
        copies = Counter(sink.message_ids())
    return {
        "messages": count,
        "seconds": round(report["seconds"], 3),
        "per_second": round(report["sent"] / report["seconds"], 1),
        "duplicates": sum(times - 1 for times in copies.values()),
        "lost": count - len(copies),
    }


def crash_injection(users, per_crash: int, delay: float, tmp: Path, number: int) -> dict:
    from notifications.models import EmailDelivery

    queue_notifications(users, per_crash)
    with SmtpSink(answer_delay=delay) as sink:
        ready = tmp / f"ready-crash-{number}"
        first = start_worker(sink.port, ready)
        wait_ready(first, ready)
        # Anywhere in the time the undisturbed worker would take.
        time.sleep(random.uniform(0, per_crash * delay))
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        received_before = len(sink.messages)
        ready = tmp / f"ready-recover-{number}"
        second = start_worker(sink.port, ready)
        wait_ready(second, ready)
        finish(second)
        copies = Counter(sink.message_ids())
    deliveries = EmailDelivery.objects.filter(notification__recipient__in=users)
    statuses = Counter(deliveries.values_list("status", flat=True))
    expected = set(deliveries.values_list("message_id", flat=True))
    twice = [message_id for message_id, times in copies.items() if times > 1]
    recount = deliveries.filter(message_id__in=twice, attempts=2, interrupted=1).count()
    return {
        "received_before_the_kill": received_before,
        "duplicates": sum(times - 1 for times in copies.values()),
        "most_copies": max(copies.values(), default=0),
        "lost": len(expected - set(copies)),
        "duplicates_counted_as_two_attempts": recount,
        "sent": statuses.get(EmailDelivery.Status.SENT, 0),
        "failed": statuses.get(EmailDelivery.Status.FAILED, 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="messages of the throughput run")
    parser.add_argument("--crashes", type=int, default=10, help="workers killed")
    parser.add_argument("--per-crash", type=int, default=10, help="messages queued for each killed worker")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds the server waits before answering")
    parser.add_argument("--seed", type=int, default=44)
    parser.add_argument("--worker", metavar="READY", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker))
        return

    random.seed(args.seed)
    ensure_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    users = bench_users()
    with tempfile.TemporaryDirectory(prefix="bench_delivery_") as folder:
        tmp = Path(folder)
        fast = throughput(users, args.count, tmp)
        print(
            f"undisturbed: {fast['messages']} e-mails in {fast['seconds']} s = {fast['per_second']}/s, "
            f"duplicates {fast['duplicates']}, lost {fast['lost']}"
        )
        crashes = []
        for number in range(args.crashes):
            crash = crash_injection(users, args.per_crash, args.delay, tmp, number)
            crashes.append(crash)
            print(f"crash {number + 1}: {crash}")
    totals = {
        "crashes": args.crashes,
        "messages": args.crashes * args.per_crash,
        "duplicates": sum(c["duplicates"] for c in crashes),
        "most_copies_of_one_message": max((c["most_copies"] for c in crashes), default=0),
        "lost": sum(c["lost"] for c in crashes),
        "duplicates_counted_as_two_attempts": sum(c["duplicates_counted_as_two_attempts"] for c in crashes),
        "failed": sum(c["failed"] for c in crashes),
    }
    report = {
        "benchmark": "e-mail delivery through SMTP on loopback, undisturbed and with workers killed",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "answer_delay_seconds": args.delay,
        "per_crash": args.per_crash,
        "undisturbed": fast,
        "with_crashes": totals,
        "crash_runs": crashes,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(f"undisturbed: {fast['per_second']} e-mails/s, {fast['duplicates']} duplicates")
    print(
        f"{totals['crashes']} workers killed while sending {totals['messages']} e-mails: "
        f"{totals['duplicates']} duplicates (at most {totals['most_copies_of_one_message']} copies of one, "
        f"same Message-ID; {totals['duplicates_counted_as_two_attempts']} recorded as 2 attempts), "
        f"{totals['lost']} lost"
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
