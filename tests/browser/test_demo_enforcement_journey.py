"""In Chromium, on the demo's own data: the README's enforcement journey, literally.

The demo is seeded into the live server's database; then each person the README names logs in,
in the README's order, and does their step by clicking what the page shows (links, buttons,
visible fields and the labels of styled radios and checkboxes), until the complaint about 西湖龙井
is 已归档. Screenshots of the key pages go to /tmp/h5/.
"""

import datetime
import re
import tempfile
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import EnforcementCase
from demo.personas import DEMO_PASSWORD, STAFF
from tests.browser.test_declaration_journey import zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

README = Path(__file__).resolve().parents[2] / "README.md"
SHOTS = Path(tempfile.gettempdir()) / "h5"  # screenshots to look at
LOGIN_OF = {persona.full_name: persona.username for persona in STAFF}
FULL_NAME_OF = {persona.username: persona.full_name for persona in STAFF}


def readme_enforcement_logins() -> list[str]:
    """The login at the head of each numbered step of the README's enforcement journey."""
    text = README.read_text(encoding="utf-8")
    section = text.split("**Enforcement, from clue to archive**", 1)[1].split("\n\n**", 1)[0]
    return re.findall(r"^\d+\. `([a-z0-9_]+)`", section, flags=re.MULTILINE)


@dataclass
class Browser:
    page: Page
    base_url: str
    case_number: str
    user: str = ""
    shots: int = 0
    # Figures for the closing note: tasks done, changes of login, clicks.
    steps: int = 0
    logins: int = 0
    clicks: int = 0

    def log_in(self, username: str) -> None:
        page = self.page
        page.context.clear_cookies()
        page.goto(f"{self.base_url}/accounts/login/")
        page.get_by_label(zh("Username")).fill(username)
        page.get_by_label(zh("Password")).fill(DEMO_PASSWORD)
        page.locator("form:not(.language-switcher)").get_by_role("button", name=zh("Log in")).click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        self.user = username
        self.logins += 1
        self.clicks += 1

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        self.page.screenshot(path=str(SHOTS / f"enforcement-{self.shots:02d}-{name}.png"), full_page=True)

    def case_page(self) -> None:
        self.page.goto(f"{self.base_url}/enforcement/")
        self.page.get_by_role("link", name=self.case_number).first.click()
        expect(self.page.get_by_role("heading", name=re.compile(re.escape(self.case_number)))).to_be_visible()

    def next_step_logins(self) -> set[str]:
        """Who the case page says acts next, as logins."""
        panel = self.page.locator("section.next-step")
        expect(panel).to_be_visible()
        # Each person is listed as "full name · department".
        names = [text.split(" · ")[0].strip() for text in panel.locator("ul.next-step-handlers li").all_inner_texts()]
        assert names and all(name in LOGIN_OF for name in names), names
        return {LOGIN_OF[name] for name in names}

    def open_task(self, title: str) -> None:
        """From the case page to its open task: take it (领取) and open its form."""
        self.case_page()
        offered = self.next_step_logins()
        assert self.user in offered, (title, self.user, offered)
        self.steps += 1
        self.page.get_by_role("link", name=zh(title)).first.click()
        self.clicks += 2  # the case in the list, the task on the case page
        take = self.page.get_by_role("button", name=zh("Assign"))
        if take.count():
            take.first.click()
            self.clicks += 1
        self.page.wait_for_url("**/execute/**")

    def choose(self, name: str, value: str) -> None:
        """A radio or checkbox: click its visible label (the input itself is styled away)."""
        box = self.page.locator(f"input[name={name}][value='{value}']")
        label = self.page.locator(f"label[for='{box.get_attribute('id')}']")
        (label if label.count() and label.first.is_visible() else box).first.click()
        self.clicks += 1
        expect(box).to_be_checked()

    def tick(self, name: str) -> None:
        box = self.page.locator(f"input[name={name}][type=checkbox]")
        label = self.page.locator(f"label[for='{box.get_attribute('id')}']")
        (label if label.count() and label.first.is_visible() else box).first.click()
        self.clicks += 1
        expect(box).to_be_checked()

    def select(self, name: str, value: str) -> None:
        """viewflow's Material select: open it, click the option."""
        field = self.page.locator(f"vf-field-select[name={name}]")
        if field.count():
            field.locator(".mdc-select__anchor").click()
            field.locator(f"li[data-value='{value}']").click()
            self.clicks += 2
        else:
            self.page.locator(f"select[name={name}]").select_option(value)

    def fill(self, name: str, value: str) -> None:
        field = self.page.locator(f"[name={name}]:is(input, textarea)")
        expect(field).to_be_visible()
        field.fill(value)

    def execute(self, shot: str) -> None:
        self.shot(shot)
        self.page.get_by_role("button", name=zh("Execute"), exact=True).click()
        self.clicks += 1
        self.page.wait_for_url(lambda url: "/execute/" not in url)
        error = self.page.locator(".errorlist, .mdc-text-field-helper-text--validation-msg, .alert-danger")
        assert not error.count() or not error.first.is_visible(), error.first.inner_text()

    def status(self) -> str:
        # The server shares the test's database: read only after the page has moved on.
        return EnforcementCase.objects.get(number=self.case_number).status


