"""Seed a national-scale data set, fast: products, enterprises, declarations, enforcement cases,
viewflow processes and tasks, and the audit events of every change, hash-chained.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/terroir_volume \\
        .venv/bin/python bench/seed_volume.py [--tasks 1000000] [--reset]

Sizes follow --tasks (default 1,000,000, the issue's "ten times China's 2025 volume"); every
other count scales with it: at 1,000,000 tasks, 5,000 products, 250,000 enterprises, 500,000
declarations, 20,000 enforcement cases. Rows are written by COPY on PostgreSQL and executemany
on SQLite, with ids chosen here so related rows need no round trip; the audit events go through
the product's own writer (audit.services.audit_record_many), so `verify_audit` passes on the
result. The parts are in bench/seeding/.

The benchmarks sign in as the personas below (password BENCH_PASSWORD): provincial staff and a
lead of the busiest county and its province, who see a realistic share of the country's work.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, or imported by bench_volume.py from bench/

from bench.seeding.seeder import Seeder  # noqa: E402
from bench.seeding.volume import BENCH_PASSWORD, PERSONAS, Volume  # noqa: E402

__all__ = ["BENCH_PASSWORD", "PERSONAS", "Seeder", "Volume", "seed", "setup_django"]

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/terroir_volume"


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def ensure_database() -> None:
    """Create the PostgreSQL database when it does not exist (SQLite creates its file itself)."""
    import environ

    config = environ.Env.db_url_config(os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL))
    if "postgresql" not in config["ENGINE"]:
        return
    import psycopg
    from psycopg import sql

    params = {"host": config.get("HOST") or "127.0.0.1", "port": config.get("PORT") or 5432}
    if config.get("USER"):
        params["user"] = config["USER"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def counts() -> dict[str, int]:
    from audit.models import AuditEvent
    from cases.models import Declaration, EnforcementCase, ProtectedProduct
    from organizations.models import Enterprise
    from workflows.declarations.flows import DeclarationFlow

    return {
        "products": ProtectedProduct.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "declarations": Declaration.objects.count(),
        "enforcement_cases": EnforcementCase.objects.count(),
        "processes": DeclarationFlow.process_class.objects.count(),
        "tasks": DeclarationFlow.task_class.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def reset_database() -> None:
    """Drop and recreate the benchmark database (PostgreSQL) or delete its file (SQLite)."""
    import environ

    config = environ.Env.db_url_config(os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL))
    if "postgresql" in config["ENGINE"]:
        import psycopg
        from psycopg import sql

        params = {"host": config.get("HOST") or "127.0.0.1", "port": config.get("PORT") or 5432}
        if config.get("USER"):
            params["user"] = config["USER"]
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
            connection.execute(drop)
    elif config["NAME"] and Path(config["NAME"]).exists():
        Path(config["NAME"]).unlink()


def seed(tasks: int, *, reset: bool = False) -> dict:
    """Seed (after migrating) and return what was written and how long it took."""
    if reset:
        reset_database()
    ensure_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    print(f"Seeding {tasks:,} tasks' worth of data on {connection.vendor} (migrations {migrated:.1f} s)")
    seeder = Seeder(Volume(tasks))
    started = time.perf_counter()
    seeder.run()
    elapsed = time.perf_counter() - started
    figures = counts()
    print(f"Seeded in {elapsed:.1f} s:")
    for name, number in figures.items():
        print(f"  {name:<20} {number:>10,}")
    return {"vendor": connection.vendor, "seconds": round(elapsed, 1), "counts": figures, "steps": seeder.timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=1_000_000, help="viewflow tasks; other counts scale with it")
    parser.add_argument("--reset", action="store_true", help="drop the database first")
    arguments = parser.parse_args()
    if arguments.tasks < 1_000:
        parser.error("--tasks must be at least 1,000")
    seed(arguments.tasks, reset=arguments.reset)


if __name__ == "__main__":
    main()
