"""Check a register file (the dry run), then import it whole or not at all.

The file is read twice, never held: the first pass checks every row and counts; only a file
without an error is read again and written, in one transaction, in batches, with one audit event
for the import. Rows already in the register as the file says are left alone, so importing the
same file twice changes nothing (natural keys: the product's name, the credit code, the
enterprise with the product)."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from organizations.models import Enterprise, Membership, Role

from ..common.pinyin import pinyin_search_key
from ..models import Declaration, ProtectedProduct, RegisterImport, reserve_in_sequence
from .checks import CHECKERS, Checker, RowResult, batches
from .choices import RegisterImportAction
from .columns import ImportKind
from .reading import FileProblem, read_sheet
from .report import ErrorFile, Report

IMPORTING_ROLES = (Role.STAFF, Role.LEAD)


def import_prefixes(user) -> list[str]:
    """Where the person may import: 科技司 the whole country (""), a provincial bureau its
    province; nobody else."""
    if user.is_superuser:
        return [""]
    prefixes = set()
    for membership in Membership.objects.filter(user=user, is_active=True, role__in=IMPORTING_ROLES).select_related(
        "department__region"
    ):
        department = membership.department
        if department.code == "KJS":
            prefixes.add("")
        elif department.region is not None and department.region.level == department.region.Level.PROVINCE:
            prefixes.add(department.region.prefix)
    return [""] if "" in prefixes else sorted(prefixes)


def may_import(user) -> bool:
    return user.is_authenticated and bool(import_prefixes(user))


@dataclass(frozen=True)
class Upload:
    name: str
    stream: IO[bytes]

    def digest(self) -> tuple[str, int]:
        self.stream.seek(0)
        sha, size = hashlib.sha256(), 0
        while chunk := self.stream.read(1024 * 1024):
            sha.update(chunk)
            size += len(chunk)
        self.stream.seek(0)
        return sha.hexdigest(), size


def _results(kind: ImportKind, upload: Upload, checker: Checker, report: Report):
    upload.stream.seek(0)
    sheet = read_sheet(kind, upload.name, upload.stream)
    report.extra_headers = sheet.extra_headers
    for rows in batches(sheet.rows):
        yield checker.check(rows)


def check_file(kind: ImportKind, upload: Upload, user, *, with_error_file: bool = False) -> Report:
    """The dry run: every row checked, nothing written."""
    prefixes = import_prefixes(user)
    if not prefixes:
        raise PermissionDenied
    report = Report(kind)
    error_file = ErrorFile(kind) if with_error_file else None
    try:
        for results in _results(kind, upload, CHECKERS[kind](prefixes), report):
            for result in results:
                report.add(result)
                if error_file is not None:
                    error_file.write(result)
    except FileProblem as problem:
        report.problem = str(problem)
    finally:
        if error_file is not None:
            report.error_file = error_file.close()
    return report


def import_file(kind: ImportKind, upload: Upload, user) -> tuple[Report, RegisterImport | None]:
    """Check, then write everything or nothing. Returns the check's report and, when written, the import."""
    report = check_file(kind, upload, user)
    if not report.ok:
        return report, None
    sha256, size = upload.digest()
    writer = WRITERS[kind](user)
    with transaction.atomic():
        for results in _results(kind, upload, CHECKERS[kind](import_prefixes(user)), Report(kind)):
            writer.write([result for result in results if result.record])
        register_import = RegisterImport.objects.create(
            kind=kind.value,
            file_name=upload.name[-200:],
            sha256=sha256,
            size=size,
            outcome=RegisterImport.Outcome.IMPORTED,
            rows=report.rows,
            created=writer.created,
            unchanged=report.unchanged,
            created_by=user,
        )
        audit_record(
            actor=user,
            action=RegisterImportAction.IMPORT,
            target=register_import,
            data={
                "kind": kind.value,
                "sha256": sha256,
                "rows": report.rows,
                "created": writer.created,
                "unchanged": report.unchanged,
                "enterprises_created": writer.enterprises_created,
            },
        )
    return report, register_import


