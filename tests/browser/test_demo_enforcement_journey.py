"""In Chromium, on the demo's own data: the README's enforcement journey, literally.

The demo is seeded into the live server's database; then each person the README names logs in,
in the README's order, and does their step by clicking what the page shows (links, buttons,
visible fields and the labels of styled radios and checkboxes), until the complaint about 西湖龙井
is 已归档. The steps are tests/browser/walks.py's; each task is opened from the case's page, which
must name the person among those who act next. Screenshots of the key pages go to test-results/.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import EnforcementCase
from demo.personas import STAFF
from tests.browser.walks import Walker, readme_logins, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

CASES = "/enforcement/"  # the bureau's list of enforcement cases
FULL_NAME_OF = {persona.username: persona.full_name for persona in STAFF}


class EnforcementWalk:
    """The walker on one case: each task is taken from the case's page, each form submitted with
    a screenshot of it first, and the case's state read back once the page has moved on."""

    def __init__(self, walker: Walker, case_number: str):
        self.walker, self.number = walker, case_number

    def open_task(self, title: str) -> None:
        self.walker.take_task_on_case(CASES, self.number, zh(title))

    def case_page(self) -> None:
        self.walker.open_case_page(CASES, self.number)

    def execute(self, shot: str) -> None:
        self.walker.shot(f"enforcement-{shot}")
        self.walker.submit_accepted()

    def status(self) -> str:
        # The server shares the test's database: read only after the page has moved on.
        return EnforcementCase.objects.get(number=self.number).status


def test_the_readme_enforcement_journey_in_the_browser(page: Page, live_server):
    seed_demo()
    case = EnforcementCase.objects.get()
    assert "西湖龙井" in case.summary and case.status == EnforcementCase.Status.VERIFYING
    walker = Walker(page, live_server.url)
    walk = EnforcementWalk(walker, case.number)
    today = timezone.localdate().isoformat()

    # 1. 核查线索
    walker.sign_in("xh_county_staff")
    walk.open_task("Verify the clue")
    walker.fill("findings", "现场核实：该店在售茶叶标称“西湖龙井”，进货单据显示产自外省。")
    walker.check("proposal", "file")
    walk.execute("verify")
    assert walk.status() == EnforcementCase.Status.FILING_DECISION

    # 2. 决定是否立案, with 杨帆 and 徐明 as the officers
    walker.sign_in("xh_county_lead")
    walk.open_task("Decide on filing")
    walker.check("decision", "file")
    for username in ("xh_county_staff", "xh_county_inspector"):
        walker.page.get_by_label(FULL_NAME_OF[username]).check()
        walker.clicks += 1
    walker.fill("reason", "涉嫌擅自使用地理标志产品名称，符合立案条件。")
    walk.execute("filing")
    assert walk.status() == EnforcementCase.Status.INVESTIGATING

    # 3. evidence on the case page, then 调查取证并提交报告
    walker.sign_in("xh_county_staff")
    walk.case_page()
    form = walker.page.locator("form.evidence-form")
    form.locator("select[name=kind]").select_option("document")
    form.locator("textarea[name=description]").fill("进货单据，显示茶叶购自外省")
    form.locator("select[name=second_officer]").select_option(label=FULL_NAME_OF["xh_county_inspector"])
    walker.clicks += 2  # the two choices
    walker.click(form.get_by_role("button", name=zh("Add evidence")))
    expect(walker.page.get_by_role("cell", name="进货单据，显示茶叶购自外省").first).to_be_visible()
    walker.shot("enforcement-evidence")
    walk.open_task("Investigate and report")
    walker.check("action", "report")
    walker.fill("report", "当事人销售的茶叶产自保护地域以外，擅自使用西湖龙井名称。")
    walker.select("proposed_outcome", "penalty")
    walker.fill("proposed_fine", "20000")
    walk.execute("investigate")
    assert walk.status() == EnforcementCase.Status.REVIEW

    # 4. 案件审核 by someone who did not investigate
    walker.sign_in("xh_county_reviewer")
    walk.open_task("Review the case")
    walker.check("approve", "yes")
    walker.fill("opinion", "事实清楚，证据确凿，处罚适当。")
    walk.execute("review")
    assert walk.status() == EnforcementCase.Status.LEAD_APPROVAL

    # 5. 审批处理意见
    walker.sign_in("xh_county_lead")
    walk.open_task("Approve the proposed decision")
    walker.check("approve", "yes")
    walk.execute("approve")
    assert walk.status() == EnforcementCase.Status.NOTICE

    # 6. 送达行政处罚告知书, 登记陈述申辩 (a defence with a request for a hearing)
    walker.sign_in("xh_county_staff")
    walk.open_task("Serve the notice of proposed penalty")
    walker.fill("served_on", today)
    walker.select("method", "direct")
    walk.execute("serve-notice")
    assert walk.status() == EnforcementCase.Status.DEFENCE
    walk.open_task("Record the defence or hearing request")
    walker.fill("defence", "当事人称不知产地要求，请求从轻处罚，并要求举行听证。")
    walker.check("hearing_requested")
    # Three weeks ahead: past the 5-working-day defence window whatever holidays fall in it.
    hearing_at = timezone.localtime() + datetime.timedelta(days=21)
    walker.fill("hearing_at", hearing_at.strftime("%Y-%m-%dT10:00"))
    walker.fill("hearing_place", "西湖区市场监督管理局听证室")
    walk.execute("defence")
    assert walk.status() == EnforcementCase.Status.HEARING

    # 7. 举行听证, once its day has come: the clock moves to the morning after (the server runs in
    # this process, so it sees the same clock; the browser's cookies outlive the jump).
    with time_machine.travel(hearing_at + datetime.timedelta(days=1), tick=True):
        after_the_hearing(walker, walk)

    assert walker.login_order() == readme_logins("Enforcement, from clue to archive")
    print(f"enforcement walk: {walker.figures()}")


