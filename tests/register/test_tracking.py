"""办件查询: the tracking number and the contact given with it show where a report or an objection
stands; any other input gets one neutral answer that does not say whether the number exists, and
changes nothing; lookups are rate-limited per address like the complaint form."""

import re

import pytest
from django.core.cache import cache

from audit.models import AuditEvent
from cases.models import EnforcementCase, Objection
from register.throttle import LOOKUPS_PER_HOUR
from tests.factories.applications import Cast
from tests.factories.enforcement import hangzhou_bureau
from tests.factories.tracking import (
    OBJECTOR_EMAIL,
    REPORTER_PHONE,
    application_open_to_objections,
    file_it,
    objection_to,
    reported_case,
)
from workflows.applications import actions as application_actions

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]
URL = "/track/"
NEUTRAL = "未找到与该编号和联系方式相符的办件"
BUREAU_NAME = "杭州市市场监督管理局"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.fixture
def report():
    return reported_case()


def look_up(client, number, contact, address="203.0.113.7"):
    return client.post(URL, {"number": number, "contact": contact}, REMOTE_ADDR=address)


def text(response) -> str:
    return response.content.decode()


def test_the_report_form_gives_a_tracking_number_and_points_to_the_lookup(client):
    from tests.factories.cases import longjing

    longjing()
    form = {
        "region": "330100",
        "violation_type": "outside_area",
        "party": "某超市（杭州市上城区）",
        "grounds": "超市销售标注“西湖龙井”的茶叶，包装注明产地为外省。",
        "contact": REPORTER_PHONE,
    }
    page = text(client.post("/report/", form))
    case = EnforcementCase.objects.get()
    assert case.tracking_number in page and "办件查询" in page and 'href="/track/"' in page
    assert case.complainant_contact == REPORTER_PHONE


def test_the_objection_confirmation_shows_its_tracking_number(client):
    application = application_open_to_objections(Cast())
    form = {
        "objector_name": "某某茶业公司",
        "objector_id_code": "91330106MA00000003",
        "contact": OBJECTOR_EMAIL,
        "grounds": "申请保护范围与我司产区重叠。",
    }
    page = text(client.post(f"/objections/{application.public_token}/", form))
    assert Objection.objects.get().tracking_number in page


def test_the_lookup_is_linked_from_the_registers_navigation(client):
    home = text(client.get("/"))
    assert re.search(r'<nav class="tabs"[^>]*>.*href="/track/"[^>]*>办件查询</a>', home, re.S)
    page = client.get(URL)
    assert page.status_code == 200 and "查询编号" in text(page) and page["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("number", "contact"),
    [
        (None, REPORTER_PHONE),
        (None, "13800138000"),
        (None, "+86 138-0013-8000"),
        ("lower", " 138 0013 8000 "),
    ],
)
def test_the_right_number_and_contact_show_where_the_report_stands(client, report, number, contact):
    typed = report.tracking_number.lower().replace("-", "") if number == "lower" else report.tracking_number
    response = look_up(client, typed, contact)
    page = text(response)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert report.tracking_number in page and "已受理" in page and BUREAU_NAME in page
    assert 'aria-current="step"' in page and "核查举报线索" in page
    assert NEUTRAL not in page


def test_the_result_shows_nothing_internal(client, report):
    hangzhou = hangzhou_bureau()
    for person in [hangzhou.lead, *hangzhou.inspectors]:
        person.full_name = "内部人员隐名"
        person.save()
    file_it(report, hangzhou)
    page = text(look_up(client, report.tracking_number, REPORTER_PHONE))
    assert "已立案" in page and "立案调查" in page
    for internal in ("内部人员隐名", "内部核查记录", "符合立案条件", report.number, report.party_description):
        assert internal not in page


def test_after_the_bureau_files_the_case_the_stepper_moves_on(client, report):
    before = text(look_up(client, report.tracking_number, REPORTER_PHONE))
    file_it(report, hangzhou_bureau())
    after = text(look_up(client, report.tracking_number, REPORTER_PHONE))
    current = re.compile(r'aria-current="step">.*?progress-stepper__label">([^<]+)<', re.S)
    assert current.search(before).group(1) == "核查举报线索"
    assert current.search(after).group(1) == "立案调查"


