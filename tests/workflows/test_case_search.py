"""The 案件 search (workflows/case_search): each kind found by each criterion, the exact number
first, newest first by pages, the filters, and only within the user's jurisdiction."""

import datetime

import pytest
from django.db import transaction
from django.utils import translation
from viewflow.workflow.status import PROCESS

from audit.services import audit_record
from cases.declarations.choices import DeclarationAction
from cases.models import Declaration, ProtectedProduct
from organizations.models import Department, Role
from tests.factories import make_member
from workflows.case_search.kinds import KIND_BY_CODE
from workflows.case_search.selectors import criteria_for, search_cases

from .case_search_rows import FUJIAN, START, Casework

pytestmark = pytest.mark.django_db

KINDS = ["application", "objection", "declaration", "check", "enforcement", "revocation"]


def province_staff():
    return make_member("AMR-330000", Role.STAFF)


def found(user, text="", **options) -> list[tuple[str, int]]:
    kind = options.pop("kind", "")
    cursor = options.pop("cursor", "")
    size = options.pop("size", 50)
    page = search_cases(user, criteria_for(text=text, **options), kind=kind, cursor=cursor, size=size)
    return [(row.kind.code, row.pk) for row in page.rows]


def keys(*cases) -> set[tuple[str, int]]:
    code = {
        "Application": "application",
        "Objection": "objection",
        "Declaration": "declaration",
        "SupervisionCheck": "check",
        "EnforcementCase": "enforcement",
        "ProductRevocation": "revocation",
    }
    return {(code[type(case).__name__], case.pk) for case in cases}


# ---------------------------------------------------------------- each kind, each criterion


@pytest.fixture(params=["ids", "condition"])
def named_as(request, monkeypatch):
    """The enterprises and products a text names go to the kinds' queries as ids when few, as
    the condition on their names when many (kinds.Named): the same cases either way."""
    if request.param == "condition":
        monkeypatch.setattr("workflows.case_search.selectors.IDS_INLINE", 0)
    return request.param


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_found_by_its_number_and_the_exact_number_comes_first(kind):
    Casework.of_every_kind(1)
    wanted = Casework.of_every_kind(2)
    Casework.of_every_kind(3)
    case = getattr(wanted, kind)
    number = f"{case.campaign.reference} #{case.draw_position}" if kind == "check" else str(case)
    number = wanted.application.reference if kind == "application" else number
    page = search_cases(national_lead(), criteria_for(text=number.lower()))
    first = page.rows[0]
    assert (first.kind.code, first.pk, first.exact) == (kind, case.pk, True)
    assert first.number == number
    assert [row for row in page.rows if row.exact] == [first]


def national_lead():
    return make_member("KJS", Role.LEAD)


def test_part_of_a_number_finds_the_cases_that_contain_it():
    one = Casework.of_every_kind(1)
    Casework.of_every_kind(2)
    assert set(found(province_staff(), "2026-0001")) == keys(one.application, one.objection, one.revocation)
    assert set(found(province_staff(), "330106-0001")) == keys(one.enforcement)
    assert set(found(province_staff(), "CC-AMR-330000-2026-001")) == keys(one.check)


def test_a_party_is_found_by_part_of_its_name_in_every_kind_it_is_party_to(named_as):
    one = Casework.of_every_kind(1, party="杭州西湖龙井茶业有限公司")
    Casework.of_every_kind(2)
    expected = keys(one.application, one.declaration, one.check, one.enforcement)
    assert set(found(province_staff(), "龙井茶业")) == expected
    assert set(found(province_staff(), "异议人0001")) == keys(one.objection)  # the objector
    assert set(found(province_staff(), "零售店0001")) == keys(one.enforcement)  # the party as reported


def test_a_party_is_found_by_its_unified_social_credit_code(named_as):
    one = Casework.of_every_kind(1)
    Casework.of_every_kind(2)
    code = one.declaration.enterprise.credit_code
    expected = keys(one.application, one.declaration, one.check, one.enforcement)
    assert set(found(province_staff(), code.lower())) == expected
    assert set(found(province_staff(), one.objection.objector_id_code)) == keys(one.objection)


