"""manage.py login_unlock NAME…: lift the lock that repeated failed logins put on accounts."""

from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import User


class Command(BaseCommand):
    help = "Unlock the login of accounts locked after repeated failed passwords (docs/adr/0040)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="+")

    def handle(self, *args, **options):
        for username in options["username"]:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No account is named {username!r}.")
            # The system acts (actor None): a command is run by whoever holds the server.
            if services.login_unlock(actor=None, user=user):
                self.stdout.write(f"{username}: unlocked.")
            else:
                self.stdout.write(f"{username}: was not locked.")