# ---------------------------------------------------------------- writers


class Writer:
    def __init__(self, user) -> None:
        self.user = user
        self.created = 0
        self.enterprises_created = 0

    def write(self, results: list[RowResult]) -> None:
        raise NotImplementedError


class ProductWriter(Writer):
    def write(self, results: list[RowResult]) -> None:
        from organizations.models import Region

        provinces = dict(
            Region.objects.filter(code__in={r.record["province_code"] for r in results if r.record}).values_list(
                "code", "id"
            )
        )
        products = []
        for result in results:
            record = result.record or {}
            since = record["protected_since"]
            products.append(
                ProtectedProduct(
                    name=record["name"],
                    name_en=record["name_en"],
                    name_pinyin=pinyin_search_key(record["name"]),
                    category=record["category"],
                    province_id=provinces[record["province_code"]],
                    announcement_number=record["announcement_number"],
                    announcement_year=since.year if since else None,
                    protected_since=since,
                    standard=record["standard"],
                    status=record["status"],
                )
            )
        created = ProtectedProduct.objects.bulk_create(products)
        through = ProtectedProduct.protected_area.through
        through.objects.bulk_create(
            through(protectedproduct_id=product.pk, region_id=ref.id)
            for product, result in zip(created, results, strict=True)
            for ref in result.record["area"]  # type: ignore[index]
        )
        self.created += len(created)


class EnterpriseWriter(Writer):
    def __init__(self, user) -> None:
        super().__init__(user)
        self.known: set[str] = set()  # credit codes created by this import

    def _enterprises(self, records: list[dict]) -> None:
        new = []
        for record in records:
            code = record["credit_code"]
            if record.get("enterprise_exists") or code in self.known:
                continue
            self.known.add(code)
            new.append(
                Enterprise(
                    name=record["name"],
                    credit_code=code,
                    kind=Enterprise.Kind.PRODUCER,
                    region_id=record["region"].id,
                    address=record["address"],
                    legal_representative=record.get("legal_representative", ""),
                    contact_phone=record.get("contact_phone", ""),
                )
            )
        Enterprise.objects.bulk_create(new)
        self.enterprises_created += len(new)

    def write(self, results: list[RowResult]) -> None:
        self._enterprises([result.record for result in results if result.record])
        self.created = self.enterprises_created


class UserWriter(EnterpriseWriter):
    def write(self, results: list[RowResult]) -> None:
        records = [result.record for result in results if result.record]
        self._enterprises(records)
        ids = dict(
            Enterprise.objects.filter(credit_code__in={r["credit_code"] for r in records}).values_list(
                "credit_code", "id"
            )
        )
        by_scope: dict[str, list[dict]] = defaultdict(list)
        for record in records:
            prefix = "HZ" if record["route"] == Declaration.Route.APPROVED else "SB"
            by_scope[f"{prefix}-{record['region'].code}-{record['approval_date'].year}"].append(record)
        declarations = []
        for scope, scoped in by_scope.items():
            first = reserve_in_sequence(scope, len(scoped))
            for offset, record in enumerate(scoped):
                declared_at = timezone.make_aware(datetime.datetime.combine(record["approval_date"], datetime.time()))
                declarations.append(
                    Declaration(
                        reference=f"{scope}-{first + offset:05d}",
                        enterprise_id=ids[record["credit_code"]],
                        product_id=record["product"].id,
                        production_region_id=record["region"].id,
                        production_address=record["address"],
                        annual_output=None,
                        label_text="",
                        route=record["route"],
                        approval_document=record["approval_document"],
                        approval_date=record["approval_date"],
                        status=record["status"],
                        created_by=self.user,
                        declared_at=declared_at,
                    )
                )
        Declaration.objects.bulk_create(declarations, batch_size=1000)
        self.created += len(declarations)


WRITERS: dict[ImportKind, type[Writer]] = {
    ImportKind.PRODUCTS: ProductWriter,
    ImportKind.ENTERPRISES: EnterpriseWriter,
    ImportKind.USERS: UserWriter,
}
