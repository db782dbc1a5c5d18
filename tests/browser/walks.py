"""The browser walks' shared steps: a person of the demo signs in, finds their task in their own
list, takes it, fills the form and submits, clicking only what is on the screen.

Who acts next is read from the page (the case page's "who acts next" panel), never from the
test's own knowledge: the panel names people, and the demo's persona list says which login
each name is. The walker counts steps, changes of login and clicks, for the closing figures.
"""

import re
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from demo.personas import DEMO_PASSWORD, ENTERPRISES, STAFF


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


README = Path(__file__).resolve().parents[2] / "README.md"
LOGIN_OF = {persona.full_name: persona.username for persona in [*STAFF, *ENTERPRISES]}


def seed_demo() -> None:
    """The demo's people and casework, in the live server's database."""
    call_command("seed_demo", verbosity=0, stdout=StringIO())  # its list of logins is for people


@dataclass
class Walker:
    page: Page
    base_url: str
    signed_in_as: str | None = None
    steps: int = 0
    logins: int = 0
    clicks: int = 0
    screenshots: list[str] = field(default_factory=list)
    signed_in: list[str] = field(default_factory=list)  # every login, in order

    # ------------------------------------------------------------------ clicking
    def click(self, target: Locator) -> None:
        """Click a control a person can see (Playwright waits until it is visible and enabled)."""
        expect(target).to_be_visible()
        target.click()
        self.clicks += 1

    def go(self, path: str) -> None:
        """Type an address a person knows (the home page, the staff inbox), not a deep link."""
        self.page.goto(self.base_url + path)

    def shot(self, name: str) -> None:
        path = f"test-results/walk-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.screenshots.append(path)

    # ------------------------------------------------------------------ people
    def sign_in(self, username: str) -> None:
        if self.signed_in_as == username:
            return
        self.page.context.clear_cookies()
        self.go("/accounts/login/")
        self.page.get_by_label(zh("Username")).fill(username)
        self.page.get_by_label(zh("Password")).fill(DEMO_PASSWORD)
        self.click(self.page.locator("form:not(.language-switcher)").get_by_role("button", name=zh("Log in")))
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
        self.signed_in_as = username
        self.signed_in.append(username)
        self.logins += 1

    def open_from_menu(self, menu_title: str, row_text: str | None = None) -> None:
        """From 我的工作 (where staff land), the staff menu's link in the header (inside its group,
        e.g. 案件, opened first when it is folded); then, if given, the link in the row that shows
        `row_text` (a case's reference, a product's name)."""
        self.open_my_work()
        menu = self.page.locator("header nav")
        link = menu.get_by_role("link", name=menu_title, exact=True)
        if not link.is_visible():
            self.click(menu.locator("details", has_text=menu_title).locator("summary"))
        self.click(link)
        if row_text is not None:
            row = self.page.get_by_role("row").filter(has_text=row_text).first
            self.click(row.get_by_role("link").first)
        self.page.wait_for_load_state("domcontentloaded")

    def open_my_work(self, tab: str | None = None) -> None:
        """我的工作, the address staff land on; then one of its tabs (e.g. 已办), if given."""
        self.go("/work/")
        if tab is not None:
            self.click(self.page.get_by_role("navigation", name=zh("Which tasks")).get_by_role("link", name=tab))
        expect(self.page.locator("table.my-work")).to_be_visible()

    def _row_in_my_work(self, reference: str, tabs: tuple[str | None, ...], kind: str | None = None):
        """The first row showing `reference` in the first of 我的工作's tabs that has one, or None."""
        for tab in tabs:
            self.open_my_work(tab)
            if kind is not None:
                self.page.get_by_label(zh("Kind of casework")).select_option(label=kind)
                self.click(self.page.get_by_role("button", name=zh("Filter")))
                self.page.wait_for_load_state("domcontentloaded")
            rows = self.page.locator("table.my-work tbody tr").filter(has_text=reference)
            if rows.count():
                return rows.first
        return None

    def login_order(self) -> list[str]:
        """The logins in the order they acted, as the README lists a journey's steps."""
        return list(self.signed_in)

    def open_case(self, menu: str, reference: str) -> None:
        """A staff member's way to a case's page: in 我的工作, the kind of casework `menu` (the
        flow's title) chosen in its filter, then the case's number in the row of the case, among
        the tasks waiting for them or else among those they have done (已办)."""
        row = self._row_in_my_work(reference, (None, zh("Done by me")), kind=menu)
        assert row is not None, f"{self.signed_in_as} has no task of {reference} in 我的工作, to do or done"
        self.click(row.get_by_role("link").first)  # the case's number
        self.page.wait_for_load_state("networkidle")

    def open_done_case(self, reference: str) -> None:
        """A case the person has finished with: from 我的工作's 已办 tab, the case's number in its row."""
        row = self._row_in_my_work(reference, (zh("Done by me"),))
        assert row is not None, f"{self.signed_in_as} has done no task of {reference}"
        self.click(row.get_by_role("link").first)
        self.page.wait_for_load_state("networkidle")

    def next_step(self) -> tuple[str, list[str]]:
        """On a case page: the first open step's title and the logins of the people it names."""
        panel = self.page.locator("section.next-step")
        expect(panel).to_be_visible()
        item = panel.locator(".next-step-item").first
        title = item.locator(".next-step-task").inner_text().strip()
        names = [text.split(" · ")[0].strip() for text in item.locator("ul.next-step-handlers li").all_inner_texts()]
        unknown = [name for name in names if name not in LOGIN_OF]
        assert names and not unknown, f"step {title!r} names {names}: not demo people"
        return title, [LOGIN_OF[name] for name in names]

    def next_steps(self) -> list[str]:
        """Every open step's title on the case page (a split flow can have several)."""
        return [text.strip() for text in self.page.locator("section.next-step .next-step-task").all_inner_texts()]

    # ------------------------------------------------------------------ tasks
    def take_task(self, reference: str, task_title: str) -> None:
        """From the signed-in person's 我的工作 to the task's form: the row of the case at that step;
        领取 takes a task offered to them in place, 办理 opens one that is theirs already."""
        self.steps += 1
        self.open_my_work()
        rows = self.page.locator("table.my-work tbody tr").filter(has_text=reference).filter(has_text=task_title)
        if not rows.count():
            raise AssertionError(f"{self.signed_in_as} has no task {task_title!r} of {reference} in 我的工作")
        take = rows.first.get_by_role("button", name=zh("Take"))
        if take.count():
            self.click(take)
        else:
            self.click(rows.first.get_by_role("link", name=zh("Work on it")))
        self.page.wait_for_url("**/execute/**")

    def open_case_page(self, list_path: str, reference: str) -> None:
        """A case's page from a list a person reaches by its address (e.g. /enforcement/): the
        link that shows the case's reference, then the page headed by it."""
        self.go(list_path)
        self.click(self.page.get_by_role("link", name=reference).first)
        expect(self.page.get_by_role("heading", name=re.compile(re.escape(reference)))).to_be_visible()

    def take_task_on_case(self, list_path: str, reference: str, task_title: str) -> None:
        """From the case's page to its open task: the page must name the signed-in person among
        those who act next; the person takes the task (领取) and opens its form."""
        self.open_case_page(list_path, reference)
        _title, logins = self.next_step()
        assert self.signed_in_as in logins, (task_title, self.signed_in_as, logins)
        self.steps += 1
        self.click(self.page.get_by_role("link", name=task_title).first)
        # The task's page: its 领取 form, or its form when the task is theirs already. Wait for it
        # before asking whether a 领取 button is there (the case page has none).
        self.page.wait_for_url(lambda url: "/assign/" in url or "/execute/" in url)
        take = self.page.get_by_role("button", name=zh("Assign"))
        if take.count():
            self.click(take.first)
        self.page.wait_for_url("**/execute/**")

    # The task page is Terroir's own (templates/workflows/task_page.html, ADR 0030): one form,
    # form.task-form, drawn by Django in the browser's own controls.
    def form(self) -> Locator:
        return self.page.locator("form.task-form")

    def choose(self, label: str) -> None:
        """A radio or check box, by the label a person reads beside it."""
        self.click(self.form().locator("label").filter(has_text=label).first)

    def check(self, name: str, value: str | None = None) -> None:
        """A radio (by its value) or a check box of the form, clicked where a person sees it."""
        selector = f"input[name={name}]" + (f"[value='{value}']" if value is not None else "[type=checkbox]")
        box = self.form().locator(selector).first
        self.click(box)
        expect(box).to_be_checked()

    def select(self, name: str, value: str) -> None:
        """A select by the value to choose."""
        field = self.form().locator(f"select[name={name}]")
        expect(field).to_be_visible()
        field.select_option(value)
        self.clicks += 1

    def fill(self, name: str, value: str) -> None:
        control = self.form().locator(f":is(input, textarea)[name={name}]:not([type=hidden])").first
        expect(control).to_be_visible()
        control.fill(value)

    def pick(self, label: str, option: str) -> None:
        """A select found by its label, set to the option a person reads."""
        field = self.form().get_by_label(label).and_(self.form().locator("select")).first
        expect(field).to_be_visible()
        field.select_option(label=option)
        self.clicks += 1

    def submit(self) -> None:
        self.click(self.form().get_by_role("button", name=zh("Execute"), exact=True))
        self.page.wait_for_url(lambda url: "/execute/" not in url)

    def submit_accepted(self) -> None:
        """Submit, and the page the form leads to shows no refusal."""
        self.submit()
        error = self.page.locator(".errorlist, .form-errors")
        assert not error.count() or not error.first.is_visible(), error.first.inner_text()

    def figures(self) -> str:
        return f"{self.steps} steps, {self.logins} logins, {self.clicks} clicks"


def readme_logins(journey: str) -> list[str]:
    """The login at the head of each numbered step of a README "What to try" journey (its bold
    title's start), in order."""
    section = README.read_text(encoding="utf-8").split(f"**{journey}", 1)[1].split("\n\n**", 1)[0]
    return re.findall(r"^\d+\. `([a-z0-9_]+)`", section, flags=re.MULTILINE)
