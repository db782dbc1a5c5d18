"""Benchmark: task completions per second, real flow beside a plain viewflow flow and bare ORM writes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchcomp_completions \\
      .venv/bin/python bench/bench_completions.py [--rounds 5] [--count 50] [--warmup 10]

PostgreSQL only. The database named by DATABASE_URL must be called bench…/benchcomp…: it is dropped,
created and migrated at every run (so runs are comparable), unless --keep-database. The settings are
config.settings.bench (the developer settings plus the bench-only app holding the plain flow).

The step timed is the in-process check of a self-declaration (DeclarationFlow.in_process_check) with
the outcome "ask the producer to correct": one status change, its audit event, the clock met (and its
audit event), the producer notified (in-app and e-mail outbox), the check task done and the next task
(await_correction) created. Each completion is two calls, as two requests would make them:

- real:  workflows.task_actions.task_assign then task_complete (process lock, node permission and
         visibility checks, the page's form and decision function, the service, deadlines, audit,
         notifications, the flow's Switch), on declarations published through the real flow;
- plain: the same calls on a viewflow flow of the same shape with no domain layer
         (bench/plain_flows.py: same lock, same guardian permission, no entity, audit or clock);
- orm:   the bare minimum writes of the same state changes with plain ORM statements
         (conditional UPDATEs instead of locks and checks, pre-rendered notification text).

All cases are seeded first (real: drafts bulk-inserted, then published one by one through
DeclarationFlow.start, the receipt PDF left out because it is not part of the step). Then come
--rounds rounds; in each, every variant runs with 1 and with 2 client processes (each with its own
connection, on distinct tasks, started together), the variants in a shuffled order. A variant's
figures are the medians of its rounds, and each ratio is the median of the ratios measured within
one round, so that load from other work on the machine, which comes and goes, falls on all variants
alike instead of on whichever ran at the time. Per step: wall time and SQL statements (SAVEPOINTs
included; BEGIN/COMMIT are not sent as statements by Django). Prints a table and writes
bench/results/completions.json.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import platform
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages (bench.postgres …)
RESULTS = ROOT / "bench" / "results" / "completions.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/benchcomp_completions"
VARIANTS = ("real", "plain", "orm")
CLIENTS = (1, 2)
STAFF = ("bench-staff-1", "bench-staff-2")
DECISION = {"outcome": "correction", "comment": "标签缺少专用标志编号"}


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.apps import apps

    if not apps.is_installed("bench"):
        sys.exit("run with DJANGO_SETTINGS_MODULE=config.settings.bench (it installs the plain flow's app)")


def fresh_database(keep: bool) -> None:
    """Drop and create the benchmark database (PostgreSQL, a name starting with "bench" only)."""
    import psycopg
    from psycopg import sql

    from bench.postgres import server_of

    name, params = server_of(os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL))
    if not name.startswith("bench"):
        sys.exit(f"refusing to drop {name!r}: the benchmark database's name must start with 'bench'")
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return
        if exists:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- the people and the product ------------------------------------------------------------------


def bench_people() -> dict:
    from django.contrib.auth import get_user_model

    from organizations.models import Department, Enterprise, Role
    from organizations.services import membership_grant
    from tests.factories.cases import longjing

    users = get_user_model().objects
    bureau = Department.objects.get(code="AMR-330106")
    staff = []
    for username in STAFF:
        user, _ = users.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        membership_grant(actor=None, user=user, department=bureau, role=Role.STAFF)
        staff.append(user.pk)
    producer, _ = users.get_or_create(username="bench-producer", defaults={"email": "producer@example.org"})
    enterprise, _ = Enterprise.objects.get_or_create(
        credit_code="91330106MA27XYZ123",
        defaults={"name": "西湖区压测茶业有限公司", "kind": Enterprise.Kind.PRODUCER, "region": bureau.region},
    )
    enterprise.accounts.get_or_create(user=producer)
    product = longjing()  # the same protected product the tests use
    return {
        "staff": staff,
        "producer": producer.pk,
        "enterprise": enterprise.pk,
        "product": product.pk,
        "region": bureau.region_id,
        "bureau": bureau.pk,
    }


# --- seeding ---------------------------------------------------------------------------------------


def seed_declaration_checks(count: int, people: dict) -> list[int]:
    """Publish `count` declarations through DeclarationFlow.start; return their check tasks' ids."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from cases.models import Declaration, DeclarationAttachment
    from workflows.declarations.flows import DeclarationFlow

    producer = get_user_model().objects.get(pk=people["producer"])
    drafts = Declaration.objects.bulk_create(
        Declaration(
            enterprise_id=people["enterprise"],
            product_id=people["product"],
            production_region_id=people["region"],
            production_address=f"杭州市西湖区龙井路{number + 1}号",
            annual_output=Decimal("1000"),
            output_unit="kg",
            label_text="西湖龙井 地理标志保护产品",
            created_by=producer,
        )
        for number in range(count)
    )
    # declaration_submit checks that the required files are attached; it never opens them.
    DeclarationAttachment.objects.bulk_create(
        DeclarationAttachment(
            declaration=draft,
            kind=kind,
            file=f"declarations/bench/{kind}.pdf",
            original_name=f"{kind}.pdf",
            file_type="PDF",
            size=1024,
            sha256="0" * 64,
            uploaded_by=producer,
        )
        for draft in drafts
        for kind in DeclarationAttachment.REQUIRED_KINDS
    )
    # The receipt PDF (WeasyPrint, ~0.1 s) belongs to publication, not to the step measured.
    with mock.patch("cases.declarations.services.drafts.receipt_issue"):
        for draft in drafts:
            DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
    return list(
        Task.objects.filter(
            flow_task=DeclarationFlow.in_process_check,
            status=STATUS.NEW,
            process__artifact_object_id__in=[draft.pk for draft in drafts],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def seed_plain_checks(count: int, people: dict) -> list[int]:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from bench.plain_flows import PlainCheckFlow
    from organizations.models import Department

    bureau = Department.objects.get(pk=people["bureau"])
    processes = [PlainCheckFlow.start.run(department=bureau).pk for _ in range(count)]
    return list(
        Task.objects.filter(flow_task=PlainCheckFlow.check, status=STATUS.NEW, process_id__in=processes)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


SEEDERS = {"real": seed_declaration_checks, "plain": seed_plain_checks, "orm": seed_declaration_checks}


# --- the steps: each returns (assign, complete) callables for one task ------------------------------


def real_steps(task_ids: list[int]):
    from viewflow.workflow.models import Task

    from workflows.task_actions import task_assign, task_complete

    tasks = Task.objects.select_related("process").in_bulk(task_ids)

    def assign(task, actor):
        task_assign(actor=actor, task=task)

    def complete(task, actor):
        task_complete(actor=actor, task=task, data=DECISION)

    return [(tasks[pk], assign, complete) for pk in task_ids]


def plain_steps(task_ids: list[int]):
    """What viewflow's own assign and execute views do, without the HTTP around them."""
    from django.core.exceptions import PermissionDenied
    from viewflow.workflow.models import Task

    from bench.plain_flows import PlainCheckFlow

    tasks = Task.objects.select_related("process").in_bulk(task_ids)

    def assign(task, actor):
        with PlainCheckFlow.lock(task.process_id):
            task = Task.objects.select_related("process").get(pk=task.pk)
            if not task.flow_task.can_assign(actor, task):
                raise PermissionDenied
            task.flow_task.activation_class(task).assign(actor)

    def complete(task, actor):
        with PlainCheckFlow.lock(task.process_id):
            task = Task.objects.select_related("process", "owner").get(pk=task.pk)
            if not task.flow_task.can_execute(actor, task):
                raise PermissionDenied
            activation = task.flow_task.activation_class(task)
            activation.start(None)
            activation.process.data = {**activation.process.data, "outcome": DECISION["outcome"]}
            activation.process.save(update_fields=["data"])
            activation.execute()

    return [(tasks[pk], assign, complete) for pk in task_ids]


def orm_steps(task_ids: list[int]):
    """The same rows written with the fewest plain statements: no lock beyond the rows updated, no
    permission or visibility check, no form, no template rendering."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from audit.hashing import standalone_event_hash
    from audit.keys import current_key_id
    from audit.models import AuditEvent
    from audit.numbering import NextSequence
    from cases.declarations.choices import DeclarationAction
    from cases.models import Declaration
    from deadlines.models import Deadline
    from notifications.models import EmailDelivery, Notification
    from workflows.declarations.flows import DeclarationFlow

    tasks = Task.objects.select_related("process").in_bulk(task_ids)
    declarations = Declaration.objects.in_bulk([task.process.artifact_object_id for task in tasks.values()])
    producer = get_user_model().objects.get(username="bench-producer")
    deadlines = dict(Deadline.objects.filter(task_id__in=task_ids).values_list("task_id", "pk"))
    declaration_type = ContentType.objects.get_for_model(Declaration)
    deadline_type = ContentType.objects.get_for_model(Deadline)
    previous = Task.previous.through

    def assign(task, actor):
        updated = Task.objects.filter(pk=task.pk, status=STATUS.NEW, owner__isnull=True).update(
            owner=actor, status=STATUS.ASSIGNED, assigned=timezone.now()
        )
        assert updated == 1

    def audit_events(actor, now, rows):
        # Signed on their own and numbered by the INSERT, as audit.services writes them (ADR 0059).
        events = []
        key_id = current_key_id()
        for offset, (target_type, target_id, action, before, after) in enumerate(rows, start=1):
            fields = {
                "occurred_at": now,
                "actor_id": actor.pk,
                "actor_label": str(actor),
                "action": action,
                "target_id": str(target_id),
                "target_label": "",
                "from_state": before,
                "to_state": after,
                "comment": DECISION["comment"] if target_type is declaration_type else "",
                "data": {},
                "key_id": key_id,
                "salt": secrets.token_hex(16),
            }
            target_key = ".".join(target_type.natural_key())
            digest = standalone_event_hash(**{**fields, "occurred_at": now.isoformat()}, target_type=target_key)
            events.append(
                AuditEvent(
                    target_type=target_type, hash=digest, sequence=NextSequence(offset), previous_hash="", **fields
                )
            )
        return events

    def complete(task, actor):
        declaration = declarations[task.process.artifact_object_id]
        now = timezone.now()
        with transaction.atomic():
            done = Task.objects.filter(pk=task.pk, status=STATUS.ASSIGNED, owner=actor).update(
                status=STATUS.DONE, started=now, finished=now
            )
            assert done == 1
            changed = Declaration.objects.filter(pk=declaration.pk, status=Declaration.Status.PUBLISHED).update(
                status=Declaration.Status.CORRECTION_REQUESTED
            )
            assert changed == 1
            Deadline.objects.filter(pk=deadlines[task.pk], state=Deadline.State.RUNNING).update(
                state=Deadline.State.MET, closed_at=now
            )
            AuditEvent.objects.bulk_create(
                audit_events(
                    actor,
                    now,
                    [
                        (
                            declaration_type,
                            declaration.pk,
                            DeclarationAction.IN_PROCESS_CHECK_CORRECTION,
                            "published",
                            "correction_requested",
                        ),
                        (deadline_type, deadlines[task.pk], "deadline.meet", "running", "met"),
                    ],
                )
            )
            notification = Notification.objects.create(
                recipient=producer,
                kind="declaration.correction_requested",
                subject=f"请更正自我声明 {declaration.reference}",
                body=DECISION["comment"],
                link=f"/portal/declarations/{declaration.pk}/",
                target_type=declaration_type,
                target_id=declaration.pk,
                created_at=now,
            )
            EmailDelivery.objects.create(notification=notification, to_address=producer.email, next_attempt_at=now)
            route, waiting = Task.objects.bulk_create(
                [
                    Task(process_id=task.process_id, flow_task=DeclarationFlow.route_check,
                         flow_task_type="SWITCH", status=STATUS.DONE, token=task.token, finished=now),
                    Task(process_id=task.process_id, flow_task=DeclarationFlow.await_correction,
                         flow_task_type="FUNCTION", status=STATUS.NEW, token=task.token),
                ]
            )  # fmt: skip
            # Task.previous: from_task is the later task, to_task the one it follows.
            previous.objects.bulk_create(
                [
                    previous(from_task_id=route.pk, to_task_id=task.pk),
                    previous(from_task_id=waiting.pk, to_task_id=route.pk),
                ]
            )

    return [(tasks[pk], assign, complete) for pk in task_ids]


STEPS = {"real": real_steps, "plain": plain_steps, "orm": orm_steps}


# --- one client process ----------------------------------------------------------------------------


def client(variant: str, task_ids: list[int], warmup: int, actor_id: int, barrier, results) -> None:
    """Complete the given tasks one after the other; report per-step times and statement counts."""
    from django.contrib.auth import get_user_model
    from django.db import connection, connections

    connections.close_all()  # never share the parent's connection
    steps = STEPS[variant](task_ids)
    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    def counted(call, task) -> tuple[float, int]:
        # A fresh actor per call, as each request's authentication loads it; not part of the step.
        actor = get_user_model().objects.get(pk=actor_id)
        statements[0] = 0
        begin = time.perf_counter()
        call(task, actor)
        return time.perf_counter() - begin, statements[0]

    for task, assign, complete in steps[:warmup]:
        counted(assign, task)
        counted(complete, task)
    barrier.wait()
    started = time.monotonic()  # CLOCK_MONOTONIC: comparable between processes on one machine
    millis, assign_queries, complete_queries = [], [], []
    with connection.execute_wrapper(count):
        for task, assign, complete in steps[warmup:]:
            assign_seconds, assign_count = counted(assign, task)
            complete_seconds, complete_count = counted(complete, task)
            millis.append((assign_seconds + complete_seconds) * 1000)
            assign_queries.append(assign_count)
            complete_queries.append(complete_count)
    finished = time.monotonic()
    connections.close_all()
    results.put(
        {
            "started": started,
            "finished": finished,
            "millis": millis,
            "assign_queries": assign_queries,
            "complete_queries": complete_queries,
        }
    )


def seed_all(rounds: int, count: int, warmup: int, people: dict) -> dict:
    """Every run's tasks, seeded before the first is timed: (variant, clients, round) → task ids."""
    seeded = {}
    for variant in VARIANTS:
        for clients in CLIENTS:
            wanted = clients * (count + warmup)
            task_ids = SEEDERS[variant](rounds * wanted, people)
            assert len(task_ids) == rounds * wanted, f"{variant}: seeded {len(task_ids)} tasks"
            for number in range(rounds):
                seeded[(variant, clients, number)] = task_ids[number * wanted : (number + 1) * wanted]
    return seeded


def run(variant: str, clients: int, task_ids: list[int], warmup: int, people: dict) -> dict:
    """Start the clients together on distinct tasks, and sum up their reports."""
    from django.db import connections

    connections.close_all()  # a forked child must open its own connection
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    results = context.Queue()
    share = len(task_ids) // clients
    processes = [
        context.Process(
            target=client,
            args=(variant, task_ids[n * share : (n + 1) * share], warmup, people["staff"][n], barrier, results),
        )
        for n in range(clients)
    ]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode:
            sys.exit(f"a {variant} client failed (exit code {process.exitcode})")
    check_done_once(variant, task_ids)
    seconds = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    return {
        "completions": sum(len(r["millis"]) for r in reports),
        "seconds": seconds,
        "millis": [m for r in reports for m in r["millis"]],
        "assign_queries": [q for r in reports for q in r["assign_queries"]],
        "complete_queries": [q for r in reports for q in r["complete_queries"]],
    }


def summary(variant: str, clients: int, runs: list[dict]) -> dict:
    """One variant's rounds: the median round's throughput, latency over every step of every round."""
    millis = sorted(m for run in runs for m in run["millis"])
    assign_queries = [q for run in runs for q in run["assign_queries"]]
    complete_queries = [q for run in runs for q in run["complete_queries"]]
    return {
        "variant": variant,
        "clients": clients,
        "completions": len(millis),
        "rounds_per_second": [round(run["completions"] / run["seconds"], 1) for run in runs],
        "per_second": round(statistics.median(run["completions"] / run["seconds"] for run in runs), 1),
        "ms_p50": round(statistics.median(millis), 2),
        "ms_p95": round(millis[min(len(millis) - 1, int(len(millis) * 0.95))], 2),
        "queries_per_completion": round(
            statistics.mean(a + c for a, c in zip(assign_queries, complete_queries, strict=True)), 1
        ),
        "queries_assign": round(statistics.mean(assign_queries), 1),
        "queries_complete": round(statistics.mean(complete_queries), 1),
    }


def check_done_once(variant: str, task_ids: list[int]) -> None:
    """Every task completed once, and (real flow) each state change audited and told exactly once."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from audit.models import AuditEvent
    from cases.declarations.choices import DeclarationAction
    from cases.models import Declaration
    from notifications.models import Notification

    done = Task.objects.filter(pk__in=task_ids, status=STATUS.DONE).count()
    assert done == len(task_ids), f"{variant}: {done} of {len(task_ids)} tasks done"
    following = Task.objects.filter(previous__in=task_ids).count()
    assert following == len(task_ids), f"{variant}: {following} next tasks for {len(task_ids)} completions"
    if variant == "plain":
        return
    declarations = list(Task.objects.filter(pk__in=task_ids).values_list("process__artifact_object_id", flat=True))
    corrected = Declaration.objects.filter(pk__in=declarations, status=Declaration.Status.CORRECTION_REQUESTED)
    assert corrected.count() == len(task_ids), f"{variant}: {corrected.count()} declarations changed"
    events = AuditEvent.objects.filter(
        action=DeclarationAction.IN_PROCESS_CHECK_CORRECTION, target_id__in=[str(pk) for pk in declarations]
    )
    assert events.count() == len(task_ids), f"{variant}: {events.count()} audit events"
    told = Notification.objects.filter(kind="declaration.correction_requested", target_id__in=declarations)
    assert told.count() == len(task_ids), f"{variant}: {told.count()} notifications"


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'variant':<8}{'clients':>8}{'done':>7}{'/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'SQL':>7}{'assign':>8}{'complete':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['variant']:<8}{row['clients']:>8}{row['completions']:>7}{row['per_second']:>9}{row['ms_p50']:>9}"
            f"{row['ms_p95']:>9}{row['queries_per_completion']:>7}{row['queries_assign']:>8}{row['queries_complete']:>9}"
        )


def ratios(runs: dict) -> dict:
    """Each ratio measured within a round (the variants ran minutes apart at most), then the median."""

    def per_step(variant, clients, number):
        return statistics.median(runs[(variant, clients, number)]["millis"])

    def per_completion(variant, clients, number):
        run = runs[(variant, clients, number)]
        return run["seconds"] / run["completions"]

    rounds = sorted({number for _, _, number in runs})
    out = {}
    for clients in CLIENTS:

        def median_ratio(measure, over, clients=clients):
            return round(statistics.median(measure("real", clients, n) / measure(over, clients, n) for n in rounds), 2)

        out[str(clients)] = {
            "real_over_plain_ms_p50": median_ratio(per_step, "plain"),
            "real_over_plain_seconds_per_completion": median_ratio(per_completion, "plain"),
            "real_over_orm_ms_p50": median_ratio(per_step, "orm"),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every variant, in a shuffled order")
    parser.add_argument("--count", type=int, default=50, help="completions timed per client, variant and round")
    parser.add_argument("--warmup", type=int, default=10, help="completions per client before the clock starts")
    parser.add_argument("--keep-database", action="store_true", help="reuse the database instead of recreating it")
    args = parser.parse_args()

    begun = time.monotonic()
    fresh_database(args.keep_database)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from audit.seals import seal_pending_events
    from audit.verification import verify_audit_chain

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    people = bench_people()
    seeded = seed_all(args.rounds, args.count, args.warmup, people)
    shuffle = random.Random(9)  # the same order at every run of the benchmark
    runs = {}
    for number in range(args.rounds):
        for clients in CLIENTS:
            for variant in shuffle.sample(VARIANTS, len(VARIANTS)):
                measured = run(variant, clients, seeded[(variant, clients, number)], args.warmup, people)
                runs[(variant, clients, number)] = measured
                print(
                    f"round {number + 1}, {variant}, {clients} client(s):"
                    f" {measured['completions'] / measured['seconds']:.1f}/s,"
                    f" p50 {statistics.median(measured['millis']):.1f} ms",
                    flush=True,
                )
    rows = [
        summary(variant, clients, [runs[(variant, clients, n)] for n in range(args.rounds)])
        for variant in VARIANTS
        for clients in CLIENTS
    ]
    seal_pending_events()  # as the worker does every minute (ADR 0059): the seals must verify too
    report = verify_audit_chain()
    assert report.ok and report.unsealed == 0, f"the audit trail is broken: {report.problem}"
    report = {
        "benchmark": "task completions per second: in-process check of a self-declaration (assign + complete)",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": f"PostgreSQL {server_version}",
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "rounds": args.rounds,
        "count_per_client_and_round": args.count,
        "warmup_per_client_and_round": args.warmup,
        "rows": rows,
        "ratios": ratios(runs),
        "targets": {"queries_per_completion_max": 30, "per_second_2_clients_min": 50, "real_over_plain_max": 2},
        "total_seconds": round(time.monotonic() - begun, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print_table(rows)
    print()
    for clients, figures in report["ratios"].items():
        print(
            f"{clients} client(s): real/plain {figures['real_over_plain_ms_p50']}× per step (p50),"
            f" {figures['real_over_plain_seconds_per_completion']}× per completion (throughput);"
            f" real/orm {figures['real_over_orm_ms_p50']}×"
        )
    print(f"written to {RESULTS.relative_to(ROOT)} in {report['total_seconds']} s")


if __name__ == "__main__":
    main()
