"""What the keyset list tests share: the seeded lead, the rendered page links, a walk along them."""

import base64
import html
import json
import re

from django.conf import settings
from django.test import Client

from accounts.models import User
from bench.seed_volume import Seeder, Volume

PAGE_SIZE = 25
NEXT = re.compile(r'vf-list__pagination-item--next" data-page="[^"]*">\s*<a href="([^"]+)"')
PREVIOUS = re.compile(r'vf-list__pagination-item--prev" data-page="[^"]*">\s*<a href="([^"]+)"')
NOTICE = "That page link does not fit this list, so its first page is shown."


def seeded_lead() -> Client:
    """Half the declarations in the lead's county, a fifth still open; the lead signed in, in English."""
    Seeder(Volume(tasks=1_000), seed=5, focus_share=0.5, open_share=0.2).run()
    user = User.objects.get(username="bench.lead")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    client.user = user
    return client


def page_ids(response) -> list[int]:
    return [row.pk for row in response.context["page_obj"]]


def link(response, pattern, list_url: str) -> str | None:
    found = pattern.search(response.content.decode())
    return list_url + html.unescape(found.group(1)) if found else None


def walk(client, url: str, list_url: str, limit: int = 200) -> list[list[int]]:
    """Every page from `url` on, following the rendered "next" links."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(page_ids(response))
        url = link(response, NEXT, list_url)
        assert len(pages) < limit, "the next links go round in circles"
    return pages


def cursor_of(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
