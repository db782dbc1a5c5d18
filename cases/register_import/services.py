"""Check a register file (the dry run), then import it: the one door for both (ADR 0045).

A file is uploaded once and kept privately. The check reads it streamed, checks every row and
records what it found; nothing of the register is written. Only a file without errors may be
imported: it is read again and written in chunks of a batch, each committed with the import's
progress, so a page can show it and a worker that dies resumes where the last chunk ended (rows
already written are then found "already in the register"). One audit event records the import.
Importing the same file twice changes nothing (natural keys: the product's name, the credit code,
the enterprise with the product)."""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from organizations.models import Enterprise, Membership, Region, Role

from ..common.pinyin import pinyin_search_key
from ..models import Declaration, ProtectedProduct, RegisterImport, reserve_in_sequence
from ..uploads import REGISTER_FILE_TYPES, validate_upload
from . import notices
from .checks import CHECKERS, RowResult, batches
from .choices import RegisterImportAction
from .columns import ImportKind
from .reading import FileProblem, max_bytes, read_sheet
from .report import SHOWN_ERRORS, ErrorFile

IMPORTING_ROLES = (Role.STAFF, Role.LEAD)
# A job claimed longer ago than this, and still working, belonged to a worker that died.
STALE_AFTER = datetime.timedelta(minutes=10)


def import_prefixes(user) -> list[str]:
    """Where the person may import: 科技司 the whole country (""), a provincial bureau its
    province; nobody else."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return [""]
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("department__region")
    return import_prefixes_of(memberships)


def import_prefixes_of(memberships) -> list[str]:
    """The same from memberships already read (the staff menu has them)."""
    prefixes = set()
    for membership in memberships:
        department = membership.department
        if membership.role not in IMPORTING_ROLES:
            continue
        if department.code == "KJS":
            prefixes.add("")
        elif department.region is not None and department.region.level == Region.Level.PROVINCE:
            prefixes.add(department.region.prefix)
    return [""] if "" in prefixes else sorted(prefixes)


def may_import(user) -> bool:
    return bool(import_prefixes(user))


# ---------------------------------------------------------------- upload and request


def _digest(stream) -> tuple[str, int, int]:
    """SHA-256, size and the number of lines (about the rows of a CSV) of an uploaded file."""
    sha, size, lines = hashlib.sha256(), 0, 0
    stream.seek(0)
    while chunk := stream.read(1024 * 1024):
        sha.update(chunk)
        size += len(chunk)
        lines += chunk.count(b"\n")
    stream.seek(0)
    return sha.hexdigest(), size, lines


def register_import_upload(*, user, kind: ImportKind, uploaded_file) -> RegisterImport:
    """Keep the file and queue its check. ValidationError for a file refused before reading."""
    if not may_import(user):
        raise PermissionDenied
    name = Path(uploaded_file.name or "").name[-200:]
    # Size, extension and (for an XLSX) the content's signature, as for every upload.
    validate_upload(uploaded_file, allowed=REGISTER_FILE_TYPES, max_bytes=max_bytes())
    sha256, size, lines = _digest(uploaded_file)
    with transaction.atomic():
        register_import = RegisterImport(
            kind=kind.value,
            file_name=name,
            sha256=sha256,
            size=size,
            rows_expected=max(lines - 1, 0),
            created_by=user,
        )
        register_import.upload.save(name, File(uploaded_file), save=False)
        register_import.save()
    return register_import


def register_import_request(*, user, register_import: RegisterImport) -> RegisterImport:
    """Queue the import of a checked file without errors."""
    if import_prefixes(user) != import_prefixes(register_import.created_by):
        raise PermissionDenied
    with transaction.atomic():
        locked = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
        if locked.status != RegisterImport.Status.CHECKED:
            raise ValidationError(_("Only a file that was checked without errors can be imported."))
        locked.status = RegisterImport.Status.IMPORT_QUEUED
        locked.imported_by = user
        locked.rows_done = 0
        locked.claimed_at = None
        locked.save(update_fields=["status", "imported_by", "rows_done", "claimed_at"])
    return locked


# ---------------------------------------------------------------- the work


def run_register_imports(limit: int = 1) -> int:
    """The worker's job: check or import the next waiting file (or one a dead worker left)."""
    done = 0
    while done < limit:
        job = _claim()
        if job is None:
            break
        if job.status == RegisterImport.Status.CHECKING:
            check_register_import(job)
        else:
            import_register_import(job)
        done += 1
    return done


def register_import_run_now(job: RegisterImport) -> RegisterImport:
    """Do the waiting work of one file at once (the command line), unless a worker took it."""
    claimed = _claim(pk=job.pk)
    if claimed is None:
        return RegisterImport.objects.get(pk=job.pk)
    if claimed.status == RegisterImport.Status.CHECKING:
        return check_register_import(claimed)
    return import_register_import(claimed)


def _claim(pk: int | None = None) -> RegisterImport | None:
    now = timezone.now()
    with transaction.atomic():
        waiting = RegisterImport.objects.filter(status__in=RegisterImport.WAITING)
        stale = RegisterImport.objects.filter(status__in=RegisterImport.WORKING, claimed_at__lt=now - STALE_AFTER)
        jobs = waiting | stale
        if pk is not None:
            jobs = jobs.filter(pk=pk)
        job = jobs.select_for_update(skip_locked=True).order_by("created_at", "pk").first()
        if job is None:
            return None
        job.status = (
            RegisterImport.Status.CHECKING
            if job.status in (RegisterImport.Status.QUEUED, RegisterImport.Status.CHECKING)
            else RegisterImport.Status.IMPORTING
        )
        job.claimed_at = now
        job.save(update_fields=["status", "claimed_at"])
    return job


