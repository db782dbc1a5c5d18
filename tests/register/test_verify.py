import secrets

import pytest
from django.utils import translation

from cases.declarations.services import declaration_submit, declaration_withdraw
from tests.factories.cases import draft_declaration

# A revocation is dated today: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def page(client, token):
    client.cookies["terroir_language"] = "en"
    return client.get(f"/verify/{token}/")


def test_published_declaration_is_authorised_then_withdrawn_at_once(client):
    producer, declaration = draft_declaration()
    declaration = declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True)
    response = page(client, declaration.verification_token)
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Authorised" in body and declaration.enterprise.name in body and "西湖龙井" in body
    declaration_withdraw(actor=producer, declaration=declaration, reason="停产")
    body = page(client, declaration.verification_token).content.decode()
    assert "Withdrawn" in body and "Authorised" not in body


def test_unknown_and_draft_tokens_say_not_found_and_nothing_else(client):
    _producer, draft = draft_declaration()
    for token in (secrets.token_urlsafe(18), draft.verification_token, "x" * 200):
        response = page(client, token)
        body = response.content.decode()
        assert response.status_code == 404
        assert "Not found" in body
        assert draft.enterprise.name not in body and draft.enterprise.credit_code not in body


def test_verification_page_is_chinese_by_default(client):
    producer, declaration = draft_declaration()
    declaration = declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True)
    body = client.get(f"/verify/{declaration.verification_token}/").content.decode()
    with translation.override("zh-hans"):
        authorised = translation.gettext("Authorised")
    assert authorised != "Authorised" and authorised in body


def test_tokens_are_long_random_and_printable_without_ambiguity():
    from cases.models.declarations import TOKEN_ALPHABET, new_verification_token

    tokens = {new_verification_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(token) == 26 and set(token) <= set(TOKEN_ALPHABET) for token in tokens)
    assert not set("0O1lI-_") & set(TOKEN_ALPHABET)


def test_authorised_then_revoked_changes_the_answer_at_once_on_the_page_and_in_the_api(client):
    from django.utils import timezone

    from cases.models import ProductRevocation
    from cases.products.services import product_revocation_decide, product_revocation_propose
    from documents.models import Document
    from organizations.models import Role
    from tests.factories import make_member

    producer, declaration = draft_declaration()
    declaration = declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True)
    token = declaration.verification_token
    body = page(client, token).content.decode()
    assert "Authorised" in body and "Revoked" not in body
    assert client.get(f"/api/register/verify/{token}/").json()["verdict"] == "authorised"

    revocation = product_revocation_propose(
        actor=make_member("KJS", Role.STAFF),
        product=declaration.product,
        ground=ProductRevocation.Ground.values[0],
        reasons="产地环境发生重大变化，无法保证产品特定品质。",
    )
    product_revocation_decide(actor=make_member("KJS", Role.LEAD), revocation=revocation, approve=True, comment="同意")

    today = timezone.localdate().isoformat()
    response = page(client, token)
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert f"Revoked on {today}" in body and "Authorised" not in body
    assert declaration.enterprise.name in body and "西湖龙井" in body
    api_answer = client.get(f"/api/register/verify/{token}/").json()
    assert api_answer["verdict"] == "revoked" and api_answer["ended_on"] == today and not api_answer["may_use_mark"]
    # The register entry tells the same story: revoked, with its announcement.
    product_page = client.get(f"/products/{declaration.product.public_token}/").content.decode()
    announcement = Document.objects.get(kind="product.revocation_announcement")
    assert "Protection revoked" in product_page and announcement.number in product_page
