"""Benchmark: e-mail notifications delivered per second by one and by two worker processes.

    .venv/bin/python bench/bench_notifications.py [--count 2000] [--batch 50] [--repeat 3]

Runs on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/terroir_bench,
created and migrated if needed). Queues --count notifications through notifications.services.notify,
then starts the worker processes together and times them until the outbox is empty. The e-mail
backend is Django's locmem one (each message is still built and serialised), so the figure is the
outbox's own cost, not a mail server's. Every run also checks that each e-mail went out once.
Prints the figures and writes bench/results/notifications.json.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages (bench.postgres …)
RESULTS = ROOT / "bench" / "results" / "notifications.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/terroir_bench"
BENCH_USERS = 100


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"  # DEBUG keeps every query in memory and slows the ORM
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def ensure_database() -> None:
    """Create the benchmark database when it does not exist (PostgreSQL only)."""
    import psycopg
    from psycopg import sql

    from bench.postgres import server_of

    name, params = server_of(os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL))
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def worker(ready: Path, go: Path, batch: int) -> None:
    """One worker process: wait for the start signal, deliver until nothing is left, report times."""
    setup_django()
    from notifications.jobs import deliver_notifications

    deliver_notifications(batch=0)  # warm up imports and the connection before the clock starts
    ready.touch()
    while not go.exists():
        time.sleep(0.001)
    started = time.monotonic()  # CLOCK_MONOTONIC: comparable between processes on one machine
    sent = 0
    while done := deliver_notifications(batch=batch):
        sent += done
    print(json.dumps({"sent": sent, "started": started, "finished": time.monotonic()}))


def bench_users():
    from accounts.models import User

    users = []
    for number in range(BENCH_USERS):
        user, _ = User.objects.get_or_create(
            username=f"bench-{number:03d}",
            defaults={"email": f"bench-{number:03d}@example.org", "language": ("zh-hans", "en")[number % 2]},
        )
        users.append(user)
    return users


def queue_notifications(users, count: int) -> float:
    """Empty the benchmark outbox and queue `count` notifications; return notifications queued per second."""
    from django.db import transaction

    from notifications.models import Notification
    from notifications.services import notify

    Notification.objects.filter(recipient__in=users).delete()
    deadline = SimpleNamespace(
        rule_label="形式审查", due_at=datetime.date(2026, 12, 3), target_label="西湖龙井地理标志产品保护申请"
    )
    started = time.perf_counter()
    queued = 0
    days = 0
    while queued < count:
        recipients = users[: min(len(users), count - queued)]
        with transaction.atomic():
            queued += len(
                notify(
                    recipients=recipients,
                    kind="deadline.reminder",
                    link="/portal/declarations/1/",
                    context={"deadline": deadline, "days_left": days % 10},
                )
            )
        days += 1
    return count / (time.perf_counter() - started)


def run_workers(workers: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench_notifications_") as folder:
        return _run_workers(workers, batch, Path(folder))


def _run_workers(workers: int, batch: int, tmp: Path) -> dict:
    go = tmp / "go"
    ready = [tmp / f"ready-{n}" for n in range(workers)]
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", str(flag), str(go), "--batch", str(batch)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    while not all(flag.exists() for flag in ready):
        if any(process.poll() is not None for process in processes):
            sys.exit("a worker process exited before it was ready")
        time.sleep(0.01)
    go.touch()
    reports = [json.loads(process.communicate()[0].strip().splitlines()[-1]) for process in processes]
    if any(process.returncode for process in processes):
        sys.exit("a worker process failed")
    seconds = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    sent = sum(r["sent"] for r in reports)
    return {
        "sent": sent,
        "seconds": round(seconds, 3),
        "per_second": round(sent / seconds, 1),
        "by_worker": [r["sent"] for r in reports],
    }


def check_exactly_once(users, count: int) -> None:
    from notifications.models import EmailDelivery

    deliveries = EmailDelivery.objects.filter(notification__recipient__in=users)
    sent_once = deliveries.filter(status=EmailDelivery.Status.SENT, attempts=1).count()
    assert sent_once == deliveries.count() == count, f"{sent_once} of {count} sent exactly once"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="notifications per run")
    parser.add_argument("--batch", type=int, default=50, help="deliver_notifications(batch=…)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per worker count (the median is reported)")
    parser.add_argument("--worker", nargs=2, metavar=("READY", "GO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]), args.batch)
        return

    ensure_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    users = bench_users()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]

    results: dict = {"queue_per_second": [], "workers": {}}
    for workers in (1, 2):
        runs = []
        for _ in range(args.repeat):
            results["queue_per_second"].append(round(queue_notifications(users, args.count), 1))
            run = run_workers(workers, args.batch)
            check_exactly_once(users, args.count)
            runs.append(run)
            print(
                f"{workers} worker(s): {run['sent']} e-mails in {run['seconds']} s = {run['per_second']}/s,"
                f" per worker {run['by_worker']}"
            )
        results["workers"][str(workers)] = {
            "median_per_second": statistics.median(run["per_second"] for run in runs),
            "runs": runs,
        }
    queue_median = statistics.median(results["queue_per_second"])
    report = {
        "benchmark": "notifications delivered per second (e-mail outbox, locmem backend)",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": f"PostgreSQL {server_version}",
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "count": args.count,
        "batch": args.batch,
        "repeat": args.repeat,
        "queued_per_second_median": queue_median,
        **results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(f"notify(): {queue_median}/s queued (one process, {BENCH_USERS} recipients per call)")
    for workers, figures in results["workers"].items():
        print(f"deliver_notifications, {workers} worker(s): {figures['median_per_second']}/s (median of {args.repeat})")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
