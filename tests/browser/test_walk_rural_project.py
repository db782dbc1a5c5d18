"""In Chromium, on the demo's own data: a rural revitalisation project from its application to
its final report. 安溪县's staff apply from the staff menu's 乡村振兴, 福建省's lead recommends, the
计财司's staff evaluate and its lead publishes; the clock then moves to a few days before the two
years end, the worker's deadline job reminds the county, whose staff submit the final report, and
the 计财司 accepts it. Who acts next is read from the project's page at each step."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from deadlines.models import Deadline
from notifications.models import Notification
from rural.models import Project
from tests.browser.walks import Walker, seed_demo, zh
from workflows.jobs import job_named

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

TITLE = "安溪铁观音茶园电商销售示范"


def open_projects(walker: Walker) -> None:
    """The staff menu's 乡村振兴 group, then its 项目 (projects) list."""
    walker.open_my_work()
    menu = walker.page.locator("header nav")
    link = menu.get_by_role("link", name=zh("Projects"), exact=True)
    if not link.is_visible():
        walker.click(menu.locator("details", has_text=zh("Rural revitalisation")).locator("summary"))
    walker.click(link)
    expect(walker.page.get_by_role("heading", name=zh("Rural revitalisation projects"))).to_be_visible()


def open_project(walker: Walker, reference: str) -> tuple[str, list[str]]:
    open_projects(walker)
    walker.click(walker.page.get_by_role("link", name=reference))
    return walker.next_step()


def test_a_rural_project_from_application_to_final_report(page: Page, live_server):
    seed_demo()
    walker = Walker(page, live_server.url)

    # 1. 苏婷 of 安溪县 applies.
    walker.sign_in("ax_county_staff")
    walker.steps += 1
    open_projects(walker)
    walker.click(page.get_by_role("link", name=zh("Apply for a project")))
    page.get_by_label(zh("Project title")).fill(TITLE)
    page.get_by_label(zh("region")).select_option(label="安溪县 (350524)")
    walker.click(page.get_by_label("安溪铁观音"))
    page.get_by_label(zh("Aims and content")).fill("在三个乡镇建设标准化茶园，培训茶农，开设网店销售安溪铁观音。")
    page.get_by_label(zh("Budget (10,000 yuan)")).fill("60")
    walker.shot("rural-01-application")
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The project was applied for."))).to_be_visible()
    project = Project.objects.get(title=TITLE)
    title, logins = walker.next_step()
    assert title == zh("Recommend the project to the 计财司") and logins == ["fj_province_lead"]
    walker.shot("rural-02-applied")

    # 2. 黄海, 福建省's lead, recommends it.
    walker.sign_in(logins[0])
    walker.take_task(project.reference, title)
    walker.shot("rural-03-recommend")
    walker.choose(zh("Recommend it to the 计财司"))
    walker.fill("comment", "符合条件，同意推荐。")
    walker.submit_accepted()
    title, logins = open_project(walker, project.reference)
    assert title == zh("Evaluate the project") and logins == ["jcs_staff"]

    # 3. 唐文静 of the 计财司 evaluates it.
    walker.sign_in(logins[0])
    walker.take_task(project.reference, title)
    walker.choose(zh("Passes the evaluation: propose it for publication"))
    walker.fill("comment", "带动农户增收明显，建议立项。")
    walker.submit_accepted()
    title, logins = open_project(walker, project.reference)
    assert title == zh("Publish the project") and logins == ["jcs_lead"]

    # 4. 彭建国, the 计财司's lead, publishes it: the two years start.
    walker.sign_in(logins[0])
    walker.take_task(project.reference, title)
    walker.choose(zh("Publish the project (implementation starts)"))
    walker.submit_accepted()
    title, logins = open_project(walker, project.reference)
    assert title == zh("Submit the final report") and "ax_county_staff" in logins
    walker.shot("rural-04-published")
    clock = Deadline.objects.get(rule_code="rural.implementation", target_id=project.pk)
    assert clock.due_on >= timezone.localdate() + datetime.timedelta(days=720)

    # 5. Nearly two years later the worker's deadline job reminds the county; 苏婷 reports.
    with time_machine.travel(
        datetime.datetime.combine(clock.due_on - datetime.timedelta(days=5), datetime.time(10, 0)), tick=True
    ):
        job_named("check_deadlines").run()
        assert Notification.objects.filter(recipient__username="ax_county_staff", kind="deadline.reminder").exists()
        walker.sign_in("ax_county_staff")
        walker.take_task(project.reference, title)
        walker.fill("report", "建成标准化茶园三处，培训茶农二百人次，网店销售一百二十万元。")
        walker.shot("rural-05-final-report")
        walker.submit_accepted()
        title, logins = open_project(walker, project.reference)
        assert title == zh("Accept or return the final report") and logins == ["jcs_staff"]

        # 6. 唐文静 accepts the final report: the project is completed.
        walker.sign_in(logins[0])
        walker.take_task(project.reference, title)
        walker.choose(zh("Accept the final report: the project is completed"))
        walker.submit_accepted()
        open_projects(walker)
        walker.click(page.get_by_role("link", name=project.reference))
        expect(page.locator("section.next-step .next-step-item")).to_have_count(0)
        expect(page.locator("dl.facts")).to_contain_text(zh("completed"))
        walker.shot("rural-06-completed")

    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    assert Deadline.objects.get(pk=clock.pk).state == Deadline.State.MET
    assert walker.signed_in == [
        "ax_county_staff",
        "fj_province_lead",
        "jcs_staff",
        "jcs_lead",
        "ax_county_staff",
        "jcs_staff",
    ]
    print(f"\nwalk rural project: {walker.figures()}")


