"""In Chromium, at 1366×900: the lead opens an enforcement case walked from the clue to its archive
and reads its history as sentences: time, body and person, what was done, where it led, the opinion."""

import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from audit.actions import registered_actions
from cases.enforcement.services import case_add_evidence
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.enforcement import hangzhou_bureau, received_case
from tests.workflows.test_enforcement_flow import Walk, days_ago

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

SHOTS = Path(os.environ.get("TERROIR_SCREENSHOTS", "test-results"))


def walked_case():
    bureau = hangzhou_bureau(inspector_count=2)
    names = {bureau.lead: "朱红", bureau.inspectors[0]: "杨帆", bureau.inspectors[1]: "徐明", bureau.reviewer: "吕娜"}
    for user, name in names.items():
        User.objects.filter(pk=user.pk).update(full_name=name)
    case = received_case(actor=None, summary="举报：某茶叶店销售标称“西湖龙井”的茶叶，疑似产自保护范围以外。")
    walk = Walk(Client(), case)
    inspector, partner = bureau.inspectors
    walk.step(
        inspector,
        "verifying",
        "verify",
        {"findings": "现场核实属实，店内有标称西湖龙井的茶叶42盒。", "proposal": "file"},
    )
    officers = [inspector.pk, partner.pk]
    walk.step(
        bureau.lead,
        "filing_decision",
        "decide_filing",
        {"decision": "file", "officers": officers, "reason": "涉嫌擅自使用专用标志，符合立案条件。"},
    )
    case_add_evidence(
        actor=inspector, case=walk.refresh(), kind="document", description="进货单据", second_officer=partner
    )
    report = {
        "action": "report",
        "report": "当事人擅自使用专用标志，违法所得较少。",
        "proposed_outcome": "penalty",
        "proposed_fine": "20000",
    }
    walk.step(inspector, "investigating", "investigate", report)
    walk.step(bureau.reviewer, "review", "review", {"approve": "yes", "opinion": "事实清楚，证据确凿。"})
    walk.step(bureau.lead, "lead_approval", "approve", {"approve": "yes", "comment": "同意。"})
    walk.step(partner, "notice", "serve_notice", {"served_on": days_ago(21), "method": "direct"})
    return bureau, walk.refresh()


def test_the_lead_reads_the_case_history_in_sentences(page: Page, live_server):
    bureau, case = walked_case()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, bureau.lead.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/enforcement/{case.pk}/")

    history = page.locator("#history")
    expect(history.get_by_role("heading", name=zh("History"))).to_be_visible()
    # "核查线索 →": the step's outcome, not its taking (领取任务：核查线索), which the history tells too.
    verified = history.locator("li").filter(has_text="核查线索 →")
    expect(verified).to_contain_text("杭州市市场监督管理局 杨帆 核查线索 → 待决定是否立案：现场核实属实")
    expect(history.locator("li").filter(has_text="决定立案 →")).to_contain_text(
        "朱红 决定立案 → 调查中（重大案件：否）：涉嫌"
    )
    expect(history.locator("li").filter(has_text="送达行政处罚告知书 →")).to_contain_text("（直接送达，")
    expect(history.locator("li").first).to_contain_text(f"{timezone.localdate():%Y-%m-%d} ")
    expect(history.locator("li").first).to_contain_text("系统 接收线索 → 线索核查中：举报")

    text = history.inner_text()
    assert [code for code in registered_actions() if code in text] == []
    assert not re.search(r"\b(True|False|direct|verifying|filing_decision)\b", text)
    history.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "history-in-words-1366.png"), full_page=True)
    history.screenshot(path=str(SHOTS / "history-in-words-section.png"))
