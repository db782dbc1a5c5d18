"""manage.py load_aid_designations FILE.csv: the aid-region designations of a file, all or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rural.actions import designations_load
from rural.loader import COLUMNS, read_designations


class Command(BaseCommand):
    help = f"Load aid-region designations from a CSV file with the columns {','.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check the file only.")

    def handle(self, *args, path: str, dry_run: bool = False, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from None
        loaded = read_designations(data)
        if loaded.errors:
            raise CommandError("\n".join([_("Nothing was loaded."), *loaded.errors]))
        if dry_run:
            self.stdout.write(_("%(count)d designations checked.") % {"count": len(loaded.designations)})
            return
        designations_load(actor=None, designations=loaded.designations)
        self.stdout.write(_("%(count)d designations loaded.") % {"count": len(loaded.designations)})
