"""The error pages (400, 403, 403 CSRF, 404, 409, 500) say everything in both languages, each half
marked with its `lang`; the page's own language, its title and everything not marked are the
reader's. Read as the language crawl reads a page (tests/i18n/crawl.py, docs/adr/0038)."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory
from tests.i18n.crawl import chinese_runs, english_words, machine_codes, visible_text
from tests.i18n.test_every_page_in_its_language import ALLOWED_IN_CHINESE

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "en"]
TITLES = {
    "400": "Bad request",
    "403": "Access denied",
    "403 CSRF": "The form has expired",
    "404": "Page not found",
    "409": "Someone was quicker",
    "500": "Something went wrong",
}


def offences(html: str, language: str) -> list[str]:
    texts, _links = visible_text(html, language)
    found = []
    for text_language, text in texts:
        found += [f"{why}: {code}" for why, code in machine_codes(text, text_language)]
        if text_language == "zh":
            found += [f"English in Chinese: {word}" for word in english_words(text, ALLOWED_IN_CHINESE)]
        elif text_language == "en":
            found += [f"Chinese in English: {run}" for run in chinese_runs(text, set())]
        else:
            found.append(f"unexpected language {text_language}: {text}")
    return found


def client_in(language: str, **options) -> Client:
    client = Client(raise_request_exception=False, **options)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def error_pages(language: str) -> dict[str, tuple[int, str]]:
    """Each error page as a person in `language` meets it: (status, HTML)."""
    pages = {}
    client = client_in(language)
    response = client.get("/no-such-page/")
    pages["404"] = (response.status_code, response.content.decode())
    response = client.get("/", {"q": "\x00"})  # a NUL cannot be stored (config/unstorable_input.py)
    pages["400"] = (response.status_code, response.content.decode())
    client.force_login(UserFactory())  # signed in, but a member of no department
    response = client.get("/staff/workflow/inbox/")
    pages["403"] = (response.status_code, response.content.decode())
    csrf_client = client_in(language, enforce_csrf_checks=True)
    response = csrf_client.post("/language/", {"language": language})
    pages["403 CSRF"] = (response.status_code, response.content.decode())
    # The 409 and 500 pages are drawn by the conflict middleware and Django's handler, inside the
    # language middleware: drawn here the same way, in the reader's language.
    with translation.override(language):
        pages["409"] = (409, render_to_string("409.html", {"where_it_stands": "/work/"}))
        pages["500"] = (500, render_to_string("500.html"))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_page_reads_in_the_readers_language_and_marks_the_other(language):
    for name, (status, html) in error_pages(language).items():
        assert status == int(name.split()[0]), name
        assert f'<html lang="{language}">' in html, name
        assert '<div lang="zh-hans">' in html and '<div lang="en">' in html, name
        assert offences(html, language) == [], name
        with translation.override(language):
            title = translation.gettext(TITLES[name])
        assert f"<title>{title} · " in html, name