def test_the_readme_enforcement_journey_in_the_browser(page: Page, live_server):
    call_command("seed_demo", stdout=StringIO())
    case = EnforcementCase.objects.get()
    assert "西湖龙井" in case.summary and case.status == "verifying"
    walk = Browser(page, live_server.url, case.number)
    today = timezone.localdate().isoformat()
    acted = []

    def as_(username: str) -> None:
        if not acted or acted[-1] != username:
            walk.log_in(username)
        acted.append(username)

    # 1. 核查线索
    as_("xh_county_staff")
    walk.open_task("Verify the clue")
    walk.fill("findings", "现场核实：该店在售茶叶标称“西湖龙井”，进货单据显示产自外省。")
    walk.choose("proposal", "file")
    walk.execute("verify")
    assert walk.status() == "filing_decision"

    # 2. 决定是否立案, with 杨帆 and 徐明 as the officers
    as_("xh_county_lead")
    walk.open_task("Decide on filing")
    walk.choose("decision", "file")
    for username in ("xh_county_staff", "xh_county_inspector"):
        walk.page.get_by_label(FULL_NAME_OF[username]).check()
        walk.clicks += 1
    walk.fill("reason", "涉嫌擅自使用地理标志产品名称，符合立案条件。")
    walk.execute("filing")
    assert walk.status() == "investigating"

    # 3. evidence on the case page, then 调查取证并提交报告
    as_("xh_county_staff")
    walk.case_page()
    form = walk.page.locator("form.evidence-form")
    form.locator("select[name=kind]").select_option("document")
    form.locator("textarea[name=description]").fill("进货单据，显示茶叶购自外省")
    form.locator("select[name=second_officer]").select_option(label=FULL_NAME_OF["xh_county_inspector"])
    form.get_by_role("button", name=zh("Add evidence")).click()
    walk.clicks += 3  # two choices and the button
    expect(walk.page.get_by_role("cell", name="进货单据，显示茶叶购自外省").first).to_be_visible()
    walk.shot("evidence")
    walk.open_task("Investigate and report")
    walk.choose("action", "report")
    walk.fill("report", "当事人销售的茶叶产自保护地域以外，擅自使用西湖龙井名称。")
    walk.select("proposed_outcome", "penalty")
    walk.fill("proposed_fine", "20000")
    walk.execute("investigate")
    assert walk.status() == "review"

    # 4. 案件审核 by someone who did not investigate
    as_("xh_county_reviewer")
    walk.open_task("Review the case")
    walk.choose("approve", "yes")
    walk.fill("opinion", "事实清楚，证据确凿，处罚适当。")
    walk.execute("review")
    assert walk.status() == "lead_approval"

    # 5. 审批处理意见
    as_("xh_county_lead")
    walk.open_task("Approve the proposed decision")
    walk.choose("approve", "yes")
    walk.execute("approve")
    assert walk.status() == "notice"

    # 6. 送达行政处罚告知书, 登记陈述申辩 (a defence, no hearing)
    as_("xh_county_staff")
    walk.open_task("Serve the notice of proposed penalty")
    walk.fill("served_on", today)
    walk.select("method", "direct")
    walk.execute("serve-notice")
    assert walk.status() == "defence"
    walk.open_task("Record the defence or hearing request")
    walk.fill("defence", "当事人称不知产地要求，请求从轻处罚，并要求举行听证。")
    walk.tick("hearing_requested")
    # Three weeks ahead: past the 5-working-day defence window whatever holidays fall in it.
    hearing_at = timezone.localtime() + datetime.timedelta(days=21)
    walk.fill("hearing_at", hearing_at.strftime("%Y-%m-%dT10:00"))
    walk.fill("hearing_place", "西湖区市场监督管理局听证室")
    walk.execute("defence")
    assert walk.status() == "hearing"

    # 7. 举行听证, once its day has come: the clock moves to the morning after (the server runs in
    # this process, so it sees the same clock; the browser's cookies outlive the jump).
    with time_machine.travel(hearing_at + datetime.timedelta(days=1), tick=True):
        after_the_hearing(walk, as_)

    logins_in_order = [login for i, login in enumerate(acted) if i == 0 or acted[i - 1] != login]
    assert logins_in_order == readme_enforcement_logins()
    print(f"enforcement walk: {walk.steps} steps, {walk.logins} logins, {walk.clicks} clicks")


