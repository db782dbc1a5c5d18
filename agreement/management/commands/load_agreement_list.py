"""python manage.py load_agreement_list FILE: enter the names of an agreement list (CSV)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agreement.actions import load_list


class Command(BaseCommand):
    help = "Load an EU–China agreement list (CSV, UTF-8 or GB18030); nothing is entered if a row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            created = load_list(actor=None, data=data)
        except ValidationError as error:
            raise CommandError("\n".join([f"{file}: nothing was loaded.", *error.messages])) from None
        self.stdout.write(f"{len(created)} names entered from {file}.")
