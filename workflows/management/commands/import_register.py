"""manage.py import_register FILE --kind users [--dry-run] --user USERNAME

The same check and import as the page, for a file on the server. Prints the report: the counts
and each error as row, column and message."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from workflows.register_import.actions import ImportKind, Report, Upload, check_register_file, import_register_file


class Command(BaseCommand):
    help = "Check, then import, a register file of products, enterprises or authorised users (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=[kind.value for kind in ImportKind])
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
        parser.add_argument("--user", required=True, help="the username the import is recorded under")
        parser.add_argument("--errors-to", help="write the file back with an error column to this path")

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"{options['user']}: no such user") from None
        kind = ImportKind(options["kind"])
        with path.open("rb") as stream:
            upload = Upload(path.name, stream)
            try:
                if options["dry_run"] or options["errors_to"]:
                    report = check_register_file(kind, upload, user, with_error_file=bool(options["errors_to"]))
                    if options["errors_to"]:
                        Path(report.error_file).replace(options["errors_to"])
                    self._print(report)
                    if options["dry_run"]:
                        return
                report, done = import_register_file(kind, upload, user)
            except PermissionDenied:
                raise CommandError(
                    f"{user.username} may not import a register: 科技司, or a provincial bureau's staff"
                ) from None
        if done is None:
            self._print(report)
            raise CommandError("导入未执行：文件有错误，未写入任何内容。")
        self.stdout.write(f"已导入：新增 {done.created} 条，已在名录中 {done.unchanged} 条（SHA-256 {done.sha256}）。")

    def _print(self, report: Report) -> None:
        if report.problem:
            self.stdout.write(f"文件无法读取：{report.problem}")
            return
        self.stdout.write(
            f"共 {report.rows} 行：可新增 {report.to_create}，已在名录中 {report.unchanged}，"
            f"有错误 {report.rows_with_errors}。"
        )
        for error in report.errors:
            self.stdout.write(f"第 {error.row} 行 · {error.column}：{error.message}")
        if report.rows_with_errors > len(report.errors):
            self.stdout.write(f"……另有错误未列出，共 {report.rows_with_errors} 行有错误。")