def after_the_hearing(walk, as_) -> None:
    """Steps 7 to 11, on the day after the hearing's."""
    today = timezone.localdate().isoformat()
    as_("xh_county_reviewer")
    walk.open_task("Hold the hearing")
    walk.fill("record", "当事人到场陈述：进货时不知产地要求。执法人员出示进货单据，当事人无异议。")
    walk.execute("hearing")
    assert walk.status() == "recheck"

    # 8. 陈述申辩复核
    as_("xh_county_inspector")
    walk.open_task("Re-check after the defence")
    walk.fill("opinion", "申辩理由不足以免除处罚，维持原处罚意见。")
    walk.execute("recheck")
    assert walk.status() == "decision"

    # 9. 作出处理决定
    as_("xh_county_lead")
    walk.open_task("Decide the case")
    walk.select("outcome", "penalty")
    walk.fill("fine", "20000")
    walk.fill("grounds", "当事人擅自使用地理标志产品名称，依据《地理标志产品保护办法》处以罚款。")
    walk.execute("decide")
    assert walk.status() == "service"

    # 10. 送达决定书, 登记执行情况, 结案
    as_("xh_county_staff")
    walk.open_task("Serve the decision")
    walk.fill("served_on", today)
    walk.select("method", "direct")
    walk.execute("serve-decision")
    assert walk.status() == "execution"
    walk.open_task("Record the execution")
    walk.fill("paid_on", today)
    walk.fill("amount_paid", "20000")
    walk.execute("execution")
    assert walk.status() == "closure"
    walk.open_task("Close the case")
    walk.fill("summary", "罚款已按期缴清，案件办结。")
    walk.execute("close")
    assert walk.status() == "closed"

    # 11. 立卷归档
    as_("xh_county_reviewer")
    walk.open_task("Archive the file")
    walk.tick("confirm")
    walk.execute("archive")
    assert walk.status() == "archived"
    walk.case_page()
    expect(walk.page.get_by_text(zh("archived")).first).to_be_visible()
    walk.shot("archived")
