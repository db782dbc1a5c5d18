"""Benchmark at national scale: list pages, case pages, register search, the draw, statistics, a PDF.

    .venv/bin/python bench/bench_volume.py [--repeat 20] [--seed] [--only 我的工作]

Compares two seeded PostgreSQL databases (bench/seed_volume.py): 10,000 and 1,000,000 tasks
(--small-url, --large-url; --seed seeds them first, about 5 minutes for the large one). One
worker process per database answers the requests in the same process as Django's test client
(the whole middleware stack, no network), and the parent alternates between them request by
request, so a busy moment of the machine falls on both and their ratio holds. For each page:
SQL queries and server time p50/p95. Then, on the large database only: register search over the
authorised users, the supervision draw over every declaration (rolled back), the statistics form
figures of the busiest province, and a one-page PDF. Prints a table; writes bench/results/volume.json.
With --only, just the pages whose label contains it (bench/results/volume-subset.json); 我的工作's
rows end with issue 18's targets, met or not.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "volume.json"
SMALL_URL = "postgres://postgres@127.0.0.1:5432/terroir_volume_10k"
LARGE_URL = "postgres://postgres@127.0.0.1:5432/terroir_volume_1m"
SIZES = {"small": 10_000, "large": 1_000_000}


# -- the worker: one per database, answering one JSON command per line ----------------------


def worker_main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import seed_volume

    seed_volume.setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    worker = Worker()
    for line in sys.stdin:
        command = json.loads(line)
        result = getattr(worker, command["name"])(**command.get("arguments", {}))
        print(json.dumps(result), flush=True)


class Worker:
    def __init__(self):
        from django.test import Client

        from accounts.models import User

        self.clients = {"anonymous": Client()}
        for key, username in (("staff", "bench.staff"), ("lead", "bench.lead")):
            client = Client()
            client.force_login(User.objects.get(username=username))
            self.clients[key] = client

    def urls(self) -> dict:
        """The pages to measure, with the ids of this database's cases."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Count

        from audit.models import AuditEvent
        from cases.models import Declaration, EnforcementCase

        case_type = ContentType.objects.get_for_model(EnforcementCase)
        histories = (
            AuditEvent.objects.filter(target_type=case_type)
            .values("target_id")
            .annotate(events=Count("pk"))
            .order_by("-events")
        )
        longest = histories.first()
        archived_in_province = EnforcementCase.objects.filter(region__code__startswith="33", status="archived")
        short = archived_in_province.exclude(pk=longest["target_id"]).first()
        credit_code = Declaration.objects.filter(status="published").values_list("enterprise__credit_code", flat=True)
        return {
            # 我的工作, the staff landing page (ADR 0031): issue 18's target, p95 ≤ 150 ms at 1M tasks
            # and at most 1.5 × the figure at 10k.
            "staff: 我的工作": ("staff", "/work/"),
            "lead: 我的工作": ("lead", "/work/"),
            "lead: 我的工作, approvals": ("lead", "/work/?show=approvals"),
            "staff: 我的工作, overdue": ("staff", "/work/?overdue=on"),
            # Where viewflow's inbox, queue, archive and a flow's lists lead now (ADR 0037).
            "staff: 我的工作, assigned": ("staff", "/work/?show=assigned"),
            "staff: 我的工作, offered": ("staff", "/work/?show=offered"),
            "staff: 我的工作, done": ("staff", "/work/?show=done"),
            "lead: open declarations": ("lead", "/cases/?kind=declaration&open=on"),
            "lead: declarations": ("lead", "/cases/?kind=declaration"),
            "lead: enforcement cases": ("lead", "/enforcement/"),
            "lead: case, ~10 events": ("lead", f"/enforcement/{short.pk}/"),
            f"lead: case, {longest['events']} events": ("lead", f"/enforcement/{longest['target_id']}/"),
            # 案件 (workflows/case_search, ADR 0036): one search over every kind of casework.
            "lead: find a case, party": ("lead", "/cases/?q=茶业有限公司1234"),
            "lead: find a case, every party": ("lead", "/cases/?q=有限公司"),
            "lead: find a case, credit code": ("lead", f"/cases/?q={credit_code.first()}"),
            "lead: find a case, its number": ("lead", f"/cases/?q={short.number}"),
            "lead: find a case, open only": ("lead", "/cases/?open=on"),
            "api: staff tasks": ("staff", "/api/tasks/"),
            "public: authorised users": ("anonymous", "/authorised-users/"),
            "public: search enterprise name": ("anonymous", "/authorised-users/?q=茶业有限公司1234"),
            "public: search credit code": ("anonymous", f"/authorised-users/?q={credit_code.first()}"),
            "public: search product pinyin": ("anonymous", "/authorised-users/?product=xihu"),
            "public: register home": ("anonymous", "/?q=longjing"),
        }

    def page(self, persona: str, url: str) -> dict:
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        client = self.clients[persona]
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            elapsed = time.perf_counter() - started
        return {"status": response.status_code, "ms": elapsed * 1000, "queries": len(queries)}

    def draw(self) -> dict:
        """A national campaign drawing 100 declarations over all of them; rolled back."""
        from django.db import connection, reset_queries, transaction
        from django.test.utils import CaptureQueriesContext

        from accounts.models import User
        from cases.supervision.services import campaign_candidates, campaign_create
        from organizations.models import Department, Region, Role
        from organizations.services import membership_grant
        from workflows.supervision.actions import draw_campaign, open_drawn_checks

        class Rollback(Exception):
            pass

        try:
            with transaction.atomic():
                organiser = Department.objects.get(code="ZFS")  # 执法司, national
                lead = User.objects.create(username="bench.draw.lead")
                membership_grant(actor=None, user=lead, department=organiser, role=Role.LEAD)
                inspectors = []
                for number in range(20):
                    inspector = User.objects.create(username=f"bench.draw.{number}")
                    membership_grant(actor=None, user=inspector, department=organiser, role=Role.INSPECTOR)
                    inspectors.append(inspector)
                campaign = campaign_create(
                    actor=lead,
                    title="全国地理标志专用标志使用情况抽查",
                    organiser=organiser,
                    regions=list(Region.objects.filter(level=Region.Level.PROVINCE)),
                    products=[],
                    period_start=datetime.date(2021, 1, 1),
                    period_end=datetime.date(2026, 12, 31),
                    inspectors=inspectors,
                    sample_size=100,
                    sample_percent=None,
                )
                candidates = campaign_candidates(campaign).count()
                reset_queries()  # the log keeps 9,000 queries: a full log would count nothing
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    checks = draw_campaign(actor=lead, campaign=campaign)
                    elapsed = time.perf_counter() - started
                # What the worker does next, each check in its own transaction (ADR 0021).
                reset_queries()
                with CaptureQueriesContext(connection) as opening_queries:
                    started = time.perf_counter()
                    opened = open_drawn_checks()
                    opening = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        return {
            "ms": elapsed * 1000,
            "queries": len(queries),
            "candidates": candidates,
            "drawn": len(checks),
            "opened": opened,
            "opening_ms": opening * 1000,
            "opening_queries": len(opening_queries),
        }

    def statistics(self) -> dict:
        """The statistics form's figures for the province with the most declarations, for a year."""
        from django.db import connection, reset_queries
        from django.db.models import Count
        from django.test.utils import CaptureQueriesContext

        from cases.models import Declaration
        from organizations.models import Region
        from reports.figures import figures_count

        busiest = (
            Declaration.objects.values("production_region__code")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values_list("production_region__code", flat=True)
            .first()
        )
        province = Region.objects.get(code=busiest[:2] + "0000")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            figures_count(province, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
            elapsed = time.perf_counter() - started
        return {"ms": elapsed * 1000, "queries": len(queries), "province": province.name}

    def pdf(self) -> dict:
        """The one-page notice of bench_documents.py, in Chinese."""
        import bench_documents
        from django.utils import translation

        from documents.rendering import render_pdf

        with translation.override("zh-hans"):
            started = time.perf_counter()
            pdf = render_pdf("documents/notice.html", bench_documents.context(with_qr=False))
            elapsed = time.perf_counter() - started
        return {"ms": elapsed * 1000, "bytes": len(pdf)}


# -- the parent: start the workers, alternate between them, print the table ----------------


class WorkerProcess:
    def __init__(self, database_url: str):
        environment = {**os.environ, "DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )

    def ask(self, name: str, **arguments):
        self.process.stdin.write(json.dumps({"name": name, "arguments": arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker stopped while answering {name}")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_pages(workers: dict[str, WorkerProcess], repeat: int, only: str = "") -> dict:
    urls = {size: worker.ask("urls") for size, worker in workers.items()}
    figures = {}
    for label in urls["large"]:
        if only not in label:
            continue
        # The long-history case exists only at scale: pair it with the small database's own longest.
        small_label = label if label in urls["small"] else next(k for k in urls["small"] if k.endswith(" events"))
        runs = {size: [] for size in workers}
        pairs = {"small": urls["small"][small_label], "large": urls["large"][label]}
        for size, worker in workers.items():
            worker.ask("page", persona=pairs[size][0], url=pairs[size][1])  # warm caches and templates
        for _ in range(repeat):
            for size, worker in workers.items():
                runs[size].append(worker.ask("page", persona=pairs[size][0], url=pairs[size][1]))
        figures[label] = {
            size: {
                "url": pairs[size][1],
                "statuses": sorted({run["status"] for run in size_runs}),
                "queries": max(run["queries"] for run in size_runs),
                "p50_ms": round(statistics.median(run["ms"] for run in size_runs), 1),
                "p95_ms": round(percentile([run["ms"] for run in size_runs], 0.95), 1),
            }
            for size, size_runs in runs.items()
        }
    return figures


def measure_operations(worker: WorkerProcess, repeat: int) -> dict:
    results = {}
    for name, times in (("draw", max(3, repeat // 4)), ("statistics", max(3, repeat // 4)), ("pdf", repeat)):
        worker.ask(name)  # warm up
        runs = [worker.ask(name) for _ in range(times)]
        results[name] = {
            **{key: value for key, value in runs[-1].items() if key != "ms"},
            "p50_ms": round(statistics.median(run["ms"] for run in runs), 1),
            "p95_ms": round(percentile([run["ms"] for run in runs], 0.95), 1),
        }
    return results


def print_pages(figures: dict) -> None:
    print(f"\n{'page':<38} {'queries 10k/1M':>15} {'p50 ms 10k':>11} {'p50 ms 1M':>10} {'p95 ms 1M':>10} {'ratio':>6}")
    for label, sizes in figures.items():
        small, large = sizes["small"], sizes["large"]
        ratio = large["p50_ms"] / small["p50_ms"] if small["p50_ms"] else float("nan")
        statuses = "" if large["statuses"] == [200] else f"  HTTP {large['statuses']}"
        print(
            f"{label:<38} {small['queries']:>7}/{large['queries']:<7} {small['p50_ms']:>11.1f}"
            f" {large['p50_ms']:>10.1f} {large['p95_ms']:>10.1f} {ratio:>6.2f}{statuses}"
        )


# Issue 18's targets for 我的工作.
MY_WORK_P95_MS = 150
MY_WORK_RATIO = 1.5


def print_my_work_targets(figures: dict) -> None:
    for label, sizes in figures.items():
        if "我的工作" not in label:
            continue
        small, large = sizes["small"]["p95_ms"], sizes["large"]["p95_ms"]
        ratio = large / small if small else float("nan")
        met = large <= MY_WORK_P95_MS and ratio <= MY_WORK_RATIO
        # Fewer queries at 10k: the persona's list is empty there (no rows to read deadlines for).
        queries = f"{sizes['small']['queries']}/{sizes['large']['queries']} queries"
        print(
            f"{label}: p95 {large:.1f} ms at 1M (target ≤ {MY_WORK_P95_MS}), {ratio:.2f} × 10k (target ≤"
            f" {MY_WORK_RATIO}; {queries}): {'met' if met else 'NOT MET'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--small-url", default=SMALL_URL)
    parser.add_argument("--large-url", default=LARGE_URL)
    parser.add_argument("--seed", action="store_true", help="seed both databases first (drops them)")
    parser.add_argument("--only", default="", help="measure only the pages whose label contains this, e.g. 我的工作")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker_main()
        return
    urls = {"small": arguments.small_url, "large": arguments.large_url}
    if arguments.seed:
        for size, url in urls.items():
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "seed_volume.py"), "--tasks", str(SIZES[size]), "--reset"],
                env={**os.environ, "DATABASE_URL": url},
                check=True,
            )
    workers = {size: WorkerProcess(url) for size, url in urls.items()}
    try:
        pages = measure_pages(workers, arguments.repeat, arguments.only)
        operations = {} if arguments.only else measure_operations(workers["large"], arguments.repeat)
    finally:
        for worker in workers.values():
            worker.close()
    print_pages(pages)
    print()
    print_my_work_targets(pages)
    print(f"\n{'operation (1M database)':<38} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, figure in operations.items():
        print(f"{name:<38} {figure.get('queries', ''):>8} {figure['p50_ms']:>8.1f} {figure['p95_ms']:>8.1f}")
    # A subset (--only) is written beside the full run's figures, not over them.
    results = RESULTS.with_name("volume-subset.json") if arguments.only else RESULTS
    results.parent.mkdir(exist_ok=True)
    results.write_text(
        json.dumps(
            {
                "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "repeat": arguments.repeat,
                "only": arguments.only,
                "pages": pages,
                "operations": operations,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"\nwrote {results.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
