"""What a person may not see answers 404, exactly as what does not exist (ADR 0042).

For every page, file and API route about a case (its viewflow process and tasks, Terroir's case
pages, its materials, notes and team actions), called by someone who may not see that case (staff
of another province, staff of another bureau of the same province, a producer), the answer is a
404 whose body is the same, byte for byte, as the answer for an id that no row has: the status
and the page tell nothing about whether the case exists. Those who see the case get the page.
A 403 is left for one who sees the case but may not do the step (tests at the end).
"""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from viewflow.workflow.models import Process, Task

from organizations.models import Role
from tests.factories import make_member
from tests.security import test_access_matrix as matrix
from tests.security.test_access_matrix import ANY_FORM, FLOW_PAGES, FLOW_VIEWERS, PROVINCE, RULES, _login

pytestmark = pytest.mark.django_db

MISSING = 987_654_321  # an id no row has

# Who may not see the world's cases: each must meet the same 404 as for a missing id.
OUTSIDERS = ("staff of another province", "staff of another bureau", "producer B")
# Routes about one case or one person's object (the register's public ones are everyone's).
CASE_RULE_PREFIXES = (
    "applications:",
    "supervision:",
    "enforcement:",
    "team:",
    "my_work:",
    "reports:",
    "files:",
    "documents:",
    "api:staff-",
    "api:task-",
    "api:declaration-",
    "api:application-",
    "api:notification-",
    # The portal's pages of a producer's declaration and an applicant body's application.
    "portal_declarations:",
    "portal_applications:",
    "notifications:",
)
# A staff persona who sees every case of the world (the provincial bureau of Zhejiang).
VIEWER = "staff of the case's province"


world = matrix.world  # the access matrix's world: one object of every kind, the personas around it


@pytest.fixture
def people(request):
    world = request.getfixturevalue("world")
    world.users["staff of another bureau"] = make_member("AMR-330200", Role.STAFF)  # 宁波, not 杭州
    return world


_CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _answer(response) -> tuple[int, bytes]:
    """The status and the body (a form's CSRF token, different on every page, left out)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, _CSRF.sub(rb"\1\2", body)


def _missing_args(args: list) -> list:
    """The same URL arguments with every id replaced by one that no row has (a kind's name stays)."""
    return [MISSING + i if isinstance(arg, int) else arg for i, arg in enumerate(args)]


# What the staff of a city bureau of the same province see in the world: the provincial campaign
# (it covers the whole province); not the cases of Hangzhou, nor the province's own.
BUREAU_SEES = {"campaign"}


def case_routes():
    """The routes about one case: not those every member of staff may open (a protected product)."""
    for name, rule in RULES.items():
        if name.startswith(CASE_RULE_PREFIXES) and "staff of another province" not in rule.allowed:
            yield name, rule


def _sees(persona: str, rule) -> bool:
    return persona in rule.allowed or (persona == "staff of another bureau" and rule.target in BUREAU_SEES)


def test_terroir_case_pages_answer_an_outsider_as_for_a_missing_id(client, people):
    problems, checked = [], 0
    for name, rule in case_routes():
        target = people.targets[rule.target]
        url, missing = reverse(name, args=target.args), reverse(name, args=_missing_args(target.args))
        for persona in OUTSIDERS:
            if _sees(persona, rule):
                continue
            _login(client, people.users[persona])
            for method in ("get", "post"):
                send = getattr(client, method)
                seen = _answer(send(url, ANY_FORM) if method == "post" else send(url))
                absent = _answer(send(missing, ANY_FORM) if method == "post" else send(missing))
                checked += 1
                if seen[0] not in (404, 405):
                    problems.append(f"{persona} {method.upper()} {url} ({name}): {seen[0]}, expected 404")
                elif seen != absent:
                    problems.append(
                        f"{persona} {method.upper()} {url} ({name}): {seen[0]}, unlike a missing id's {absent[0]}"
                    )
    assert problems == [], "\n".join(problems)
    assert checked > 100
    print(f"not-found matrix: {checked} case routes × outsiders × GET/POST, each beside a missing id's")


def test_terroir_case_pages_open_to_those_who_see_the_case(client, people):
    problems = []
    for name, rule in case_routes():
        if VIEWER not in rule.allowed:
            continue
        _login(client, people.users[VIEWER])
        url = reverse(name, args=people.targets[rule.target].args)
        status = client.get(url).status_code
        if status not in rule.allowed_statuses:
            problems.append(f"{VIEWER} GET {url} ({name}): {status}")
    assert problems == [], "\n".join(problems)


def flow_urls(process: Process) -> list[tuple[str, str, str]]:
    """(page, url, the same page's url for a missing process and task) of every viewflow page of the process."""
    flow = process.flow_class.instance
    urls = [
        (page, flow.reverse(page, args=[process.pk]), flow.reverse(page, args=[MISSING]))
        for page in ("process_detail", "process_cancel", "process_chart")
    ]
    for task in Task.objects.filter(process=process):
        for page in sorted(FLOW_PAGES - {"process_detail", "process_cancel", "process_chart"}):
            try:
                url = task.flow_task.reverse(page, args=[process.pk, task.pk])
            except NoReverseMatch:
                continue  # this node has no such page
            urls.append((page, url, task.flow_task.reverse(page, args=[MISSING, MISSING + 1])))
    return urls


def _flow_label(process: Process) -> str:
    return re.match(r"/staff/workflow/flows/([a-z]+)/", process.flow_class.instance.reverse("index"))[1]


def test_viewflow_pages_answer_an_outsider_as_for_a_missing_id(client, people):
    problems, checked = [], 0
    for process in Process.objects.all():
        label = _flow_label(process)
        for page, url, missing in flow_urls(process):
            for persona in OUTSIDERS:
                if persona in FLOW_VIEWERS[label]:
                    continue
                _login(client, people.users[persona])
                methods = ("get",) if page in ("process_chart", "detail", "index") else ("get", "post")
                for method in methods:
                    send = getattr(client, method)
                    seen = _answer(send(url, ANY_FORM) if method == "post" else send(url))
                    absent = _answer(send(missing, ANY_FORM) if method == "post" else send(missing))
                    checked += 1
                    if seen[0] != 404:
                        problems.append(f"{persona} {method.upper()} {url}: {seen[0]}, expected 404")
                    elif seen != absent:
                        problems.append(f"{persona} {method.upper()} {url}: a 404 unlike a missing id's")
    assert problems == [], "\n".join(problems)
    assert checked > 200
    print(f"not-found matrix: {checked} viewflow pages × outsiders × GET/POST, each beside a missing id's")


def test_viewflow_pages_open_to_those_who_see_the_case(client, people):
    problems = []
    for process in Process.objects.all():
        if VIEWER not in FLOW_VIEWERS[_flow_label(process)]:
            continue
        _login(client, people.users[VIEWER])
        for page, url, _missing in flow_urls(process):
            status = client.get(url).status_code
            expected = {200, 302} if page == "index" else {200} if page in ("process_detail", "detail") else None
            if expected is None:
                # The steps of a case one sees: shown, or refused as a step one may not do (never "not found").
                expected = {200, 302, 403}
            if status not in expected:
                problems.append(f"{VIEWER} GET {url}: {status}, expected {sorted(expected)}")
    assert problems == [], "\n".join(problems)


def test_a_task_under_another_process_is_not_found(client, people):
    """A task's pages need its own process in the URL: a visible process does not open another's task."""
    task = Task.objects.get(pk=people.targets["task"].args[0])
    other = Process.objects.filter(flow_class=task.process.flow_class).exclude(pk=task.process_id).first()
    assert other is not None
    _login(client, people.users[VIEWER])
    assert client.get(task.flow_task.reverse("detail", args=[task.process_id, task.pk])).status_code == 200
    assert client.get(task.flow_task.reverse("detail", args=[other.pk, task.pk])).status_code == 404


def test_a_step_of_a_visible_case_one_may_not_do_stays_403(client, people):
    """Someone who sees the case learns nothing from a 403: the step is there, and not theirs."""
    task = Task.objects.get(pk=people.targets["task"].args[0])
    lead = people.users["lead"]  # sees the application's province, is not offered its examination
    assert lead in [people.users[p] for p in PROVINCE]
    _login(client, lead)
    url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    assert client.get(url).status_code == 403


def test_the_old_bulk_actions_answer_alike_for_a_task_one_may_not_see_and_no_task(client, people):
    """viewflow's bulk 领取 and 放弃 (posted by its retired lists) lead to 我的工作 and change
    nothing (ADR 0037): another province's task and an id no row has get the same answer."""
    task = Task.objects.get(pk=people.targets["task"].args[0])
    for url in (reverse("workflow:tasks_assign"), reverse("workflow:tasks_unassign")):
        for persona in ("staff of another province", "staff of another bureau"):
            _login(client, people.users[persona])
            seen = client.post(url, {"pk": [task.pk], "_confirm": "1"})
            absent = client.post(url, {"pk": [MISSING], "_confirm": "1"})
            assert (seen.status_code, seen.get("Location")) == (absent.status_code, absent.get("Location")), url
    task.refresh_from_db()
    assert task.owner_id is None
