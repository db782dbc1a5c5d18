"""Seed a national-scale data set, fast: products, enterprises, declarations, enforcement cases,
viewflow processes and tasks, and the audit events of every change, hash-chained.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/terroir_volume \\
        .venv/bin/python bench/seed_volume.py [--tasks 1000000] [--reset]

Sizes follow --tasks (default 1,000,000, the issue's "ten times China's 2025 volume"); every
other count scales with it: at 1,000,000 tasks, 5,000 products, 250,000 enterprises, 500,000
declarations, 20,000 enforcement cases. Rows are written by COPY on PostgreSQL and executemany
on SQLite, with ids chosen here so related rows need no round trip; the audit chain is computed
in Python exactly as audit.services does, so `verify_audit` passes on the result.

The benchmarks sign in as the personas below (password BENCH_PASSWORD): provincial staff and a
lead of the busiest county and its province, who see a realistic share of the country's work.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/terroir_volume"
BENCH_PASSWORD = "bench-volume-password"  # noqa: S105 (a benchmark persona on loopback)
FOCUS_PROVINCE = "330000"  # 浙江省
FOCUS_COUNTY = "330106"  # 西湖区: 西湖龙井
FOCUS_SHARE = 0.01  # the focus county's share of the country's declarations and cases
OPEN_SHARE = 0.02  # declaration processes still waiting for their in-process check
PERSONAS = {"staff": "bench.staff", "lead": "bench.lead"}
EPOCH = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)

# The nodes an enforcement case passes on its way from clue to archive (EnforcementFlow).
ENFORCEMENT_PATH = [
    "start",
    "verify",
    "decide_filing",
    "route_filing",
    "investigate",
    "route_investigation",
    "review",
    "route_review",
    "approve",
    "route_approval",
    "serve_notice",
    "record_defence",
    "route_defence",
    "recheck",
    "decide",
    "route_decision",
    "serve_decision",
    "route_service",
    "record_execution",
    "close",
    "archive",
    "end",
]
# The case's status while the human task at that node is open.
ENFORCEMENT_STATUS_AT = {
    "verify": "verifying",
    "decide_filing": "filing_decision",
    "investigate": "investigating",
    "review": "review",
    "approve": "lead_approval",
    "serve_notice": "notice",
    "record_defence": "defence",
    "recheck": "recheck",
    "decide": "decision",
    "serve_decision": "service",
    "record_execution": "execution",
    "close": "closure",
    "archive": "closed",
}
# Who may take each human task (EnforcementCaseFlow's .Permission): a role on the case's bureau,
# or the object permission on the case itself that its officers hold.
ENFORCEMENT_PERMISSION_AT = {
    "verify": "work_as_inspector",
    "decide_filing": "work_as_lead",
    "approve": "work_as_lead",
    "decide": "work_as_lead",
    "review": "work_as_staff",
    "hold_hearing": "work_as_staff",
    "archive": "work_as_staff",
}
DECLARATION_PATH = ["start", "in_process_check", "route_check", "end"]


@dataclass(frozen=True)
class Volume:
    tasks: int

    def scaled(self, at_full_scale: int, minimum: int = 1) -> int:
        return max(minimum, round(at_full_scale * self.tasks / 1_000_000))

    @property
    def products(self) -> int:
        return self.scaled(5_000, minimum=50)

    @property
    def enterprises(self) -> int:
        return self.scaled(250_000, minimum=100)

    @property
    def declarations(self) -> int:
        return self.scaled(500_000, minimum=200)

    @property
    def enforcement_cases(self) -> int:
        return self.scaled(20_000, minimum=20)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
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


class RowWriter:
    """Writes rows with ids chosen by the caller: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.written: dict[str, int] = {}

    def next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608 (model name)
            return cursor.fetchone()[0] + 1

    def _value(self, value):
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        if not self.postgres:
            if isinstance(value, datetime.datetime):
                return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
            if isinstance(value, datetime.date):
                return value.isoformat()
        return value

    def write(self, model, columns: list[str], rows) -> int:
        table = model._meta.db_table
        columns, defaults = _filled_columns(model, columns)
        rows = (tuple(row) + defaults for row in rows)
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                names = ", ".join(f'"{column}"' for column in columns)
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([self._value(value) for value in row])
                        count += 1
            else:
                names = ", ".join(f'"{column}"' for column in columns)
                marks = ", ".join("?" for _ in columns)
                statement = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (model names)
                batch = []
                for row in rows:
                    batch.append([self._value(value) for value in row])
                    if len(batch) == 5000:
                        cursor.cursor.executemany(statement, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.cursor.executemany(statement, batch)
                    count += len(batch)
        self.written[table] = self.written.get(table, 0) + count
        return count

    def reset_sequences(self, models) -> None:
        if not self.postgres:
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


class AuditChain:
    """Appends events exactly as audit.services.audit_record hashes them, starting at the head."""

    def __init__(self, writer: RowWriter):
        from django.contrib.contenttypes.models import ContentType

        from audit.models import AuditChainHead

        self.writer = writer
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        self.head = head
        self.sequence = head.last_sequence
        self.last_hash = head.last_hash
        self.next_id = writer.next_id(_audit_model())
        self.content_types = {}
        self._content_type = ContentType.objects.get_for_model
        self.rows = []

    def type_of(self, model):
        if model not in self.content_types:
            content_type = self._content_type(model)
            self.content_types[model] = (content_type.pk, ".".join(content_type.natural_key()))
        return self.content_types[model]

    def add(self, *, model, target_id, target_label, action, occurred_at, actor, from_state, to_state, comment=""):
        from audit.hashing import event_hash

        type_id, type_label = self.type_of(model)
        self.sequence += 1
        actor_id, actor_label = actor
        digest = event_hash(
            sequence=self.sequence,
            occurred_at=occurred_at.isoformat(),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            target_type=type_label,
            target_id=str(target_id),
            target_label=target_label,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
            data={},
            previous_hash=self.last_hash,
        )
        self.rows.append(
            (
                self.next_id,
                self.sequence,
                occurred_at,
                actor_id,
                actor_label,
                action,
                type_id,
                str(target_id),
                target_label,
                from_state,
                to_state,
                comment,
                {},
                self.last_hash,
                digest,
            )
        )
        self.next_id += 1
        self.last_hash = digest

    def flush(self) -> None:
        from audit.verification import FIELDS

        columns = list(FIELDS)  # every column of an event, in the order the rows above are built
        self.writer.write(_audit_model(), columns, self.rows)
        self.rows = []
        self.head.last_sequence = self.sequence
        self.head.last_hash = self.last_hash
        self.head.save(update_fields=["last_sequence", "last_hash"])


def _audit_model():
    from audit.models import AuditEvent

    return AuditEvent


def _when(rng: random.Random, days: int = 5 * 365) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=rng.randrange(days * 86400))


