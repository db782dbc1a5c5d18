"""审计链锚点 on the public register: each day's head of the audit chain, for anyone to keep (ADR 0043)."""

import datetime

import pytest
from django.test import Client

from audit.anchors import anchor_text, publish_daily_anchor
from audit.models import AuditAnchor
from tests.audit.test_chain import record_events

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-12-07")]


def test_the_register_lists_each_days_anchor_to_anyone():
    page = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/audit-anchors/")
    assert page.status_code == 200
    assert "尚未公布锚点" in page.content.decode()

    record_events(2)
    publish_daily_anchor(datetime.date(2026, 12, 6))
    record_events(1)
    publish_daily_anchor(datetime.date(2026, 12, 7))
    html = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/audit-anchors/").content.decode()
    assert "审计链锚点" in html
    first, second = AuditAnchor.objects.order_by("day")
    assert html.index(anchor_text(second)) < html.index(anchor_text(first))  # newest first
    assert "2026-12-06" in html and "2026-12-07" in html
