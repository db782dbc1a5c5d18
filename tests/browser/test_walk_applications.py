"""In Chromium, on the demo's own data: a protection application under each regime from the demo's
start to the register, and a product's revocation, as the README's "What to try" tells them.

Each step is found on the pages: the person opens the case from the staff menu, reads who acts
next in the case page's panel (it must name the login the README gives), and that person takes the
task from their own list. Expert opinions are given from the staff menu's "my technical reviews". The
objection window is two calendar months: the clock is moved past it with time-machine and the
worker's timer job is run once, as `run_worker` does every 30 seconds, so the timer task moves the
application on the day after the window closes, exactly as in production (no row is edited).
"""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Application, ProtectedProduct
from tests.browser.walks import LOGIN_OF, Walker, seed_demo, zh
from workflows.jobs import job_named

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_journey(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"**{heading}**", 1)[1].split("\n\n**", 1)[0]


def readme_logins(heading: str) -> list[str]:
    """Every login the README's journey names, in the order it names them."""
    return re.findall(r"`([a-z][a-z0-9_]+)`", readme_journey(heading))


def acted_in_order(acted: list[str]) -> list[str]:
    return [login for i, login in enumerate(acted) if i == 0 or acted[i - 1] != login]


class ApplicationWalk:
    """One application's walk: the case page says who acts next; that person does it."""

    def __init__(self, walker: Walker, reference: str, product: str):
        self.walker, self.reference, self.product = walker, reference, product
        self.acted: list[str] = []
        self.experts: set[str] = set()  # convened: their case page is their review's page

    def case_page(self, *, as_expert: bool = False) -> None:
        """Staff open the application's file; an expert (who may not) their review of it."""
        if as_expert:
            self.walker.open_from_menu(zh("Your technical reviews"), self.reference)
            expect(self.walker.page.get_by_role("heading", level=1)).to_contain_text(self.product)
        else:
            self.walker.open_from_menu(zh("Protection applications"), self.reference)
            expect(self.walker.page.get_by_role("heading", level=1)).to_contain_text(self.reference)

    def who_acts(self, title: str, login: str) -> None:
        """The person signed in reads on their case page that the first open step is `title` and
        names `login`; then `login` signs in."""
        self.case_page(as_expert=self.walker.signed_in_as in self.experts)
        shown, logins = self.walker.next_step()
        assert shown == zh(title), (shown, title)
        assert login in logins, (title, login, logins)
        self.walker.sign_in(login)
        self.acted.append(login)

    def task(self, title: str, login: str, *, choose: str, comment: str = "", shot: str = "") -> None:
        """Read the panel, then as `login` take the task from their list, choose and submit."""
        self.who_acts(title, login)
        self.walker.take_task(self.reference, zh(title))
        self.walker.choose(zh(choose))
        if comment:
            self.walker.fill("comment", comment)
        if shot:
            self.walker.shot(shot)
        self.walker.submit()

    def status(self) -> str:
        # The live server shares the database: read only after the page has moved on.
        return Application.objects.get(reference=self.reference).status

    # ------------------------------------------------------------------ review
    def convene(self, experts: list[str], chair: str, shot: str) -> None:
        walker = self.walker
        self.who_acts("Convene the technical review", "kjs_staff")
        walker.take_task(self.reference, zh("Convene the technical review"))
        for expert in experts:
            walker.choose(expert)
        walker.pick(zh("Chair"), chair)
        walker.shot(shot)
        walker.submit()

    def opinions(self, experts: list[str], shot: str) -> None:
        """Each convened expert, from the staff menu's "my technical reviews", gives an opinion."""
        walker = self.walker
        self.experts.update(experts)
        for login in experts:
            walker.sign_in(login)
            self.acted.append(login)
            walker.steps += 1
            walker.open_from_menu(zh("Your technical reviews"), self.reference)
            in_favour = re.compile(f"^\\s*{zh('approve')}\\s*$")
            walker.click(walker.page.locator("form label").filter(has_text=in_favour).first)
            walker.page.locator("textarea[name=opinion]").fill("质量特色与产地关联充分，技术规范可行，同意保护。")
            if login == experts[0]:
                walker.shot(shot)
            walker.click(walker.page.get_by_role("button", name=zh("Give my opinion")))
            expect(walker.page.locator(".messages, .message").first).to_contain_text(zh("Your opinion is recorded."))

    def conclude(self, chair_login: str) -> None:
        # The last expert to give an opinion reads, on their review's page, that the chair concludes.
        self.who_acts("Record the review's conclusion", chair_login)
        self.walker.take_task(self.reference, zh("Record the review's conclusion"))
        self.walker.choose(zh("The product meets the conditions for protection"))
        self.walker.fill("conclusion", "专家组一致认为该产品符合地理标志产品保护条件。")
        self.walker.submit()

    # ------------------------------------------------------------------ window
    def wait_out_the_objection_window(self, traveller) -> None:
        """The case page says when the window closes and that no staff step is open; the clock goes
        to the next morning and the worker's timer job runs once, as `run_worker` does every 30
        seconds. The last person to act then signs in again (two months later) and reads on."""
        self.case_page(as_expert=self.walker.signed_in_as in self.experts)
        period = self.walker.page.locator("dt", has_text=zh("Objection period")).locator(
            "xpath=following-sibling::dd[1]"
        )
        # "2027-02-11 暂定" when the year's schedule is not entered yet (ADR 0041): the date, then the mark.
        closes = datetime.date.fromisoformat(period.inner_text().split("—")[1].split()[0])
        assert self.walker.next_steps() == []
        self.walker.shot(f"{self.product}-window")
        next_morning = datetime.datetime.combine(closes + datetime.timedelta(days=1), datetime.time(9))
        traveller(timezone.make_aware(next_morning))
        assert job_named("fire_workflow_timers").run() >= 1
        last = self.walker.signed_in_as
        self.walker.signed_in_as = None
        self.walker.sign_in(last)