class Seeder:
    def __init__(self, volume: Volume, seed: int = 2026, *, focus_share=FOCUS_SHARE, open_share=OPEN_SHARE):
        from django.db import connection

        self.volume = volume
        # Tests raise both so that a small seed still puts rows on every persona's pages.
        self.focus_share = focus_share
        self.open_share = open_share
        self.rng = random.Random(seed)
        self.writer = RowWriter(connection)
        self.timings: dict[str, float] = {}
        self.sequenced = []  # tables written with chosen ids, beyond the main ones

    def timed(self, label, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.timings[label] = time.perf_counter() - started
        print(f"  {label:<28} {self.timings[label]:7.1f} s", flush=True)
        return result

    # -- who works where ---------------------------------------------------------------

    def personas(self):
        from accounts.models import User
        from organizations.models import Department, Role
        from organizations.services import membership_grant

        county = Department.objects.get(region__code=FOCUS_COUNTY)
        province = Department.objects.get(region__code=FOCUS_PROVINCE)
        users = {}
        for key, username in PERSONAS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"full_name": f"基准{key}", "email": f"{username}@example.org"}
            )
            if created:
                user.set_password(BENCH_PASSWORD)
                user.save()
            role = Role.STAFF if key == "staff" else Role.LEAD
            for department in (county, province):
                if not user.memberships.filter(department=department, role=role).exists():
                    membership_grant(actor=None, user=user, department=department, role=role)
            users[key] = user
        self.users = users
        self.county = county
        self.province = province

    def regions(self):
        from organizations.models import Department, Region

        counties = list(Region.objects.filter(level=Region.Level.COUNTY).values_list("pk", "code"))
        self.counties = counties
        self.focus_county_pk = Region.objects.get(code=FOCUS_COUNTY).pk
        self.provinces = list(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", flat=True))
        self.bureau_of_region = dict(Department.objects.filter(region__isnull=False).values_list("region_id", "pk"))

    def county_workers(self):
        """One staff member and one lead per county bureau, who did that county's past work; in
        the focus county, the personas. (One person owning the whole country's archive would
        measure a page nobody has.)"""
        from django.contrib.auth.hashers import make_password

        from accounts.models import User

        first = self.writer.next_id(User)
        unusable = make_password(None)
        rows, self.workers = [], {}
        for number, (county_pk, code) in enumerate(self.counties):
            if county_pk == self.focus_county_pk:
                for role in ("staff", "lead"):
                    user = self.users[role]
                    self.workers[(county_pk, role)] = (user.pk, str(user))
                continue
            for offset, role in enumerate(("staff", "lead")):
                pk = first + 2 * number + offset
                username = f"bench.{code}.{role}.{pk}"
                rows.append((pk, unusable, False, username, "", "", "", False, True, EPOCH, username, "", "zh-hans"))
                self.workers[(county_pk, role)] = (pk, username)
        columns = [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "full_name",
            "phone",
            "language",
        ]
        self.writer.write(User, columns, rows)
        self.sequenced.append(User)

    def worker_of(self, county_pk: int, role: str) -> tuple[int, str]:
        return self.workers[(county_pk, role)]

    def pick_county(self) -> tuple[int, str]:
        if self.rng.random() < self.focus_share:
            return self.focus_county_pk, FOCUS_COUNTY
        return self.rng.choice(self.counties)

    # -- the register ------------------------------------------------------------------

    def products(self):
        from cases.models import ProductCategory, ProtectedProduct
        from cases.pinyin import pinyin_search_key

        writer = self.writer
        first = writer.next_id(ProtectedProduct)
        categories = [value for value, _ in ProductCategory.choices]
        stems = ["龙井", "碧螺", "毛峰", "红橘", "香米", "黄酒", "火腿", "枸杞", "银耳", "陈醋", "蜜柚", "白茶"]
        places = ["西湖", "安吉", "武夷", "赣南", "五常", "绍兴", "金华", "宁夏", "古田", "山西", "琯溪", "福鼎"]
        rows = []
        through = []
        self.product_ids = []
        for number in range(self.volume.products):
            pk = first + number
            name = f"{places[pk % len(places)]}{stems[(pk // len(places)) % len(stems)]}{pk}"
            county_pk, _ = self.pick_county()
            rows.append(
                (
                    pk,
                    name,
                    "",
                    pinyin_search_key(name),
                    categories[number % len(categories)],
                    self.rng.choice(self.provinces),
                    f"{2008 + number % 17}年第{number % 150 + 1}号",
                    2008 + number % 17,
                    "CNIPA",
                    f"GB/T {19000 + number}",
                    "",
                    "protected",
                    f"bench-product-{pk}",
                )
            )
            through.append((pk, county_pk))
            self.product_ids.append(pk)
        columns = [
            "id",
            "name",
            "name_en",
            "name_pinyin",
            "category",
            "province_id",
            "announcement_number",
            "announcement_year",
            "authority",
            "standard",
            "quality_summary",
            "status",
            "public_token",
        ]
        writer.write(ProtectedProduct, columns, rows)
        area = ProtectedProduct.protected_area.through
        writer.write(area, ["protectedproduct_id", "region_id"], through)

    def enterprises(self):
        from organizations.credit_code import credit_code_check_character
        from organizations.models import Enterprise

        first = self.writer.next_id(Enterprise)
        self.enterprise_ids = []
        self.enterprise_names = {}
        rows = []
        words = ["茶业", "农业", "食品", "酒业", "果业", "生态", "农产品", "酿造"]
        for number in range(self.volume.enterprises):
            pk = first + number
            county_pk, code = self.pick_county()
            stem = f"91{code}MA{pk:07d}"
            name = f"{code}{words[number % len(words)]}有限公司{pk}"
            rows.append((pk, name, stem + credit_code_check_character(stem), "producer", county_pk, "", "", ""))
            self.enterprise_ids.append((pk, county_pk))
            self.enterprise_names[pk] = name
        columns = ["id", "name", "credit_code", "kind", "region_id", "address", "legal_representative", "contact_phone"]
        self.writer.write(Enterprise, columns, rows)

    def declarations(self):
        """Declarations, newest last; most are authorised, some revoked or withdrawn."""
        from cases.models import Declaration
        from cases.models.declarations import TOKEN_ALPHABET, TOKEN_LENGTH

        first = self.writer.next_id(Declaration)
        creator = self.users["staff"].pk
        rows = []
        self.declarations_in_order = []
        total = self.volume.declarations
        for number in range(total):
            pk = first + number
            enterprise_pk, county_pk = self.enterprise_ids[number % len(self.enterprise_ids)]
            declared_at = EPOCH + datetime.timedelta(seconds=int(number * (5 * 365 * 86400) / total))
            roll = self.rng.random()
            status = "published" if roll < 0.9 else ("revoked" if roll < 0.95 else "withdrawn")
            closed_at = declared_at + datetime.timedelta(days=200) if status != "published" else None
            token = "".join(self.rng.choices(TOKEN_ALPHABET, k=TOKEN_LENGTH))
            product_pk = self.product_ids[self.rng.randrange(len(self.product_ids))]
            reference = f"SD{declared_at.year}{pk:08d}"
            rows.append(
                (
                    pk,
                    reference,
                    token,
                    enterprise_pk,
                    product_pk,
                    county_pk,
                    "生产地址",
                    1000 + number % 9000,
                    "kg",
                    "地理标志专用标志",
                    True,
                    status,
                    creator,
                    declared_at,
                    declared_at,
                    closed_at,
                    "",
                )
            )
            self.declarations_in_order.append((pk, reference, enterprise_pk, product_pk, county_pk, declared_at))
        columns = [
            "id",
            "reference",
            "verification_token",
            "enterprise_id",
            "product_id",
            "production_region_id",
            "production_address",
            "annual_output",
            "output_unit",
            "label_text",
            "commitment_accepted",
            "status",
            "created_by_id",
            "created_at",
            "declared_at",
            "closed_at",
            "closing_reason",
        ]
        self.writer.write(Declaration, columns, rows)

    # -- casework: processes, tasks and their audit events ------------------------------

    def _flow_refs(self, flow_class, names):
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        nodes = {name: getattr(flow_class, name) for name in names}
        return get_flow_ref(flow_class), {name: (get_task_ref(node), node.task_type) for name, node in nodes.items()}

    def workflow(self):
        from cases.models import Declaration, EnforcementCase
        from workflows.declarations.flows import DeclarationFlow
        from workflows.enforcement.flows import EnforcementCaseFlow

        self.process_id = self.writer.next_id(DeclarationFlow.process_class)
        self.task_id = self.writer.next_id(DeclarationFlow.task_class)
        self.process_rows = []
        self.task_rows = []
        self.enforcement_cases(EnforcementCaseFlow, EnforcementCase)
        remaining = self.volume.tasks - len(self.task_rows)
        self.declaration_processes(DeclarationFlow, Declaration, max(0, remaining // len(DECLARATION_PATH)))
        self.flush_workflow(DeclarationFlow)

    def _process(self, flow_ref, content_type_id, artifact_id, created, finished, data) -> int:
        pk = self.process_id
        self.process_id += 1
        status = "DONE" if finished else "NEW"
        self.process_rows.append((pk, flow_ref, status, created, finished, data, content_type_id, artifact_id))
        return pk

    def _task(self, process_pk, ref, created, *, status="DONE", owner=None, permission=None) -> int:
        pk = self.task_id
        self.task_id += 1
        (task_ref, task_type) = ref
        finished = created + datetime.timedelta(hours=1) if status == "DONE" else None
        assigned = created if owner else None
        perm_name, perm_ct, perm_obj = permission or (None, None, None)
        self.task_rows.append(
            (
                pk,
                process_pk,
                task_ref,
                task_type,
                status,
                created,
                assigned,
                assigned,
                finished,
                owner,
                perm_name,
                perm_ct,
                perm_obj,
                {},
            )
        )
        return pk

    def _bureau_permission(self, codename, region_pk):
        from django.contrib.contenttypes.models import ContentType

        from organizations.models import Department

        if not hasattr(self, "_department_ct"):
            self._department_ct = ContentType.objects.get_for_model(Department).pk
        return (f"organizations.{codename}", self._department_ct, str(self.bureau_of_region[region_pk]))

    def declaration_processes(self, flow_class, model, count):
        from cases.declarations.choices import DeclarationAction

        flow_ref, refs = self._flow_refs(flow_class, DECLARATION_PATH)
        chain = self.chain
        content_type_id, _ = chain.type_of(model)
        staff = self.users["staff"]
        # The newest declarations have processes (the system went live after the older ones).
        newest = self.declarations_in_order[-count:] if count else []
        open_from = len(newest) - max(1, round(len(newest) * self.open_share))
        for index, (pk, reference, enterprise_pk, _product, county_pk, declared_at) in enumerate(newest):
            is_open = index >= open_from
            data = {"reference": reference, "enterprise": self.enterprise_names[enterprise_pk], "product": ""}
            finished = None if is_open else declared_at + datetime.timedelta(days=10)
            process = self._process(flow_ref, content_type_id, pk, declared_at, finished, data)
            self._task(process, refs["start"], declared_at)
            permission = self._bureau_permission("work_as_staff", county_pk)
            if is_open:
                # Half are taken: in the focus county by the staff persona, elsewhere by nobody we sign in as.
                taken = index % 2 == 0 and county_pk == self.focus_county_pk
                self._task(
                    process,
                    refs["in_process_check"],
                    declared_at,
                    status="ASSIGNED" if taken else "NEW",
                    owner=staff.pk if taken else None,
                    permission=permission,
                )
                continue
            checker = self.worker_of(county_pk, "staff")
            self._task(process, refs["in_process_check"], declared_at, permission=permission, owner=checker[0])
            self._task(process, refs["route_check"], finished)
            self._task(process, refs["end"], finished)
            chain.add(
                model=model,
                target_id=pk,
                target_label=reference,
                # What the service writes for a check with nothing to correct (the registry's value).
                action=DeclarationAction.IN_PROCESS_CHECK_OK,
                occurred_at=finished,
                actor=checker,
                from_state="published",
                to_state="published",
            )

    def enforcement_cases(self, flow_class, model):
        flow_ref, refs = self._flow_refs(flow_class, ENFORCEMENT_PATH)
        chain = self.chain
        content_type_id, _ = chain.type_of(model)
        first = self.writer.next_id(model)
        rows = []
        self.enforcement_ids = []
        total = self.volume.enforcement_cases
        human = [name for name in ENFORCEMENT_PATH if name in ENFORCEMENT_STATUS_AT]
        for number in range(total):
            pk = first + number
            county_pk, _ = self.pick_county()
            received = _when(self.rng)
            # The newest fifth is still open, at a random step; the rest went the whole way.
            is_open = number >= total * 0.8
            stop = self.rng.randrange(len(human)) if is_open else None
            status = ENFORCEMENT_STATUS_AT[human[stop]] if is_open else "archived"
            case_number = f"浙市监地标案〔{received.year}〕{pk}号"
            rows.append(
                (
                    pk,
                    case_number,
                    "complaint",
                    "counterfeit_mark",
                    self.bureau_of_region[county_pk],
                    county_pk,
                    "当事人",
                    "举报冒用地理标志专用标志。",
                    status,
                    received,
                )
            )
            self.enforcement_ids.append(pk)
            data = {"number": case_number, "party": "当事人"}
            finished = None if is_open else received + datetime.timedelta(days=120)
            process = self._process(flow_ref, content_type_id, pk, received, finished, data)
            moment = received
            previous_status = "verifying"
            for name in ENFORCEMENT_PATH:
                moment += datetime.timedelta(days=3)
                if name not in ENFORCEMENT_STATUS_AT:
                    if is_open and name != "start":
                        continue
                    self._task(process, refs[name], moment)
                    continue
                is_lead_task = ENFORCEMENT_PERMISSION_AT.get(name) == "work_as_lead"
                if name in ENFORCEMENT_PERMISSION_AT:
                    permission = self._bureau_permission(ENFORCEMENT_PERMISSION_AT[name], county_pk)
                else:
                    permission = ("cases.investigate_case", content_type_id, str(pk))
                if is_open and name == human[stop]:
                    self._task(process, refs[name], moment, status="NEW", permission=permission)
                    break
                actor = self.worker_of(county_pk, "lead" if is_lead_task else "staff")
                self._task(process, refs[name], moment, owner=actor[0], permission=permission)
                next_status = ENFORCEMENT_STATUS_AT.get(name, previous_status)
                chain.add(
                    model=model,
                    target_id=pk,
                    target_label=case_number,
                    action=f"enforcement.{name}",
                    occurred_at=moment,
                    actor=actor,
                    from_state=previous_status,
                    to_state=next_status,
                )
                previous_status = next_status
        columns = [
            "id",
            "number",
            "source",
            "violation_type",
            "bureau_id",
            "region_id",
            "party_description",
            "summary",
            "status",
            "created_at",
        ]
        self.writer.write(model, columns, rows)
        self.officer_permissions(model, rows)

    def officer_permissions(self, model, case_rows):
        """The staff persona investigates its county's cases (guardian's object permission)."""
        from django.contrib.auth.models import Permission
        from guardian.models import UserObjectPermission

        content_type_id, _ = self.chain.type_of(model)
        permission = Permission.objects.get(content_type_id=content_type_id, codename="investigate_case")
        staff = self.users["staff"].pk
        first = self.writer.next_id(UserObjectPermission)
        focus = [row[0] for row in case_rows if row[5] == self.focus_county_pk]
        rows = [(first + n, permission.pk, content_type_id, str(pk), staff) for n, pk in enumerate(focus)]
        columns = ["id", "permission_id", "content_type_id", "object_pk", "user_id"]
        self.writer.write(UserObjectPermission, columns, rows)
        self.sequenced.append(UserObjectPermission)

    def flush_workflow(self, flow_class):
        process_columns = [
            "id",
            "flow_class",
            "status",
            "created",
            "finished",
            "data",
            "artifact_content_type_id",
            "artifact_object_id",
        ]
        self.writer.write(flow_class.process_class, process_columns, self.process_rows)
        task_columns = [
            "id",
            "process_id",
            "flow_task",
            "flow_task_type",
            "status",
            "created",
            "assigned",
            "started",
            "finished",
            "owner_id",
            "owner_permission",
            "owner_permission_content_type_id",
            "owner_permission_obj_pk",
            "data",
        ]
        self.writer.write(flow_class.task_class, task_columns, self.task_rows)

    def case_with_long_history(self, events: int = 1_000):
        """One enforcement case of the focus county with a thousand events (notes, clock changes)."""
        from cases.models import EnforcementCase

        case = EnforcementCase.objects.filter(region_id=self.focus_county_pk).order_by("pk").first()
        if case is None:
            return
        staff = self.users["staff"]
        moment = case.created_at
        for number in range(events):
            moment += datetime.timedelta(minutes=30)
            self.chain.add(
                model=EnforcementCase,
                target_id=case.pk,
                target_label=case.number,
                action="enforcement.note",
                occurred_at=moment,
                actor=(staff.pk, str(staff)),
                from_state=case.status,
                to_state=case.status,
                comment=f"办案记录 {number}",
            )

    def run(self):
        from django.db import transaction

        from cases.models import Declaration, EnforcementCase, ProtectedProduct
        from organizations.models import Enterprise
        from workflows.declarations.flows import DeclarationFlow

        self.timed("personas and regions", lambda: (self.personas(), self.regions()))
        self.timed("county staff", self.county_workers)
        with transaction.atomic():
            self.chain = AuditChain(self.writer)
            self.timed("products", self.products)
            self.timed("enterprises", self.enterprises)
            self.timed("declarations", self.declarations)
            self.timed("processes and tasks", self.workflow)
            self.timed("long case history", self.case_with_long_history)
            self.timed("audit events (hash chain)", self.chain.flush)
            self.writer.reset_sequences(
                [
                    *self.sequenced,
                    ProtectedProduct,
                    Enterprise,
                    Declaration,
                    EnforcementCase,
                    DeclarationFlow.process_class,
                    DeclarationFlow.task_class,
                    _audit_model(),
                ]
            )
        self.timed("analyze", self.analyze)

    def analyze(self):
        with self.writer.connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _filled_columns(model, columns: list[str]) -> tuple[list[str], tuple]:
    """The columns plus every other NOT NULL column, with the defaults to write there."""
    extra = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.null and not field.primary_key
    ]
    return [*columns, *(field.column for field in extra)], tuple(_default_of(field) for field in extra)


def _default_of(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return EPOCH
    if field.has_default():
        return field.get_prep_value(field.get_default())  # a viewflow Token becomes its string
    if field.get_internal_type() == "BooleanField":
        return False
    return ""


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
