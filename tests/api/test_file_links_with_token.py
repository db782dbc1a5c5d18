"""The files an API answer links open with the same API token (accounts/api_tokens.py): a script
that lists a declaration's attachments can fetch them; a wrong token is told so; a token reads only
what its user may read; and a token signs in nothing but those downloads."""

import hashlib

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories.cases import producer_with_enterprise

pytestmark = pytest.mark.django_db


def with_token(user) -> Client:
    token, _created = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def test_a_script_fetches_the_attachments_its_answer_lists(published):
    user, declaration = published
    client = with_token(user)
    answer = client.get(f"/api/declarations/{declaration.pk}/")
    assert answer.status_code == 200
    attachments = answer.json()["attachments"]
    assert attachments
    for attachment in attachments:
        response = client.get(attachment["download_url"])
        assert response.status_code == 200, attachment["download_url"]
        assert "attachment" in response["Content-Disposition"]
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == attachment["sha256"]


def test_without_a_token_the_link_asks_for_a_login_as_any_page(published):
    user, declaration = published
    link = with_token(user).get(f"/api/declarations/{declaration.pk}/").json()["attachments"][0]["download_url"]
    response = Client().get(link)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_wrong_token_is_told_plainly_not_sent_to_a_login_page(published):
    user, declaration = published
    link = with_token(user).get(f"/api/declarations/{declaration.pk}/").json()["attachments"][0]["download_url"]
    for header in ("Token 0123456789abcdef", "Token", "Token a b", "token \udcff".encode("utf-8", "surrogateescape")):
        response = Client(HTTP_AUTHORIZATION=header).get(link)
        assert response.status_code == 401, header
        assert response.content.decode() == "API 令牌无效。"
    user.is_active = False
    user.save()
    assert with_token(user).get(link).status_code == 401  # a deactivated account's token opens nothing


def test_another_users_token_finds_nothing(published):
    user, declaration = published
    link = with_token(user).get(f"/api/declarations/{declaration.pk}/").json()["attachments"][0]["download_url"]
    stranger, _enterprise = producer_with_enterprise()
    assert with_token(stranger).get(link).status_code == 404


def test_a_token_signs_in_no_page(published):
    user, _declaration = published
    for page in ("/portal/", "/notifications/", "/work/"):
        response = with_token(user).get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