def test_an_objector_looks_up_by_e_mail_in_any_case(client):
    objection = objection_to(application_open_to_objections(Cast()))
    page = text(look_up(client, objection.tracking_number, "objector@EXAMPLE.com"))
    assert "受理审查" in page and "法规司" in page and "西湖藕粉" in page
    application_actions.decide_objection_admissibility(actor=Cast().fgs_staff, objection=objection, admissible=True)
    page = text(look_up(client, objection.tracking_number, OBJECTOR_EMAIL))
    assert "已受理" in page and "异议审查" in page and "已通知申请人答复" in page
    assert "申请保护范围与我司产区重叠" not in page  # the grounds are the objector's own, and stay in the file


def _neutral_inputs(report, objection):
    ten_kb = "8" * 10_240
    return [
        (report.tracking_number, "13800138001"),  # wrong contact
        (report.tracking_number, OBJECTOR_EMAIL),  # another case's contact
        (objection.tracking_number, REPORTER_PHONE),
        ("JB-22222-22222", REPORTER_PHONE),  # unknown number of the right shape
        ("YY-22222-22222", OBJECTOR_EMAIL),
        ("JB-0O1IL-22222", REPORTER_PHONE),  # no number can have these
        (ten_kb, REPORTER_PHONE),
        (report.tracking_number, ten_kb),
        ("", ""),
        ("' OR 1=1 --", "%"),
    ]


def test_anything_else_gets_the_same_neutral_answer_and_changes_nothing(client, report):
    objection = objection_to(application_open_to_objections(Cast()))
    events, cases = AuditEvent.objects.count(), EnforcementCase.objects.count()
    answers = set()
    for number, contact in _neutral_inputs(report, objection):
        response = look_up(client, number, contact)
        page = text(response)
        assert response.status_code == 200, (number[:20], contact[:20])
        assert NEUTRAL in page and "progress-stepper" not in page
        assert "\x00" not in page and "8" * 200 not in page
        # One answer for all: the page without its CSRF token and the value typed back.
        answers.add(re.sub(r' (value|content)="[^"]*"', "", page))
    assert len(answers) == 1
    assert AuditEvent.objects.count() == events and EnforcementCase.objects.count() == cases


@pytest.mark.parametrize("nul_in", ["number", "contact"])
def test_a_nul_is_refused_at_the_door_before_any_lookup(client, report, nul_in):
    """config.unstorable_input answers 400 before the view runs: it says nothing of the number."""
    number, contact = report.tracking_number, REPORTER_PHONE
    response = (
        look_up(client, number + "\x00", contact) if nul_in == "number" else look_up(client, number, contact + "\x00")
    )
    assert response.status_code == 400
    assert "progress-stepper" not in text(response) and "已受理" not in text(response)


def test_a_report_without_a_contact_cannot_be_looked_up(client):
    case = reported_case(contact="")
    assert NEUTRAL in text(look_up(client, case.tracking_number, ""))
    assert NEUTRAL in text(look_up(client, case.tracking_number, " "))


def test_lookups_are_limited_per_address(client, report):
    for _ in range(LOOKUPS_PER_HOUR):
        assert look_up(client, "JB-22222-22222", REPORTER_PHONE).status_code == 200
    refused = look_up(client, report.tracking_number, REPORTER_PHONE)
    assert refused.status_code == 429
    assert "查询次数过多" in text(refused) and "progress-stepper" not in text(refused)
    # Another address is not affected.
    assert "已受理" in text(look_up(client, report.tracking_number, REPORTER_PHONE, address="198.51.100.2"))


def test_the_lookup_answers_in_english_too(client, settings, report):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(look_up(client, report.tracking_number, REPORTER_PHONE))
    assert "Received" in page and "Hangzhou" in page and "Verification of the report" in page
    assert "No objection or report matches" in text(look_up(client, report.tracking_number, "1"))