def test_a_product_is_found_by_its_name_and_by_its_pinyin(named_as):
    one = Casework.of_every_kind(1, product="西湖龙井")
    Casework.of_every_kind(2)
    ProtectedProduct.objects.filter(name="西湖龙井").update(name_pinyin="xihulongjing xhlj")
    every_kind = keys(*one.all())
    assert set(found(province_staff(), "龙井")) == every_kind
    assert set(found(province_staff(), "XiHu")) == every_kind - keys(one.objection)  # pinyin names the product
    assert set(found(province_staff(), "xhlj")) == every_kind - keys(one.objection)


def test_nothing_is_found_for_a_text_no_case_has():
    Casework.of_every_kind(1)
    assert found(province_staff(), "没有这个") == []


# ---------------------------------------------------------------- order and pages


def test_newest_first_and_the_pages_follow_each_other_without_repeating_or_losing_a_case():
    works = [Casework.of_every_kind(serial) for serial in range(1, 6)]
    user = province_staff()
    everything = found(user, "测试")
    assert len(everything) == 30
    openings = [row.opened for row in search_cases(user, criteria_for(text="测试")).rows]
    assert openings == sorted(openings, reverse=True)
    assert everything[:6] == sorted(everything[:6], key=lambda key: -KIND_BY_CODE[key[0]].rank)
    pages, cursor = [], ""
    while True:
        page = search_cases(user, criteria_for(text="测试"), cursor=cursor, size=7)
        pages.append([(row.kind.code, row.pk) for row in page.rows])
        assert len(page.rows) <= 7
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert [key for rows in pages for key in rows] == everything
    assert len(pages) == 5
    assert keys(*works[0].all()) == set(everything[-6:])  # the oldest last


def test_the_exact_number_is_shown_on_the_first_page_only():
    Casework.of_every_kind(1)
    wanted = Casework.of_every_kind(2)
    user = province_staff()
    first = search_cases(user, criteria_for(text=wanted.declaration.reference), size=1)
    assert first.rows[0].exact
    rest, cursor = [], first.next_cursor
    while cursor:
        page = search_cases(user, criteria_for(text=wanted.declaration.reference), cursor=cursor, size=1)
        rest += page.rows
        cursor = page.next_cursor
    assert (first.rows[0].kind.code, first.rows[0].pk) not in {(row.kind.code, row.pk) for row in rest}


def test_a_cursor_that_is_not_ours_gives_the_first_page_and_says_so():
    Casework.of_every_kind(1)
    for cursor in ["nonsense", "W10", "x" * 5000, "WyIyMDI2LTAzLTAyVDA5OjAwOjAwIiwxLDFd", "\x00", "é"]:
        page = search_cases(province_staff(), criteria_for(text="测试"), cursor=cursor)
        assert page.cursor_invalid and not page.is_continuation
        assert len(page.rows) == 6


# ---------------------------------------------------------------- filters


def test_open_only_keeps_cases_whose_process_runs_and_undecided_objections():
    running = Casework.of_every_kind(1).with_processes(PROCESS.NEW)
    ended = Casework.of_every_kind(2).with_processes(PROCESS.DONE)
    ended.objection.refuse_as_inadmissible()
    ended.objection.save()
    assert set(found(province_staff(), "测试", open_only=True)) == keys(*running.all())
    assert set(found(province_staff(), "", open_only=True)) == keys(*running.all())


def test_a_supervision_check_being_opened_is_open():
    work = Casework.of_every_kind(1)
    type(work.check).objects.filter(pk=work.check.pk).update(opened_at=None)
    assert keys(work.check) <= set(found(province_staff(), open_only=True))


