import secrets

import pytest
from django.utils import translation

from cases.services.declarations import declaration_submit, declaration_withdraw
from tests.factories.cases import draft_declaration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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
