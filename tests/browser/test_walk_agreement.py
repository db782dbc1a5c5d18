"""In Chromium, on the demo's own data: a second-batch name of the EU–China agreement (太平猴魁,
annex V) from the 国际司's proposal to protection. 邓佳 proposes its publication, 罗振华 publishes
it, a member of the public objects in the register, the period runs out, 邓佳 proposes to protect
it answering the objection, 罗振华 approves; the product's register page then carries the badge."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from agreement.models import AgreementEntry
from tests.browser.test_walk_applications import time_traveller
from tests.browser.walks import Walker, seed_demo, zh
from workflows.jobs import JOBS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

NAME = "太平猴魁"


@pytest.fixture
def traveller():
    yield from time_traveller()


def open_entry(walker: Walker) -> None:
    walker.open_from_menu(zh("EU–China agreement"), NAME)
    expect(walker.page.get_by_role("heading", name=NAME)).to_be_visible()


def test_a_second_batch_name_from_publication_to_protection(page: Page, live_server, traveller):
    seed_demo()
    entry = AgreementEntry.objects.get(name=NAME)
    assert entry.status == AgreementEntry.Status.PROPOSED and entry.product.name == "太平猴魁茶"
    walker = Walker(page, live_server.url)

    # 1. 邓佳 of the 国际司 finds the name in the lists and proposes it for publication.
    walker.sign_in("gjs_staff")
    walker.open_from_menu(zh("EU–China agreement"))
    walker.shot("agreement-01-staff-list")
    open_entry(walker)
    walker.steps += 1
    walker.click(page.get_by_role("button", name=zh("Propose publication for objections")))
    expect(page.get_by_text(zh("The name was put before the lead for publication."))).to_be_visible()
    title, logins = walker.next_step()
    assert title == zh("Approve the publication for objections") and logins == ["gjs_lead"]
    walker.shot("agreement-02-proposed")

    # 2. 罗振华, the lead, publishes it: the 2-month period starts today.
    walker.sign_in("gjs_lead")
    walker.take_task(NAME, title)
    walker.shot("agreement-03-publish-task")
    walker.choose(zh("Publish the name for objections (2 months)"))
    walker.submit_accepted()
    closes = AgreementEntry.objects.get(pk=entry.pk).window_closes
    assert closes is not None

    # 3. Anyone, not signed in: the register's agreement tab, found by pinyin initials, objects.
    page.context.clear_cookies()
    walker.signed_in_as = None
    walker.go("/")
    walker.click(
        page.get_by_role("navigation", name=zh("Public register")).get_by_role("link", name=zh("EU–China agreement"))
    )
    page.get_by_label(zh("Name, transcription or pinyin")).fill("tphk")
    walker.click(page.get_by_role("button", name=zh("Search")))
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text(zh("published for objections"))
    walker.shot("agreement-04-public-list")
    walker.click(row.get_by_role("link", name=zh("File an objection")))
    page.get_by_label(zh("Name or organisation")).fill("黄山市某茶叶合作社")
    page.get_by_label(zh("Contact (telephone or e-mail)")).fill("0559-5550000")
    page.get_by_label(zh("Grounds")).fill("请在决定中明确保护范围仅限黄山市黄山区的太平猴魁茶。")
    walker.shot("agreement-05-objection")
    walker.click(page.get_by_role("button", name=zh("File the objection")))
    expect(page.get_by_role("heading", name=zh("Objection received"))).to_be_visible()

    # The period runs out: the next morning after its last day the worker's timer job closes it.
    traveller(timezone.make_aware(datetime.datetime.combine(closes + datetime.timedelta(days=1), datetime.time(9))))
    assert next(job for job in JOBS if job.name == "fire_workflow_timers").run() >= 1

    # 4. 邓佳 examines the name with the objection and proposes to protect it.
    walker.sign_in("gjs_staff")
    open_entry(walker)
    expect(page.locator("section.card").filter(has_text="黄山市某茶叶合作社")).to_be_visible()
    title, logins = walker.next_step()
    assert title == zh("Examine the name and propose a decision") and "gjs_staff" in logins
    walker.take_task(NAME, title)
    walker.choose(zh("protect the name"))
    walker.fill("decision_reference", "国际司〔2027〕1号")
    walker.fill(
        "comment",
        "太平猴魁为黄山市黄山区特定产地的茶叶名称，保护范围与国内地理标志一致；异议所提事项已在决定中明确，异议不成立。",
    )
    walker.shot("agreement-06-examine")
    walker.submit_accepted()

    # 5. 罗振华 approves the decision: the name is protected, the objection dismissed.
    walker.sign_in("gjs_lead")
    walker.take_task(NAME, zh("Approve the decision on the name"))
    walker.choose(zh("Approve"))
    walker.submit_accepted()
    open_entry(walker)
    expect(page.locator("dl.facts")).to_contain_text(zh("protected"))
    expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
    walker.shot("agreement-07-protected")
    entry = AgreementEntry.objects.get(pk=entry.pk)
    assert entry.status == AgreementEntry.Status.PROTECTED
    assert list(entry.objections.values_list("status", flat=True)) == ["dismissed"]

    # The product's public page carries the agreement's badge.
    page.context.clear_cookies()
    walker.go("/")
    page.get_by_label(zh("Name or pinyin")).fill("太平猴魁")
    walker.click(page.get_by_role("button", name=zh("Search")))
    walker.click(page.get_by_role("link", name="太平猴魁茶"))
    expect(page.locator("h1 .badge.agreement")).to_have_text(zh("EU–China agreement"))
    walker.shot("agreement-08-product-badge")
    assert walker.signed_in == ["gjs_staff", "gjs_lead", "gjs_staff", "gjs_lead"]
    print(f"\nwalk EU–China agreement: {walker.figures()}")
