"""The 案件 page (/cases/): staff only, in words, and calm about any input."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from organizations.models import Role
from tests.factories import make_member
from tests.factories.cases import producer_with_enterprise

from .case_search_rows import FUJIAN, Casework

pytestmark = pytest.mark.django_db

URL = "/cases/"
PROMPT = (
    "Type a case number (or part of it), the name or credit code of a party, or a product's name or pinyin; "
    "or choose a kind or a status. Only the cases of your jurisdiction are searched."
)


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


def results(page: str) -> str:
    """The results table's rows, as text a person reads (no markup, no attributes)."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    return re.sub(r"<[^>]+>", " ", body[1]) if body else ""


@pytest.fixture
def staff(client):
    client.force_login(make_member("AMR-330000", Role.STAFF))
    return client


def test_the_page_has_its_name_for_the_staff_menu():
    assert reverse("case_search:index") == URL


def test_a_producer_and_an_anonymous_visitor_cannot_open_the_page(client):
    Casework.of_every_kind(1)
    response = client.get(URL, {"q": "测试"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    producer, _enterprise = producer_with_enterprise()
    client.force_login(producer)
    response = client.get(URL, {"q": "测试"})
    assert response.status_code == 403
    assert "测试茶业" not in response.content.decode()


def test_the_staff_find_a_case_by_part_of_a_party_name_and_read_the_row_in_words(staff):
    work = Casework.of_every_kind(1, party="杭州西湖龙井茶业有限公司")
    response = staff.get(URL, {"q": "龙井茶业"})
    assert response.status_code == 200
    page = response.content.decode()
    row = re.search(rf"<tr>\s*<td[^>]*><span><a href=\"/enforcement/{work.enforcement.pk}/\">(.*?)</tr>", page, re.S)
    assert row, page
    cells = row[0]
    assert work.enforcement.number in cells
    for words in (zh("enforcement case"), "杭州西湖龙井茶业有限公司", "测试产品0001", zh("clue under verification")):
        assert words in cells
    assert "杭州市西湖区市场监督管理局" in cells or "西湖区" in cells
    assert "2026-03-02" in cells
    assert "verifying" not in re.sub(r"<[^>]+>", " ", page)  # the status in words, never its code
    assert f'href="/applications/{work.application.pk}/"' in page


def test_another_province_never_sees_the_case_on_the_page(client):
    work = Casework.of_every_kind(1)
    Casework.of_every_kind(2, where=FUJIAN)
    client.force_login(make_member("AMR-350000", Role.LEAD))
    for text in (work.enforcement.number, work.declaration.reference, "测试茶业有限公司0001"):
        page = client.get(URL, {"q": text}).content.decode()
        assert results(page) == ""
        assert zh("No case you may see matches the search.") in page


def test_an_empty_search_asks_what_to_look_for(staff):
    Casework.of_every_kind(1)
    for query in ({}, {"q": ""}, {"q": "   "}, {"cursor": "x"}):
        response = staff.get(URL, query)
        assert response.status_code == 200
        page = response.content.decode()
        assert "<table" not in page
        assert zh(PROMPT) in page


def test_a_nul_is_refused_at_the_door(staff):
    """config.unstorable_input: a 400 that says why, before the search reads anything."""
    response = staff.get(URL, {"q": "SB-\x00330106"})
    assert response.status_code == 400
    assert "无法保存的字符" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "茶" * 10_000}, "100"),
        ({"kind": "no-such-kind"}, None),
        ({"status": "declaration:no-such-status"}, None),
        ({"status": "verifying"}, None),
        ({"kind": "declaration", "status": "enforcement:verifying"}, None),
    ],
)
def test_bad_input_gets_a_clear_message_and_no_results(staff, query, message):
    Casework.of_every_kind(1)
    response = staff.get(URL, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="form-errors" role="alert"' in page
    assert "<table" not in page
    if message:
        assert message in page


@pytest.mark.parametrize(
    "text",
    [
        "😀🍵",
        "\u202e测试\u202c",  # right-to-left override
        "\u200b\u200d",  # zero-width characters
        "ｓｂ－３３０１０６",  # full-width
        "e\u0301\u0301\u0301",  # combining marks
        "%_%",  # LIKE wildcards are searched as text
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "\U0010ffff",
    ],
)
def test_odd_unicode_is_searched_as_text_without_an_error(staff, text):
    Casework.of_every_kind(1)
    response = staff.get(URL, {"q": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert zh("No case you may see matches the search.") in page


def test_a_broken_surrogate_in_the_address_is_no_error(staff):
    response = staff.get(URL + "?q=%ED%A0%80&cursor=%ff%fe")
    assert response.status_code == 200


def test_more_cases_follow_by_the_link_and_the_first_page_comes_back(staff, monkeypatch):
    monkeypatch.setattr("workflows.case_search.selectors.PAGE_SIZE", 4)
    for serial in range(1, 3):
        Casework.of_every_kind(serial)
    first = staff.get(URL, {"q": "测试"}).content.decode()
    more = re.search(r'href="(\?[^"]*cursor=[^"]+)">' + zh("More cases"), first)
    assert more, first
    second = staff.get(URL + more[1].replace("&amp;", "&")).content.decode()
    assert zh("First page") in second
    label = zh("Case number")
    numbers = [
        re.findall(rf'<td data-label="{label}"><span>(?:<a href="[^"]*">)?([^<]+)', page) for page in (first, second)
    ]
    assert [len(found) for found in numbers] == [4, 4]
    assert len(set(numbers[0] + numbers[1])) == 8