def time_traveller():
    """Move the clock (for the live server's thread too) and keep it moving from there."""
    travels = []

    def travel(to: datetime.datetime) -> None:
        if travels:
            travels[-1].stop()
        travels.append(time_machine.travel(to, tick=True))
        travels[-1].start()

    yield travel
    for t in reversed(travels):
        t.stop()


@pytest.fixture
def traveller():
    yield from time_traveller()


def in_register(walker: Walker, product: str, tab: str | None = None) -> None:
    """Anyone, signed out: the public register's home (or one of its tabs) lists the product."""
    walker.page.context.clear_cookies()
    walker.signed_in_as = None
    walker.go("/")
    if tab:
        walker.click(walker.page.get_by_role("link", name=tab, exact=True).first)
    expect(walker.page.get_by_text(product).first).to_be_visible()


def test_a_2023_application_from_preliminary_examination_to_the_register(page: Page, live_server, traveller):
    seed_demo()
    application = Application.objects.get(product_name="西湖藕粉")
    assert application.status == "preliminary_examination"
    walker = Walker(page, live_server.url)
    walk = ApplicationWalk(walker, application.reference, "西湖藕粉")

    walker.sign_in("zj_province_staff")
    walk.task(
        "Preliminary examination",
        "zj_province_staff",
        choose="Forward to the national formal examination",
        comment="材料齐全，符合要求，转国家知识产权局形式审查。",
        shot="2023-preliminary",
    )
    assert walk.status() == "formal_examination"
    walk.task("Formal examination", "kjs_staff", choose="Accept", shot="2023-formal")
    assert walk.status() == "technical_review"

    experts = ["expert1", "expert2", "expert3"]
    names = {login: name for name, login in LOGIN_OF.items()}
    walk.convene([names[e] for e in experts], names["expert1"], shot="2023-convene")
    assert walk.status() == "technical_review"
    walk.opinions(experts, shot="2023-opinion")
    walk.conclude("expert1")
    assert walk.status() == "announcement_pending"

    walk.task("Approve the announcement", "admin_kjs", choose="Approve", shot="2023-announcement")
    assert walk.status() == "objection_window"
    walk.wait_out_the_objection_window(traveller)
    assert walk.status() == "approval_pending"
    walk.task("Approve protection", "admin_kjs", choose="Approve", shot="2023-approval")
    assert walk.status() == "protected"
    walk.case_page()
    assert walker.next_steps() == []
    in_register(walker, "西湖藕粉")
    walker.shot("2023-register")
    assert ProtectedProduct.objects.filter(name="西湖藕粉", status="protected").exists()

    assert acted_in_order(walk.acted) == acted_in_order(
        [
            login
            for login in readme_logins("A protection application under the 2023 regime")
            if login not in ("applicant", "zj_province_lead", "fgs_staff")
        ]
    )
    print(f"\n2023 application walk: {walker.figures()}")


