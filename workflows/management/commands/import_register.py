"""manage.py import_register FILE --kind users --user USERNAME [--dry-run] [--errors-to PATH]

The same check and import as the page (and the same record of it), done at once for a file on
the server. Prints the report: the counts and each error as row, column and message."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from workflows.register_import.actions import (
    ImportKind,
    register_import_request,
    register_import_run_now,
    register_import_upload,
)


class Command(BaseCommand):
    help = "Check, then import, a register file of products, enterprises or authorised users (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=[kind.value for kind in ImportKind])
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
        parser.add_argument("--user", required=True, help="the username the import is recorded under")
        parser.add_argument("--errors-to", help="write the file back with an error column to this path")
        parser.add_argument("--language", default="zh-hans", choices=["zh-hans", "en"])

    def handle(self, *args, **options):
        translation.activate(options["language"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": path})
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist:
            raise CommandError(_("%(name)s: no such user") % {"name": options["user"]}) from None
        try:
            with path.open("rb") as stream:
                job = register_import_upload(
                    user=user, kind=ImportKind(options["kind"]), uploaded_file=File(stream, path.name)
                )
        except PermissionDenied:
            raise CommandError(_("%(name)s may not import a register.") % {"name": user.username}) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        job = register_import_run_now(job)
        self._report(job)
        if options["errors_to"] and job.error_file:
            with job.error_file.open("rb") as source:
                Path(options["errors_to"]).write_bytes(source.read())
        if options["dry_run"]:
            return
        if job.status != job.Status.CHECKED:
            raise CommandError(_("Nothing was imported: the file has errors."))
        job = register_import_run_now(register_import_request(user=user, register_import=job))
        if job.status != job.Status.IMPORTED:
            raise CommandError(job.problem)
        self.stdout.write(
            _("Imported: %(created)d new, %(unchanged)d already in the register (SHA-256 %(sha)s).")
            % {"created": job.created, "unchanged": job.unchanged, "sha": job.sha256}
        )

    def _report(self, job) -> None:
        if job.problem:
            self.stdout.write(_("The file cannot be read: %(problem)s") % {"problem": job.problem})
            return
        self.stdout.write(
            _("%(rows)d rows: %(new)d new, %(unchanged)d already in the register, %(errors)d with errors.")
            % {"rows": job.rows, "new": job.to_create, "unchanged": job.unchanged, "errors": job.rows_with_errors}
        )
        for row, column, message in job.errors:
            self.stdout.write(
                _("Row %(row)s · %(column)s: %(message)s") % {"row": row, "column": column, "message": message}
            )
        if job.rows_with_errors and len(job.errors) < job.rows_with_errors:
            self.stdout.write(_("… and more: the error file lists every row."))
