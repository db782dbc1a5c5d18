from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.anchors import BadAnchor, parse_anchor, published_anchors
from audit.verification import verify_audit_chain


class Command(BaseCommand):
    help = (
        "Verify the audit trail: each event's HMAC, the chain, and the published anchors (the anchor "
        "file, the anchors table, and any --anchor read off a printed statistics form); exit non-zero "
        "naming the first bad event."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="S12:KEY:HASH",
            help="an anchor as printed on an issued statistics form (repeatable)",
        )
        parser.add_argument(
            "--anchor-file",
            type=Path,
            default=None,
            help="a copy of the anchor file to check against (default: AUDIT_ANCHOR_FILE)",
        )

    def handle(self, *args, anchor, anchor_file, **options):
        try:
            given = [parse_anchor(text, f"--anchor {text}") for text in anchor]
            anchors = published_anchors(path=anchor_file, extra=given)
        except BadAnchor as exc:
            raise CommandError(str(exc)) from exc
        report = verify_audit_chain(anchors=anchors)
        if not report.ok:
            raise CommandError(f"Audit trail broken at {report.problem} ({report.checked} events verified before it).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} events verified ({report.unsealed} not sealed yet), "
                f"{report.anchors} published anchors matched."
            )
        )
