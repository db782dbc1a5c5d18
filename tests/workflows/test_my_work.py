"""我的工作, the staff landing page: the tasks a person must do, in their order, with the case's
number, the step and the due date in Chinese; taken in place with 领取."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from deadlines.models import Deadline
from organizations.models import Role
from tests.factories import make_member
from tests.factories.enforcement import BUREAU, hangzhou_bureau, received_case
from tests.flows import open_task
from tests.workflows.eligibility_scenarios import officer_does_not_review_own_case
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.my_work.selectors import WorkFilter, my_work_page
from workflows.task_actions import task_assign, task_complete

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]  # a Monday

VERIFY = {"findings": "现场核实属实", "proposal": "file"}


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


def _rows(html: str) -> list[str]:
    """Each row of the list as the text a person reads."""
    table = re.search(r'<table class="list my-work[^"]*">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r'<tr class="my-work-row[^"]*">(.*?)</tr>', table, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def _verified(bureau, case):
    """The inspector verified the clue and proposes to file: the filing decision waits for the lead."""
    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
    task_assign(actor=bureau.inspectors[0], task=task)
    task_complete(actor=bureau.inspectors[0], task=Task.objects.get(pk=task.pk), data=VERIFY)
    return open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.decide_filing)


def test_staff_land_on_my_work():
    inspector = make_member(BUREAU, Role.INSPECTOR)
    response = _client(inspector).get(reverse("landing"))
    assert response["Location"] == "/work/"


def test_a_task_offered_shows_the_case_the_step_and_the_working_days_left():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0], party_description="杭州市西湖区龙井路88号某茶行")
    deadline = Deadline.objects.get(task=open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify))

    (row,) = _rows(_client(bureau.inspectors[1]).get("/work/").content.decode())

    # 15 working days from Monday 2 March 2026: due Monday 23 March, 15 left.
    assert deadline.due_on == datetime.date(2026, 3, 23)
    assert row.startswith("2026-03-23 剩余 15 个工作日")
    assert case.number in row and zh("Enforcement case") in row and "杭州市西湖区龙井路88号某茶行" in row
    assert zh("Verify the clue") in row and "verify" not in row
    assert row.endswith(zh("Take"))


def test_an_overdue_task_is_marked_and_a_provisional_due_date_says_so():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
    Deadline.objects.filter(task=task).update(due_on=datetime.date(2026, 2, 25), provisional=True)

    html = _client(bureau.inspectors[0]).get("/work/").content.decode()

    # Wednesday 25 February to Monday 2 March: Thursday, Friday, Saturday 28 February (a make-up
    # working day after the Spring Festival) and Monday.
    assert "my-work-row--overdue" in html
    assert _rows(html)[0].startswith("2026-02-25 已逾期 4 个工作日 暂定")


def test_approvals_come_first_and_then_the_earliest_due_date_with_no_due_date_last():
    bureau = hangzhou_bureau()
    lead = bureau.lead
    make_member(BUREAU, Role.INSPECTOR, user=lead)  # the lead also verifies clues
    later, sooner, undated = (received_case(actor=bureau.inspectors[0]) for _ in range(3))
    approval = _verified(bureau, received_case(actor=bureau.inspectors[0]))
    for case, due in ((later, datetime.date(2026, 3, 20)), (sooner, datetime.date(2026, 3, 10))):
        Deadline.objects.filter(task=open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)).update(
            due_on=due
        )
    Deadline.objects.filter(task=open_task(EnforcementCaseFlow, undated.pk, EnforcementCaseFlow.verify)).delete()

    rows = _rows(_client(lead).get("/work/").content.decode())

    numbers = [next(case.number for case in (later, sooner, undated) if case.number in row) for row in rows[1:]]
    assert zh("Decide on filing") in rows[0] and zh("approval") in rows[0]
    assert numbers == [sooner.number, later.number, undated.number]
    assert zh("no time limit") in rows[-1]
    assert approval.process.artifact_object_id  # the approval's case is the fourth one


def test_the_step_says_who_handed_the_task_over():
    bureau = hangzhou_bureau()
    _verified(bureau, received_case(actor=bureau.inspectors[0]))

    (row,) = _rows(_client(bureau.lead).get("/work/").content.decode())

    assert bureau.inspectors[0].get_full_name() in row


def test_a_task_a_rule_refuses_is_not_offered():
    scenario = officer_does_not_review_own_case()  # the officer is also the bureau's staff
    number = scenario.task.process.data["number"]

    assert number not in _client(scenario.refused).get("/work/").content.decode()
    assert number in _client(scenario.allowed).get("/work/").content.decode()


def test_take_in_place_assigns_the_task_and_opens_its_form():
    bureau = hangzhou_bureau()
    case = received_case(actor=bureau.inspectors[0])
    task = open_task(EnforcementCaseFlow, case.pk, EnforcementCaseFlow.verify)
    client = _client(bureau.inspectors[1])

    response = client.post(reverse("my_work:claim", args=[task.pk]))

    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED and task.owner == bureau.inspectors[1]
    assert response["Location"] == task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    (row,) = _rows(client.get("/work/?show=assigned").content.decode())
    assert row.endswith(zh("Work on it"))
    # Taken: no longer offered to the other inspectors, and a late click changes nothing.
    late = _client(bureau.inspectors[2])
    assert _rows(late.get("/work/").content.decode()) == []
    # A lost race answers 409 like the others (ADR 0043), with the page that says so.
    response = late.post(reverse("my_work:claim", args=[task.pk]))
    assert response.status_code == 409
    task.refresh_from_db()
    assert task.owner == bureau.inspectors[1]


def test_only_staff_take_tasks_and_only_by_post():
    bureau = hangzhou_bureau()
    task = open_task(EnforcementCaseFlow, received_case(actor=bureau.inspectors[0]).pk, EnforcementCaseFlow.verify)
    url = reverse("my_work:claim", args=[task.pk])
    assert _client(bureau.inspectors[1]).get(url).status_code == 405
    outsider = make_member("AMR-350000", Role.INSPECTOR)  # 福建: another province's inspector
    # Not "cannot be taken", which would tell the task exists: not found (ADR 0042).
    assert _client(outsider).post(url).status_code == 404
    task.refresh_from_db()
    assert task.owner is None
    assert _client(bureau.inspectors[1]).post(reverse("my_work:claim", args=[10**9])).status_code == 404


def test_filters_narrow_the_list_and_bad_ones_show_everything():
    bureau = hangzhou_bureau()
    lead = bureau.lead
    make_member(BUREAU, Role.INSPECTOR, user=lead)
    mine = received_case(actor=bureau.inspectors[0])
    task_assign(actor=lead, task=open_task(EnforcementCaseFlow, mine.pk, EnforcementCaseFlow.verify))
    offered = received_case(actor=bureau.inspectors[0])
    overdue_task = open_task(EnforcementCaseFlow, offered.pk, EnforcementCaseFlow.verify)
    Deadline.objects.filter(task=overdue_task).update(due_on=datetime.date(2026, 2, 27))
    approval = _verified(bureau, received_case(actor=bureau.inspectors[0]))
    client = _client(lead)

    def numbers(query: str) -> set[str]:
        rows = _rows(client.get("/work/" + query).content.decode())
        return {re.search(r"\S+号", row).group(0) for row in rows}

    approval_number = approval.process.data["number"]
    assert numbers("") == {mine.number, offered.number, approval_number}
    assert numbers("?show=assigned") == {mine.number}
    assert numbers("?show=offered") == {offered.number, approval_number}
    assert numbers("?show=approvals") == {approval_number}
    assert numbers("?overdue=on") == {offered.number}
    assert numbers("?step=enforcementcase.decide_filing") == {approval_number}
    assert numbers("?kind=enforcementcase&step=enforcementcase.verify") == {mine.number, offered.number}
    assert numbers("?kind=declaration") == set()
    response = client.get("/work/?kind=enforcement.receive&show=everything")
    assert response.status_code == 200
    assert zh("These filters are not valid, so everything is shown.") in response.content.decode()
    assert len(_rows(response.content.decode())) == 3


def test_the_navigation_counts_my_work_and_a_leads_approvals():
    bureau = hangzhou_bureau()
    _verified(bureau, received_case(actor=bureau.inspectors[0]))
    received_case(actor=bureau.inspectors[0])

    inspector_nav = _nav(_client(bureau.inspectors[1]).get("/enforcement/").content.decode())
    lead_nav = _nav(_client(bureau.lead).get("/enforcement/").content.decode())

    assert f"{zh('My work')} 1" in inspector_nav and zh("Approvals") not in inspector_nav
    assert f"{zh('My work')} 1" in lead_nav and f"{zh('Approvals')} 1" in lead_nav
    for title in ("Case lists", "Find a case", "Supervision", "Statistics", "Public register", "Notifications"):
        assert zh(title) in inspector_nav
    assert "/staff/" not in inspector_nav
    # A city bureau's lead has no dashboard; a provincial lead has.
    assert zh("Reports dashboard") not in lead_nav
    provincial_lead = make_member("AMR-330000", Role.LEAD)
    assert zh("Reports dashboard") in _nav(_client(provincial_lead).get("/work/").content.decode())


def _nav(html: str) -> str:
    nav = re.search(r'<nav class="site-nav staff-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", nav)).strip()


def test_people_who_are_not_staff_see_no_staff_menu_and_no_list():
    from tests.factories.cases import producer_with_enterprise

    producer, _enterprise = producer_with_enterprise()
    client = _client(producer)
    assert "staff-nav" not in client.get("/").content.decode()
    assert client.get("/work/").status_code == 403


def test_pages_follow_by_keyset_without_repeating_or_losing_a_task():
    bureau = hangzhou_bureau()
    cases = [received_case(actor=bureau.inspectors[0]) for _ in range(5)]
    inspector = bureau.inspectors[1]
    seen, cursor = [], None
    for _ in range(5):
        page = my_work_page(inspector, WorkFilter(), cursor=cursor, size=2)
        seen.extend(row.task.process.artifact_object_id for row in page.rows)
        if not page.page.has_next:
            break
        cursor = page.page.next_cursor
    assert sorted(seen) == sorted(case.pk for case in cases)


def test_done_by_me_lists_the_tasks_the_person_completed_the_latest_first():
    bureau = hangzhou_bureau()
    first, second = received_case(actor=bureau.inspectors[0]), received_case(actor=bureau.inspectors[0])
    _verified(bureau, first)
    _verified(bureau, second)
    client = _client(bureau.inspectors[0])

    rows = _rows(client.get("/work/?show=done").content.decode())

    assert [second.number in rows[0], first.number in rows[1]] == [True, True]
    assert all(zh("Verify the clue") in row and zh("Take") not in row for row in rows)
    assert _rows(client.get("/work/").content.decode()) == []
    assert _rows(client.get("/work/?show=done&kind=declaration").content.decode()) == []