def test_a_2005_application_through_its_objection_window_and_expert_review_to_the_register(
    page: Page, live_server, traveller
):
    """The demo's 杭州龙井虾仁 was examined and announced by the seed: it is in its window."""
    seed_demo()
    application = Application.objects.get(product_name="杭州龙井虾仁")
    assert application.status == "objection_window"
    walker = Walker(page, live_server.url)
    walk = ApplicationWalk(walker, application.reference, "杭州龙井虾仁")

    walker.sign_in("kjs_staff")
    walk.wait_out_the_objection_window(traveller)
    assert walk.status() == "technical_review"

    experts = ["expert2", "expert4", "expert5"]
    names = {login: name for name, login in LOGIN_OF.items()}
    walk.convene([names[e] for e in experts], names["expert4"], shot="2005-convene")
    walk.opinions(experts, shot="2005-opinion")
    walk.conclude("expert4")
    assert walk.status() == "approval_pending"
    walk.task("Approve protection", "admin_kjs", choose="Approve", shot="2005-approval")
    assert walk.status() == "protected"
    walk.case_page()
    assert walker.next_steps() == []
    in_register(walker, "杭州龙井虾仁")
    walker.shot("2005-register")

    after_window = readme_journey("A protection application under the 2005 regime").split("objection window", 1)[1]
    staff = [login for login in acted_in_order(walk.acted) if login not in experts]
    assert staff == re.findall(r"`([a-z][a-z0-9_]+)`", after_window)
    print(f"\n2005 application walk: {walker.figures()}")


def test_a_product_revocation_proposed_by_kjs_staff_and_decided_by_the_lead(page: Page, live_server):
    seed_demo()
    product = "象山白鹅"
    walker = Walker(page, live_server.url)
    acted = []

    # kjs_staff finds the product in the register, opens its staff page and proposes the revocation.
    walker.sign_in("kjs_staff")
    acted.append("kjs_staff")
    walker.steps += 1
    walker.open_from_menu(zh("Public register"))
    walker.page.get_by_label(zh("Name or pinyin")).fill(product)
    walker.click(walker.page.locator("main form").get_by_role("button").first)
    walker.click(walker.page.get_by_role("link", name=product, exact=True))
    walker.click(walker.page.get_by_role("link", name=zh("Open this product's staff page (revocation, amendments)")))
    walker.page.locator("select[name=ground]").select_option(index=1)
    walker.page.locator("textarea[name=reasons]").fill("产品质量特色已不复存在，保护地域内已无生产者按标准生产。")
    walker.shot("revocation-propose")
    walker.click(walker.page.get_by_role("button", name=zh("Propose to revoke the protection")))
    expect(walker.page.locator(".messages").first).to_contain_text(
        zh("The revocation is proposed to the lead of the Department of Science and Technology.")
    )

    # The product page says who decides; that person takes it from their list.
    title, logins = walker.next_step()
    assert title == zh("Decide on the revocation") and "admin_kjs" in logins, (title, logins)
    walker.shot("revocation-next-step")
    walker.sign_in("admin_kjs")
    acted.append("admin_kjs")
    walker.take_task(product, zh("Decide on the revocation"))
    walker.choose(zh("Revoke the protection"))
    walker.fill("comment", "经审查，撤销理由成立，决定撤销该产品的地理标志保护。")
    walker.shot("revocation-decide")
    walker.submit()
    assert ProtectedProduct.objects.get(name=product).status == "revoked"

    # The public register: the product's row reads revoked, and its revocation is announced.
    in_register(walker, product)
    walker.page.get_by_label(zh("Name or pinyin")).fill(product)
    walker.click(walker.page.locator("main form").get_by_role("button").first)
    row = walker.page.get_by_role("row").filter(has_text=product)
    expect(row).to_contain_text(zh("revoked"))
    walker.shot("revocation-register")
    walker.click(walker.page.get_by_role("link", name=zh("Announcements"), exact=True).first)
    expect(walker.page.get_by_role("row").filter(has_text=product).first).to_be_visible()
    assert acted == readme_logins("Revoking a product's protection")
    print(f"\nrevocation walk: {walker.figures()}")