def test_a_county_records_a_measure_and_its_effects_and_the_statistics_form_counts_them(page: Page, live_server):
    seed_demo()
    walker = Walker(page, live_server.url)
    today = timezone.localdate()
    walker.sign_in("ax_county_staff")
    open_projects(walker)

    # A training, with its sign-in sheet.
    walker.click(page.locator(".rural-nav").get_by_role("link", name=zh("Measures")))
    walker.click(page.get_by_role("link", name=zh("Record a measure")))
    page.get_by_label(zh("Kind of measure")).select_option(label=zh("training"))
    page.get_by_label(zh("Title")).fill("茶农电商直播培训")
    page.get_by_label(zh("Date")).fill(today.isoformat())
    page.get_by_label(zh("regions")).select_option(label="安溪县 (350524)")
    walker.click(page.get_by_label("安溪铁观音"))
    page.get_by_label(zh("Participants")).fill("45")
    page.get_by_label(zh("Material (PDF, JPEG or PNG, ≤ 10 MB)")).set_input_files(
        files=[{"name": "签到表.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    walker.shot("rural-07-measure-form")
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The measure was recorded."))).to_be_visible()
    expect(page.get_by_role("link", name="签到表.pdf")).to_be_visible()
    walker.shot("rural-08-measure")

    # The effects of the days since the demo's own report.
    walker.click(page.locator(".rural-nav").get_by_role("link", name=zh("Effects")))
    walker.click(page.get_by_role("link", name=zh("Report effects")))
    page.get_by_label(zh("region")).select_option(label="安溪县 (350524)")
    page.get_by_label(zh("period from")).fill(today.isoformat())
    page.get_by_label(zh("period to")).fill(today.isoformat())
    for label, value in (
        ("People reached", "80"),
        ("Households reached", "30"),
        ("Poor people employed", "6"),
        ("GI product output (10,000 yuan)", "50"),
        ("Online sales (10,000 yuan)", "9.5"),
    ):
        page.get_by_label(zh(label), exact=True).fill(value)
    walker.click(page.get_by_role("button", name=zh("Save")))
    expect(page.get_by_text(zh("The effects were reported."))).to_be_visible()
    walker.shot("rural-09-effects")

    # The aid regions: none of the demo's regions is designated.
    walker.click(page.locator(".rural-nav").get_by_role("link", name=zh("Aid regions")))
    expect(page.get_by_text(zh("No designations have been entered."))).to_be_visible()

    # 福建省's statistics officer sees them counted in the poverty row.
    walker.sign_in("fj_stats")
    walker.open_from_menu(zh("Statistics"), "福建省")
    # The row's answers are in the line under its headings.
    heading = page.locator("table.stat-form tr").filter(has_text="地理标志精准扶贫情况")
    row = heading.locator("xpath=following-sibling::tr[1]")
    expect(row).to_contain_text(zh("measures held"))
    expect(row).to_contain_text(zh("people reached"))
    heading.scroll_into_view_if_needed()
    walker.shot("rural-10-statistics-row")
    # The measures figure opens the measures behind it: the demo's and the one just recorded.
    walker.click(row.get_by_role("link").first)
    expect(page.get_by_role("link", name="茶农电商直播培训")).to_be_visible()
    walker.shot("rural-11-figure-records")
