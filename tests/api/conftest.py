import pytest
from rest_framework.test import APIClient

from tests.factories.cases import draft_declaration, producer_with_enterprise


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache; one test's requests must not limit the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _language_restored():
    """The API activates the caller's language in the test's own thread (PreferredLanguageMixin):
    give the next test the language this one started with."""
    from django.utils import translation

    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def api():
    return APIClient()


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def producer():
    return producer_with_enterprise()


@pytest.fixture
def published(producer):
    from workflows.declarations.actions import publish

    user, enterprise = producer
    user, declaration = draft_declaration(user=user, enterprise=enterprise)
    return user, publish(actor=user, declaration=declaration, commitment_accepted=True)
