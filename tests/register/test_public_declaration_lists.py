"""The public list of authorised users and the published revocations."""

import pytest
from django.urls import reverse

from cases.declarations.services import declaration_submit, declaration_withdraw
from cases.supervision.services import check_decide_revocation, check_record_result
from tests.factories import EnterpriseFactory, UserFactory
from tests.factories.cases import draft_declaration
from tests.factories.organizations import valid_credit_code
from tests.factories.supervision import draw_and_open, provincial_campaign

pytestmark = pytest.mark.django_db

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def declare(name: str, code_number: int):
    producer = UserFactory()
    enterprise = EnterpriseFactory(name=name, credit_code=valid_credit_code(code_number))
    enterprise.accounts.create(user=producer)
    _user, draft = draft_declaration(user=producer, enterprise=enterprise)
    return producer, declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)


def test_a_published_declaration_is_listed_at_once_and_a_draft_never(client):
    _producer, published = declare("杭州狮峰茶业有限公司", 901)
    draft_declaration()  # a draft of another enterprise
    response = client.get(reverse("register:authorised_users"))
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert rows == [published]
    assert "杭州狮峰茶业有限公司" in response.content.decode()


def test_search_by_name_credit_code_product_and_province(client):
    _p, shifeng = declare("杭州狮峰茶业有限公司", 902)
    _q, meijiawu = declare("梅家坞茶叶合作社", 903)
    url = reverse("register:authorised_users")
    assert list(client.get(url, {"q": "狮峰"}).context["page"]) == [shifeng]
    code = meijiawu.enterprise.credit_code
    assert list(client.get(url, {"q": code.lower()}).context["page"]) == [meijiawu]
    assert set(client.get(url, {"product": "xhlj"}).context["page"]) == {shifeng, meijiawu}
    assert list(client.get(url, {"province": "320000"}).context["page"]) == []
    assert set(client.get(url, {"province": "330000"}).context["page"]) == {shifeng, meijiawu}


def test_bad_search_input_is_a_clear_error_not_a_500(client):
    response = client.get(reverse("register:authorised_users"), {"province": "999999", "q": "x" * 300})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_withdrawn_and_revoked_leave_the_list_and_revocations_are_published_with_the_reason(client):
    producer, withdrawn = declare("撤回茶业有限公司", 904)
    declaration_withdraw(actor=producer, declaration=withdrawn, reason="停产")
    _p, revoked = declare("撤销茶业有限公司", 905)
    lead, _inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=None, sample_percent=100)
    checks = draw_and_open(actor=lead, campaign=campaign, seed="revocations")
    [check] = [c for c in checks if c.declaration_id == revoked.pk]
    check_record_result(actor=check.inspector_a, check=check, outcome="revocation", findings="冒用", **PASSING)
    check_decide_revocation(actor=lead, check=check, approve=True, comment="超出保护范围生产，撤销使用资格")

    listed = list(client.get(reverse("register:authorised_users")).context["page"])
    assert withdrawn not in listed and revoked not in listed
    response = client.get(reverse("register:revocations"))
    assert list(response.context["page"]) == [revoked]
    page = response.content.decode()
    assert "撤销茶业有限公司" in page and "超出保护范围生产，撤销使用资格" in page
    # Never the inspectors.
    assert check.inspector_a.full_name not in page and check.inspector_b.full_name not in page


def test_search_by_product_counts_declarations_without_joining_products(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _p, shifeng = declare("杭州狮峰茶业有限公司", 906)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("register:authorised_users"), {"product": "xihu"}).context["page"]
    assert list(page) == [shifeng]
    [count] = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    # Matching products are found first: joined, PostgreSQL scanned every declaration (issue 9).
    assert "cases_protectedproduct" not in count