def test_the_kind_and_the_status_filters():
    one = Casework.of_every_kind(1)
    two = Casework.of_every_kind(2)
    Declaration.objects.filter(pk=two.declaration.pk).update(status=Declaration.Status.SUSPENDED)
    user = province_staff()
    assert set(found(user, kind="declaration")) == keys(one.declaration, two.declaration)
    assert set(found(user, "测试", kind="enforcement")) == keys(one.enforcement, two.enforcement)
    assert set(found(user, kind="declaration", status="suspended")) == keys(two.declaration)


# ---------------------------------------------------------------- jurisdiction


def test_staff_of_another_province_never_see_a_case_and_see_their_own(named_as):
    zhejiang = Casework.of_every_kind(1)
    fujian = Casework.of_every_kind(2, where=FUJIAN)
    fujian_staff = make_member("AMR-350000", Role.STAFF)
    for text in ["测试", zhejiang.declaration.reference, zhejiang.declaration.enterprise.credit_code, "零售店0001"]:
        assert not set(found(fujian_staff, text)) & keys(*zhejiang.all()), text
    assert set(found(fujian_staff, "测试")) == keys(*fujian.all())
    assert set(found(fujian_staff, open_only=False, kind="enforcement")) == keys(fujian.enforcement)
    assert set(found(province_staff(), "测试")) == keys(*zhejiang.all())
    assert set(found(national_lead(), "测试")) == keys(*zhejiang.all(), *fujian.all())


def test_a_county_sees_its_own_ground_only_as_each_kind_rules():
    """A county bureau sees the declarations, checks and enforcement cases of its county; the
    applications, objections and revocations are the province's and the nation's."""
    work = Casework.of_every_kind(1)
    county = make_member("AMR-330106", Role.INSPECTOR)
    assert set(found(county, "测试")) == keys(work.declaration, work.check, work.enforcement)
    other_county = make_member("AMR-330102", Role.INSPECTOR)
    assert found(other_county, "测试") == []


def test_a_draft_declaration_stays_with_the_producer():
    work = Casework.of_every_kind(1)
    Declaration.objects.filter(pk=work.declaration.pk).update(status=Declaration.Status.DRAFT)
    assert keys(work.declaration) & set(found(province_staff(), work.declaration.reference)) == set()


# ---------------------------------------------------------------- what a row shows


def test_a_row_says_its_kind_status_bureau_and_last_change_in_words():
    work = Casework.of_every_kind(1).with_processes()
    with transaction.atomic():
        event = audit_record(actor=None, action=DeclarationAction.SUBMIT, target=work.declaration)
    with translation.override("zh-hans"):
        rows = {row.kind.code: row for row in search_cases(province_staff(), criteria_for(text="测试产品0001")).rows}
        assert str(rows["declaration"].kind.label) == "自我声明"
        assert rows["declaration"].status == translation.gettext("published") != "published"
        assert rows["enforcement"].status == translation.gettext("clue under verification")
    bureaus = {code: row.bureau.display_name for code, row in rows.items()}
    assert bureaus == {
        kind: Department.objects.get(code=code).name
        for kind, code in {
            "application": "AMR-330000",  # the province's bureau
            "objection": "FGS",  # 法规司 decides objections
            "declaration": "AMR-330106",  # the bureau of the production site
            "check": "AMR-330000",  # the campaign's organiser
            "enforcement": "AMR-330106",
            "revocation": "KJS",
        }.items()
    }
    assert rows["declaration"].last_change == event.occurred_at
    assert rows["application"].last_change == START + datetime.timedelta(hours=1)  # no event: when it began
    assert (rows["enforcement"].party, rows["enforcement"].product) == ("测试茶业有限公司0001", "测试产品0001")
    assert rows["application"].url == f"/applications/{work.application.pk}/"
    assert rows["objection"].url == f"/applications/{work.application.pk}/"
    assert rows["enforcement"].url == f"/enforcement/{work.enforcement.pk}/"
    assert rows["revocation"].url == f"/applications/products/{work.revocation.product_id}/"
    assert rows["declaration"].url.startswith("/staff/workflow/flows/declaration/")
    assert rows["check"].url.startswith("/staff/workflow/flows/supervisioncheck/")
