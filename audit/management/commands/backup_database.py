from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backups import BackupError, backup_database


class Command(BaseCommand):
    help = "Write a consistent backup of the database (SQLite file copy or pg_dump custom format) to a new file."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="The backup file to create (never overwritten).")

    def handle(self, *args, output, **options):
        try:
            vendor = backup_database(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup of the {vendor} database written to {output}."))
