"""Simulated users of every persona for the load bench (run by bench/bench_load.py, headless).

Each virtual user logs in as a demo account of its persona and browses what that persona
uses; the county staff also take and complete in-process checks, several virtual users on the
same account and the same tasks, so races happen: a lost race must answer 409, never 5xx.
Statuses that are the right answer for a persona (404 on another province's case, 409 on a
lost race, 403 on a task someone else took) are counted as successes; any 5xx is a failure.
"""

import json
import os
import random

from locust import HttpUser, between, events, task

with open(os.environ["TERROIR_BENCH_DATA"], encoding="utf-8") as data_file:
    DATA = json.load(data_file)
PASSWORD = "terroir-demo-2026"  # noqa: S105 (the printed demo password of seed_demo)
STATUS_COUNTS: dict[str, dict[int, int]] = {}


@events.request.add_listener
def count_statuses(request_type, name, response, **kwargs):
    if response is not None:
        by_status = STATUS_COUNTS.setdefault(f"{request_type} {name}", {})
        by_status[response.status_code] = by_status.get(response.status_code, 0) + 1


@events.quitting.add_listener
def write_statuses(environment, **kwargs):
    path = os.environ.get("TERROIR_BENCH_STATUSES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(STATUS_COUNTS, handle)


class Persona(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    username = ""
    expected = (200,)

    def on_start(self):
        if not self.username:
            return
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
        )

    def visit(self, url, name=None, expected=None, method="GET", data=None):
        expected = expected or self.expected
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host + url}
        with self.client.request(
            method, url, name=name or url, data=data, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code >= 500:
                response.failure(f"{response.status_code}")
            elif response.status_code in expected or response.status_code == 302:
                response.success()
            else:
                response.failure(f"unexpected {response.status_code}")
            return response


class Public(Persona):
    weight = 10

    @task(3)
    def home(self):
        self.visit("/")

    @task(2)
    def register_search(self):
        self.visit("/authorised-users/?q=西湖", name="/authorised-users/?q=")

    @task(1)
    def announcements(self):
        self.visit("/announcements/")

    @task(2)
    def verify(self):
        if DATA["verification_tokens"]:
            self.visit(f"/verify/{random.choice(DATA['verification_tokens'])}/", name="/verify/<token>/")


class Producer(Persona):
    weight = 6
    username = "producer"

    @task(3)
    def portal(self):
        self.visit("/portal/")

    @task(3)
    def declaration(self):
        pk = random.choice(DATA["declarations"])
        self.visit(f"/portal/declarations/{pk}/", name="/portal/declarations/<pk>/")

    @task(1)
    def notifications(self):
        self.visit("/notifications/")


class OtherProducer(Persona):
    """A producer of another province: someone else's declaration is a 404."""

    weight = 2
    username = "producer_fj"

    @task
    def someone_elses_declaration(self):
        pk = random.choice(DATA["declarations"])
        self.visit(f"/portal/declarations/{pk}/", name="/portal/declarations/<pk>/ (not theirs)", expected=(404,))


class Applicant(Persona):
    weight = 3
    username = "applicant"

    @task
    def portal(self):
        self.visit("/portal/")


class CountyStaff(Persona):
    """西湖区 staff: the in-process checks of the generated declarations, raced by several users."""

    weight = 10
    username = "xh_county_staff"

    @task(2)
    def assigned(self):
        self.visit("/work/?show=assigned")  # 我的工作, where viewflow's inbox leads (ADR 0037)

    @task(2)
    def offered(self):
        self.visit("/work/?show=offered")  # where viewflow's queue leads

    @task(3)
    def complete_a_check(self):
        process, task_pk = random.choice(DATA["check_tasks"])
        base = f"/staff/workflow/flows/declaration/{process}/in_process_check/{task_pk}"
        # 403: someone (this account in another tab) holds it already; 409: it was completed meanwhile.
        self.visit(f"{base}/assign/", name="POST task assign", method="POST", expected=(403, 409))
        self.visit(
            f"{base}/execute/",
            name="POST task execute",
            method="POST",
            data={"outcome": "ok", "comment": ""},
            expected=(403, 409),
        )


class CityInspector(Persona):
    weight = 6
    username = "hz_city_staff"

    @task(2)
    def cases(self):
        self.visit("/enforcement/")

    @task(3)
    def case(self):
        pk = random.choice(DATA["enforcement_cases"])
        self.visit(f"/enforcement/{pk}/", name="/enforcement/<pk>/")


class ProvinceLead(Persona):
    weight = 4
    username = "zj_province_lead"

    @task
    def applications(self):
        self.visit("/applications/")

    @task
    def dashboard(self):
        self.visit("/cases/?kind=declaration&open=on", name="open declarations (was the flow dashboard)")

    @task
    def campaigns(self):
        self.visit("/supervision/")


class OtherProvinceStaff(Persona):
    """福建 staff: Zhejiang's cases are a 404 for them, however often they try."""

    weight = 3
    username = "fj_province_staff"

    @task
    def zhejiang_case(self):
        pk = random.choice(DATA["enforcement_cases"])
        self.visit(f"/enforcement/{pk}/", name="/enforcement/<pk>/ (other province)", expected=(404,))

    @task
    def zhejiang_process(self):
        process, _task = random.choice(DATA["check_tasks"])
        self.visit(
            f"/staff/workflow/flows/declaration/{process}/",
            name="/staff/…/declaration/<process>/ (other province)",
            expected=(403, 404),
        )


class Expert(Persona):
    weight = 2
    username = "expert1"

    @task
    def reviews(self):
        self.visit("/applications/reviews/")
