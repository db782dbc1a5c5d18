from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Restore a backup made by backup_database into the (empty) configured database and verify its audit trail."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A file written by backup_database.")
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database that is not empty (its data is lost)."
        )

    def handle(self, *args, source, replace=False, **options):
        try:
            result = restore_database(source, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not result.audit.ok:
            raise CommandError(
                f"Restored, but the audit trail is broken at {result.audit.problem} "
                f"({result.audit.checked} events verified before it): do not use this backup."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {result.vendor} database from {source}; "
                f"audit trail intact: {result.audit.checked} events verified."
            )
        )