def after_the_hearing(walker: Walker, walk: EnforcementWalk) -> None:
    """Steps 7 to 11, on the day after the hearing's."""
    today = timezone.localdate().isoformat()
    walker.sign_in("xh_county_reviewer")
    walk.open_task("Hold the hearing")
    walker.fill("record", "当事人到场陈述：进货时不知产地要求。执法人员出示进货单据，当事人无异议。")
    walk.execute("hearing")
    assert walk.status() == EnforcementCase.Status.RECHECK

    # 8. 陈述申辩复核
    walker.sign_in("xh_county_inspector")
    walk.open_task("Re-check after the defence")
    walker.fill("opinion", "申辩理由不足以免除处罚，维持原处罚意见。")
    walk.execute("recheck")
    assert walk.status() == EnforcementCase.Status.DECISION

    # 9. 作出处理决定
    walker.sign_in("xh_county_lead")
    walk.open_task("Decide the case")
    walker.select("outcome", "penalty")
    walker.fill("fine", "20000")
    walker.fill("grounds", "当事人擅自使用地理标志产品名称，依据《地理标志产品保护办法》处以罚款。")
    walk.execute("decide")
    assert walk.status() == EnforcementCase.Status.SERVICE

    # 10. 送达决定书, 登记执行情况, 结案
    walker.sign_in("xh_county_staff")
    walk.open_task("Serve the decision")
    walker.fill("served_on", today)
    walker.select("method", "direct")
    walk.execute("serve-decision")
    assert walk.status() == EnforcementCase.Status.EXECUTION
    walk.open_task("Record the execution")
    walker.fill("paid_on", today)
    walker.fill("amount_paid", "20000")
    walk.execute("execution")
    assert walk.status() == EnforcementCase.Status.CLOSURE
    walk.open_task("Close the case")
    walker.fill("summary", "罚款已按期缴清，案件办结。")
    walk.execute("close")
    assert walk.status() == EnforcementCase.Status.CLOSED

    # 11. 立卷归档
    walker.sign_in("xh_county_reviewer")
    walk.open_task("Archive the file")
    walker.check("confirm")
    walk.execute("archive")
    assert walk.status() == EnforcementCase.Status.ARCHIVED
    walk.case_page()
    expect(walker.page.get_by_text(zh("archived")).first).to_be_visible()
    walker.shot("enforcement-archived")
