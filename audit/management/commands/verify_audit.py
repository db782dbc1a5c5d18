from django.core.management.base import BaseCommand, CommandError

from audit.verification import verify_audit_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exit non-zero naming the first bad event."

    def handle(self, *args, **options):
        report = verify_audit_chain()
        if not report.ok:
            raise CommandError(f"Audit trail broken at {report.problem} ({report.checked} events verified before it).")
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.checked} events verified."))
