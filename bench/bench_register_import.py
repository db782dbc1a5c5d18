"""Benchmark: importing an existing register of authorised users with their enterprises (issue 20).

    .venv/bin/python bench/bench_register_import.py [--rows 50000] [--memory 10000,100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_register_import \\
        .venv/bin/python bench/bench_register_import.py

Builds a fresh database (a temporary SQLite file, or the PostgreSQL database named by
DATABASE_URL, which must be called bench…: it is dropped and created), writes a CSV of N
authorised users, each with its own enterprise, in the counties of 杭州市, and measures:
the check (the dry run: every row checked, nothing written), the import of the checked file
(read again, written in committed chunks of 1,000 rows), and the same file uploaded, checked
and imported again (nothing to write).
Then the dry run's peak Python memory (tracemalloc) at each size of --memory, to show it stays
flat as the file grows. Prints the figures and writes bench/results/register-import-<db>.json.
"""

import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None) -> str:
    if database_url:
        from bench.postgres import server_of

        name, params = server_of(database_url)
        if not name.startswith("bench"):
            sys.exit("the database is dropped: give it a name starting with bench")
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
        label = "postgresql"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        label = "sqlite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return label


def write_file(path: Path, rows: int) -> None:
    from organizations.credit_code import credit_code_check_character
    from organizations.models import Region

    counties = list(Region.objects.filter(code__startswith="3301", level=3).values_list("code", flat=True))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "企业名称",
                "统一社会信用代码",
                "所在地区",
                "地址",
                "地理标志产品",
                "使用途径",
                "批准文件",
                "批准日期",
                "使用状态",
            ]
        )
        for n in range(rows):
            county = counties[n % len(counties)]
            stem = f"91{county}MA{n:07d}"
            writer.writerow(
                [
                    f"龙井茶业有限公司{n}",
                    stem + credit_code_check_character(stem),
                    county,
                    f"龙井路{n}号",
                    "西湖龙井",
                    "核准" if n % 3 else "自我声明",
                    f"国家知识产权局公告第{n % 500}号",
                    f"{2012 + n % 12}-0{1 + n % 9}-1{n % 10}",
                    "有效",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--memory", default="10000,100000")
    args = parser.parse_args()
    label = setup(os.environ.get("DATABASE_URL"))

    from django.core.files import File

    from accounts.models import User
    from cases.models import Declaration
    from organizations.models import Region
    from workflows.products.actions import import_protected
    from workflows.register_import.actions import (
        ImportKind,
        register_import_request,
        register_import_run_now,
        register_import_upload,
    )

    import_protected(
        actor=None,
        name="西湖龙井",
        category="tea",
        province=Region.objects.get(code="330000"),
        area=[Region.objects.get(code="330100")],
        announcement_number="2001年第28号",
        announcement_year=2001,
    )
    user = User.objects.create_superuser("bench", "bench@example.org", "bench-password-not-used")
    folder = Path(tempfile.mkdtemp())
    path = folder / "users.csv"
    write_file(path, args.rows)
    figures: dict = {"database": label, "rows": args.rows, "python": platform.python_version(), "cpus": os.cpu_count()}

    def upload(file: Path):
        with file.open("rb") as stream:
            return register_import_upload(user=user, kind=ImportKind.USERS, uploaded_file=File(stream, file.name))

    def timed(what, call):
        start = time.perf_counter()
        result = call()
        figures[what] = round(time.perf_counter() - start, 2)
        return result

    job = timed("dry_run_s", lambda: register_import_run_now(upload(path)))
    assert job.status == job.Status.CHECKED and job.to_create == args.rows, (job.problem, job.errors[:3])
    job = timed("import_s", lambda: register_import_run_now(register_import_request(user=user, register_import=job)))
    assert job.status == job.Status.IMPORTED and Declaration.objects.count() == args.rows

    def again():
        checked = register_import_run_now(upload(path))
        return register_import_run_now(register_import_request(user=user, register_import=checked))

    second = timed("second_file_check_and_import_s", again)
    assert second.created == 0 and second.unchanged == args.rows and Declaration.objects.count() == args.rows

    peaks = {}
    for size in [int(n) for n in args.memory.split(",") if n]:
        sized = folder / f"users-{size}.csv"
        write_file(sized, size)
        job = upload(sized)
        tracemalloc.start()
        register_import_run_now(job)
        peaks[size] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
        tracemalloc.stop()
    figures["check_peak_mib_by_rows"] = peaks

    print(f"register import, {args.rows:,} authorised users with their enterprises, {label}")
    print(f"  check (the dry run)          {figures['dry_run_s']:7.2f} s")
    print(f"  import (a checked file)      {figures['import_s']:7.2f} s")
    print(f"  the same file again, both    {figures['second_file_check_and_import_s']:7.2f} s  (nothing to write)")
    for size, peak in peaks.items():
        print(f"  check's peak Python memory at {size:>7,} rows: {peak:6.1f} MiB")
    out = ROOT / "bench" / "results" / f"register-import-{label}.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
