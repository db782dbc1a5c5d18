"""In Chromium, on the demo's own data: team work on the enforcement case of the demo.

杨帆 takes the clue's verification (领取); the county bureau's lead 朱红 hands it to the other
inspector, 徐明, from the case page (改派给), and reads who acts next; 徐明 signs in and finds the
notification; 徐明 writes a note that mentions 杨帆, who finds that notification in turn. Clicking
only what the pages show. Screenshots of the case page with the form and the notes, at a desktop's
and a phone's width, go to test-results/.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect

from audit.models import AuditEvent
from cases.models import EnforcementCase
from demo.personas import STAFF
from teamwork.audit_actions import TeamAction
from teamwork.models import CaseNote
from tests.browser.walks import Walker, readme_logins, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

CASES = "/enforcement/"
FULL_NAME_OF = {persona.username: persona.full_name for persona in STAFF}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def shots(walker: Walker, name: str) -> None:
    """The page at a desktop's width and at a phone's, whole."""
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        walker.page.set_viewport_size(size)
        path = f"test-results/team-{name}-{label}.png"
        walker.page.screenshot(path=path, full_page=True)
        walker.screenshots.append(path)
    walker.page.set_viewport_size(DESKTOP)


def notifications(walker: Walker) -> None:
    """From the page header, the person's notifications."""
    walker.click(walker.page.get_by_role("banner").get_by_role("link", name=re.compile(zh("Notifications"))))
    expect(walker.page.get_by_role("heading", name=zh("Notifications"), level=1)).to_be_visible()


def test_a_lead_hands_a_task_over_and_a_note_mentions_a_colleague(page: Page, live_server):
    seed_demo()
    case = EnforcementCase.objects.get()
    walker = Walker(page, live_server.url)
    page.set_viewport_size(DESKTOP)
    task_title = zh("Verify the clue")
    yang, xu = FULL_NAME_OF["xh_county_staff"], FULL_NAME_OF["xh_county_inspector"]

    # 杨帆 takes the verification of the clue.
    walker.sign_in("xh_county_staff")
    walker.take_task_on_case(CASES, case.number, task_title)

    # The lead sees it is 杨帆's, and hands it to 徐明.
    walker.sign_in("xh_county_lead")
    walker.open_case_page(CASES, case.number)
    assert walker.next_step() == (task_title, ["xh_county_staff"])
    panel = page.locator("section.next-step")
    choice = panel.get_by_label(zh("Reassign to"))
    expect(choice).to_be_visible()
    options = [text.strip() for text in choice.locator("option").all_inner_texts()]
    assert xu in options and yang not in options  # those who may do it, but its holder
    choice.select_option(label=xu)
    walker.clicks += 1
    shots(walker, "case-page-reassign-form")
    walker.click(panel.get_by_role("button", name=zh("Reassign"), exact=True))
    success = page.locator(".messages .success")
    expect(success).to_contain_text(xu)
    expect(success).to_contain_text(task_title)
    assert walker.next_step() == (task_title, ["xh_county_inspector"])

    # 徐明 is told, and takes it from there.
    walker.sign_in("xh_county_inspector")
    walker.open_case_page(CASES, case.number)
    notifications(walker)
    given = page.locator("article.notification").filter(has_text=task_title).first
    expect(given).to_contain_text(case.number)
    walker.click(given.get_by_role("link", name=zh("Open the case")))
    expect(page.get_by_role("heading", name=re.compile(re.escape(case.number)))).to_be_visible()

    # 徐明 writes a note for 杨帆, by the name the panel shows.
    note = "@杨帆请把进货单据的照片补充上传，<核实>后再提交。"
    walker.page.get_by_label(zh("New note")).fill(note)
    walker.click(page.get_by_role("button", name=zh("Add the note")))
    expect(page.locator(".messages .success")).to_contain_text(yang)
    thread = page.locator("section.case-notes")
    expect(thread.locator(".case-note").first).to_contain_text(note)  # as typed, never as markup
    expect(thread.locator(".case-note").first).to_contain_text(xu)
    shots(walker, "case-page-notes")

    # 杨帆 is told of the mention, and of the handover.
    walker.sign_in("xh_county_staff")
    walker.open_case_page(CASES, case.number)
    notifications(walker)
    expect(page.locator("article.notification").filter(has_text=xu.rsplit(" ", 1)[-1]).first).to_be_visible()
    mentioned = page.locator("article.notification").filter(has_text=case.number)
    assert mentioned.count() >= 2  # the mention and the handover
    shots(walker, "notifications")

    note_row = CaseNote.objects.get()
    assert [user.username for user in note_row.mentioned.all()] == ["xh_county_staff"]
    actions = list(
        # Other demo records share the case's number as their key: the case is its type and its key.
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(case), target_id=str(case.pk), action__in=list(TeamAction)
        ).values_list("action", flat=True)
    )
    assert actions == [TeamAction.TASK_TAKE, TeamAction.TASK_REASSIGN, TeamAction.NOTE_ADD]
    assert walker.login_order() == readme_logins("Team work on a case")
    print(f"team work walk: {walker.figures()}")
