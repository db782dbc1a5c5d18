"""Load bench: gunicorn on PostgreSQL on 127.0.0.1, locust with 50 simulated users of every persona.

    .venv/bin/python bench/bench_load.py [--users 50] [--run-time 300] [--declarations 300] [--cases 40]

Creates a fresh database terroir_hard_bench (DATABASE_URL to choose another), migrates it, runs
`manage.py seed_demo` and generates declarations awaiting their in-process check and enforcement
cases (bench/load/seed_load.py). Starts gunicorn on a free loopback port, runs locust headless for
--run-time seconds (it stops by itself; the whole bench is bounded by timeouts), stops gunicorn,
then checks the database: no in-process check completed twice. Prints a table (requests,
failures, 5xx, p50/p95/max per endpoint) and writes bench/results/load.json. Exits non-zero on
any 5xx or duplicate completion. Not part of the test run.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/terroir_hard_bench"
P95_TARGET_MS = 500


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], env: dict, timeout: float) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=timeout)


def fresh_database(url: str, env: dict) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    pg_env = {**env, "PGHOST": parsed.hostname or "127.0.0.1", "PGPORT": str(parsed.port or 5432)}
    pg_env["PGUSER"] = parsed.username or "postgres"
    if parsed.password:
        pg_env["PGPASSWORD"] = parsed.password
    for tool, arguments in (("dropdb", ["--if-exists", name]), ("createdb", [name])):
        program = shutil.which(tool)
        if program is None:
            sys.exit(f"{tool} (postgresql-client) is needed")
        subprocess.run([program, *arguments], env=pg_env, check=True, timeout=120)


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback URL we built)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer in time")


def duplicate_completions(env: dict) -> dict:
    """In the database: in-process checks completed, and any declaration checked more than once."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count
    from viewflow.workflow.models import Task

    from audit.models import AuditEvent
    from workflows.declarations.flows import DeclarationFlow

    done = Task.objects.filter(flow_task=DeclarationFlow.in_process_check, status="DONE").count()
    per_declaration = (
        AuditEvent.objects.filter(action__startswith="declaration.in_process_check")
        .values("target_id")
        .annotate(times=Count("pk"))
    )
    twice = [row["target_id"] for row in per_declaration if row["times"] > 1]
    events = sum(row["times"] for row in per_declaration)
    return {"checks_completed": done, "check_audit_events": events, "declarations_checked_twice": twice}


def read_stats(prefix: Path, statuses: dict) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = f"{row['Type']} {row['Name']}"
            by_status = statuses.get(key, {})
            rows.append(
                {
                    "endpoint": row["Name"] if row["Type"] in ("GET", "") else f"{row['Type']} {row['Name']}",
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "status_5xx": sum(count for status, count in by_status.items() if int(status) >= 500),
                    "statuses": {str(status): count for status, count in sorted(by_status.items())},
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "max_ms": float(row["Max Response Time"] or 0),
                    "rps": float(row["Requests/s"] or 0),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=300, help="seconds of load")
    parser.add_argument("--declarations", type=int, default=300)
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="terroir-load-"))
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(work / "media"),
        "PYTHONPATH": str(ROOT),
        "TERROIR_BENCH_DATA": str(work / "data.json"),
        "TERROIR_BENCH_STATUSES": str(work / "statuses.json"),
    }
    python = sys.executable
    print(f"Preparing {database_url} …", flush=True)
    fresh_database(database_url, env)
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env, 600)
    run([python, "manage.py", "seed_demo", "-v0"], env, 600)
    run([python, "bench/load/seed_load.py", str(args.declarations), str(args.cases), str(work / "data.json")], env, 900)

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *(python, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(args.workers), "--threads", str(args.threads)),
            *("--timeout", "60", "--graceful-timeout", "10"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    try:
        wait_until_up(host + "/", server)
        print(f"gunicorn on {host}; locust: {args.users} users for {args.run_time} s …", flush=True)
        subprocess.run(
            [
                *(python, "-m", "locust", "-f", "bench/load/locustfile.py", "--headless", "--only-summary"),
                *("-u", str(args.users), "-r", str(args.spawn_rate), "--run-time", f"{args.run_time}s"),
                *("--stop-timeout", "10", "--host", host, "--csv", str(work / "load"), "--loglevel", "WARNING"),
            ],
            cwd=ROOT,
            env=env,
            timeout=args.run_time + 180,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "locust.log", "w"),  # noqa: SIM115 (closed with the process)
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    statuses = json.loads((work / "statuses.json").read_text()) if (work / "statuses.json").exists() else {}
    rows = read_stats(work / "load", statuses)
    endpoints = [row for row in rows if row["endpoint"] != "Aggregated"]
    total = next((row for row in rows if row["endpoint"] == "Aggregated"), None)
    database = duplicate_completions(env)
    server_errors = sum(row["status_5xx"] for row in endpoints)
    slow = [row["endpoint"] for row in endpoints if row["p95_ms"] > P95_TARGET_MS]

    width = max(len(row["endpoint"]) for row in rows) + 2
    print(
        f"\n{'endpoint':<{width}}{'requests':>9}{'fail':>6}{'5xx':>5}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}  statuses"
    )
    for row in endpoints + ([total] if total else []):
        print(
            f"{row['endpoint']:<{width}}{row['requests']:>9}{row['failures']:>6}{row['status_5xx']:>5}"
            f"{row['p50_ms']:>8.0f}{row['p95_ms']:>8.0f}{row['max_ms']:>8.0f}  {row['statuses']}"
        )
    print(
        f"\n5xx: {server_errors}; in-process checks completed: {database['checks_completed']}, "
        f"their audit events: {database['check_audit_events']}, declarations checked twice: "
        f"{len(database['declarations_checked_twice'])}; endpoints over p95 {P95_TARGET_MS} ms: {slow or 'none'}"
    )
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "setup": {**vars(args), "server": "gunicorn gthread", "database": "PostgreSQL on 127.0.0.1"},
        "server_errors": server_errors,
        "database": database,
        "p95_target_ms": P95_TARGET_MS,
        "endpoints_over_p95_target": slow,
        "aggregate": total,
        "endpoints": endpoints,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Written {RESULTS.relative_to(ROOT)}")
    shutil.rmtree(work / "media", ignore_errors=True)
    if server_errors or database["declarations_checked_twice"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
