"""Every issued statistics form prints the audit trail's latest anchor (ADR 0043): a copy of its
latest seal on paper (ADR 0059), which `verify_audit --anchor` checks the trail against."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from audit.anchors import anchor_text, publish_daily_anchor
from audit.models import AuditAnchor
from documents.models import Document
from reports.actions import submit_report
from reports.services import report_lead_decide, report_update
from tests.audit.test_chain import _sql
from tests.audit.test_seals import rewrite_with_the_key

from .conftest import ANSWERS
from .test_statistics_form import _pdf_text, _squeeze

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def test_the_issued_form_prints_the_anchor_and_verify_checks_it(province, tmp_path):
    report_update(actor=province.officer, report=province.report, answers=ANSWERS)
    report = submit_report(actor=province.officer, report=province.report)
    assert publish_daily_anchor(datetime.date(2026, 6, 15)) == 1
    anchor = AuditAnchor.objects.get()
    report_lead_decide(actor=province.lead, report=report, approve=True)

    document = Document.objects.get(kind="statistics.form", target_id=report.pk)
    text = _squeeze(_pdf_text(document.file.read(), tmp_path))
    assert "审计链锚点" in text
    printed = anchor_text(anchor)
    assert printed in text

    # Read off the paper, the anchor alone catches a rewrite of what came before it.
    (tmp_path / "media" / "audit" / "anchors.jsonl").unlink()
    _sql(f"DELETE FROM {AuditAnchor._meta.db_table}")
    call_command("verify_audit", "--anchor", printed)
    rewrite_with_the_key()  # every HMAC and seal recomputed with the key: only the paper tells
    call_command("verify_audit")
    with pytest.raises(CommandError, match="does not match the anchor"):
        call_command("verify_audit", "--anchor", printed)
