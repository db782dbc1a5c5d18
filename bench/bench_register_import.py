"""Benchmark: importing an existing register of authorised users with their enterprises (issue 20).

    .venv/bin/python bench/bench_register_import.py [--rows 50000] [--memory 10000,100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_register_import \\
        .venv/bin/python bench/bench_register_import.py

Builds a fresh database (a temporary SQLite file, or the PostgreSQL database named by
DATABASE_URL, which must be called bench…: it is dropped and created), writes a CSV of N
authorised users, each with its own enterprise, in the counties of 杭州市, and measures:
the dry run (every row checked, nothing written), the import (which checks the file again,
then writes it in one transaction), and a second import of the same file (nothing to write).
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

    from accounts.models import User
    from cases.models import Declaration
    from organizations.models import Region
    from workflows.products.actions import import_protected
    from workflows.register_import.actions import ImportKind, Upload, check_register_file, import_register_file

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

    def timed(what, call):
        with path.open("rb") as stream:
            start = time.perf_counter()
            result = call(Upload(path.name, stream))
            figures[what] = round(time.perf_counter() - start, 2)
        return result

    report = timed("dry_run_s", lambda upload: check_register_file(ImportKind.USERS, upload, user))
    assert report.ok and report.to_create == args.rows, (report.problem, report.errors[:3])
    _report, done = timed("import_s", lambda upload: import_register_file(ImportKind.USERS, upload, user))
    assert done is not None and Declaration.objects.count() == args.rows
    _report, again = timed("second_import_s", lambda upload: import_register_file(ImportKind.USERS, upload, user))
    assert again is not None and again.created == 0 and Declaration.objects.count() == args.rows

    peaks = {}
    for size in [int(n) for n in args.memory.split(",") if n]:
        sized = folder / f"users-{size}.csv"
        write_file(sized, size)
        with sized.open("rb") as stream:
            tracemalloc.start()
            check_register_file(ImportKind.USERS, Upload(sized.name, stream), user)
            peaks[size] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
            tracemalloc.stop()
    figures["dry_run_peak_mib_by_rows"] = peaks

    print(f"register import, {args.rows:,} authorised users with their enterprises, {label}")
    print(f"  dry run        {figures['dry_run_s']:7.2f} s")
    print(f"  import         {figures['import_s']:7.2f} s  (checks the file again, then writes)")
    print(f"  second import  {figures['second_import_s']:7.2f} s  (nothing to write)")
    for size, peak in peaks.items():
        print(f"  dry run peak memory at {size:>7,} rows: {peak:6.1f} MiB")
    out = ROOT / "bench" / "results" / f"register-import-{label}.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
