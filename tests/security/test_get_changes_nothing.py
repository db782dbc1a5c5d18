"""Generated from the URL configuration: no page changes anything when it is only read (GET)."""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations

pytestmark = pytest.mark.django_db

# Rows a GET may legitimately write: the visitor's own session.
IGNORED_TABLES = {"accounts.usersession", "sessions.session"}


def _part(pattern) -> str | None:
    """The literal text of one pattern, or None when it needs an argument."""
    text = str(pattern.pattern)
    if "<" in text or "(?P" in text or "(" in text:
        return None
    text = text.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    if re.search(r"[\\\[\]*+?{}|]", text):
        return None
    return text


def urls_without_arguments(patterns=None, prefix="/") -> list[str]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        part = _part(entry)
        if part is None:
            continue
        if isinstance(entry, URLResolver):
            found.extend(urls_without_arguments(entry.url_patterns, prefix + part))
        elif isinstance(entry, URLPattern):
            found.append(prefix + part)
    return sorted(set(found))


def snapshot() -> dict[str, tuple[int, int]]:
    """Rows and a digest of their contents per table: a GET that edits a row (marks all read, say) shows too."""
    return {
        model._meta.label_lower: (
            model._default_manager.count(),
            hash(repr(list(model._default_manager.order_by("pk").values_list()))),
        )
        for model in apps.get_models()
        if model._meta.label_lower not in IGNORED_TABLES and model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def world():
    """Enough of everything that lists and dashboards have rows to show."""
    published_declarations(2)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    draw_and_open(actor=lead, campaign=campaign, seed="get")
    producer = UserFactory()
    from cases.models import Declaration

    Declaration.objects.first().enterprise.accounts.create(user=producer)
    return {
        "anonymous": None,
        "producer": producer,
        "county staff": make_member("AMR-330106", Role.STAFF),
        "provincial lead": lead,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


def test_the_url_list_is_not_empty():
    urls = urls_without_arguments()
    for expected in ("/", "/accounts/login/", "/portal/", "/staff/workflow/inbox/", "/admin/", "/supervision/"):
        assert expected in urls
    assert len(urls) > 30


def test_no_get_changes_state_or_fails(client, world):
    urls = urls_without_arguments()
    checked = 0
    for persona, user in world.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        before = snapshot()
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, f"{persona} GET {url}: {response.status_code}"
            checked += 1
        after = snapshot()
        changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
        assert changed == {}, f"GET as {persona} changed {changed}"
    assert checked == len(urls) * len(world)