def _progress(job: RegisterImport, rows_done: int, **fields) -> None:
    """Seen by the page at once: its own small transaction (or the chunk's, during an import)."""
    job.rows_done = rows_done
    job.claimed_at = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["rows_done", "claimed_at", *fields])


def _results(job: RegisterImport):
    kind = ImportKind(job.kind)
    checker = CHECKERS[kind](import_prefixes(job.created_by))
    with job.upload.open("rb") as stream:
        sheet = read_sheet(kind, job.file_name, stream)
        for rows in batches(sheet.rows):
            yield checker.check(rows)


def check_register_import(job: RegisterImport) -> RegisterImport:
    """Every row checked, the findings kept on the job with a copy of the file with its errors."""
    kind = ImportKind(job.kind)
    counts = {"rows": 0, "to_create": 0, "unchanged": 0, "rows_with_errors": 0}
    errors: list[list] = []
    error_file = ErrorFile(kind)
    problem = ""
    try:
        for results in _results(job):
            for result in results:
                counts["rows"] += 1
                error_file.write(result)
                if result.errors:
                    counts["rows_with_errors"] += 1
                    errors.extend([result.row.number, column, message] for column, message in result.errors)
                elif result.unchanged:
                    counts["unchanged"] += 1
                else:
                    counts["to_create"] += 1
            _progress(job, counts["rows"])
    except FileProblem as error:
        problem = str(error)
    path = error_file.close()
    if problem:
        status = RegisterImport.Status.UNREADABLE
    elif counts["rows_with_errors"]:
        status = RegisterImport.Status.HAS_ERRORS
    else:
        status = RegisterImport.Status.CHECKED
    with transaction.atomic():
        for name, value in counts.items():
            setattr(job, name, value)
        job.errors = errors[:SHOWN_ERRORS]
        job.problem = problem
        job.status = status
        job.finished_at = timezone.now()
        if counts["rows_with_errors"]:
            with open(path, "rb") as handle:
                job.error_file.save(f"{Path(job.file_name).stem}-错误.csv", File(handle), save=False)
        job.save()
        notices.tell_uploader(job)
    Path(path).unlink(missing_ok=True)
    return job


def import_register_import(job: RegisterImport) -> RegisterImport:
    """Write a checked file, a committed chunk at a time; stop, and say so, if a row no longer passes."""
    actor = job.imported_by or job.created_by
    writer = WRITERS[ImportKind(job.kind)](actor)
    rows_done = 0
    try:
        for results in _results(job):
            failing = next((result for result in results if result.errors), None)
            if failing is not None:
                return _stop(job, failing, rows_done)
            with transaction.atomic():
                writer.write([result for result in results if result.record])
                rows_done += len(results)
                _progress(job, rows_done)
    except FileProblem as error:
        job.problem = str(error)
        return _stop(job, None, rows_done)
    with transaction.atomic():
        # Counted by the writes of this run and any run before it that a dead worker left.
        job.created = job.to_create
        job.enterprises_created = writer.enterprises_created
        job.status = RegisterImport.Status.IMPORTED
        job.finished_at = timezone.now()
        job.save()
        audit_record(
            actor=actor,
            action=RegisterImportAction.IMPORT,
            target=job,
            data={
                "kind": job.kind,
                "file": job.file_name,
                "sha256": job.sha256,
                "rows": job.rows,
                "created": job.to_create,
                "unchanged": job.unchanged,
            },
        )
        notices.tell_uploader(job)
    return job


def _stop(job: RegisterImport, failing: RowResult | None, rows_done: int) -> RegisterImport:
    with transaction.atomic():
        if failing is not None:
            job.errors = [[failing.row.number, column, message] for column, message in failing.errors]
            job.problem = _(
                "Row %(row)d no longer passes the check (the register changed since): the rows before it are "
                "imported, the rest is not. Check the file again."
            ) % {"row": failing.row.number}
        job.status = RegisterImport.Status.STOPPED
        job.rows_done = rows_done
        job.finished_at = timezone.now()
        job.save()
        notices.tell_uploader(job)
    return job


# ---------------------------------------------------------------- writers


class Writer:
    def __init__(self, user) -> None:
        self.user = user
        self.enterprises_created = 0

    def write(self, results: list[RowResult]) -> None:
        raise NotImplementedError


class ProductWriter(Writer):
    def write(self, results: list[RowResult]) -> None:
        records = [result.record or {} for result in results]
        provinces = dict(
            Region.objects.filter(code__in={record["province_code"] for record in records}).values_list("code", "id")
        )
        products = []
        for record in records:
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
            for product, record in zip(created, records, strict=True)
            for ref in record["area"]
        )


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
        self._enterprises([result.record or {} for result in results])


class UserWriter(EnterpriseWriter):
    def write(self, results: list[RowResult]) -> None:
        records = [result.record or {} for result in results]
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


WRITERS: dict[ImportKind, Callable[..., Writer]] = {
    ImportKind.PRODUCTS: ProductWriter,
    ImportKind.ENTERPRISES: EnterpriseWriter,
    ImportKind.USERS: UserWriter,
}
