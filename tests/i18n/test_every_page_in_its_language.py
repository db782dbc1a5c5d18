"""Chinese first, nothing raw (docs/adr/0038): every page every demo persona reaches by links reads
in Chinese with no English word or machine code in it, and in English with no Chinese left in the
interface (the data, names of people, bodies, products and places, stay as they were written)."""

import os
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.test import Client

from demo.personas import ENTERPRISES
from demo.personas import STAFF as STAFF_PERSONAS
from tests.i18n.crawl import Crawl, chinese_runs, data_tokens, english_words, machine_codes

pytestmark = [pytest.mark.django_db, pytest.mark.language_crawl, pytest.mark.on_date("2026-12-07")]

ANONYMOUS = "anonymous"
# The home page, the persona's landing (their work list or portal), the API's HTML docs (no link
# leads there: developers are given its address).
START_PAGES = ("/", "/accounts/landing/", "/api/docs/")
# viewflow's old task lists, which no Terroir page links to but a staff member may have bookmarked:
# they lead to 我的工作 now (ADR 0037), and the crawl follows them there.
STAFF_START_PAGES = ("/staff/workflow/inbox/", "/staff/workflow/queue/", "/staff/workflow/archive/")
STAFF = {persona.username for persona in STAFF_PERSONAS}
PERSONAS = [
    ANONYMOUS,
    *(persona.username for persona in ENTERPRISES),
    *(persona.username for persona in STAFF_PERSONAS),
]

# Latin words a Chinese page may show, each with its reason and each met on some page. References
# made of capitals and digits (DB33/T, a tracking number) are not words (crawl.latin_tokens); data
# (names people wrote: a product's English name, an address) come from the database (data_allowed).
ALLOWED_IN_CHINESE = {
    "Terroir": "the product's name, Latin in every language (brand)",
    "GB": "national standard numbers (GB/T 17924-2008), written so in Chinese",
    "PDF": "a file type, so named in Chinese",
    "XLSX": "a file type, so named in Chinese",
    "CSV": "a file type, so named in Chinese",
    "PNG": "a file type, so named in Chinese",
    "JPEG": "a file type, so named in Chinese",
    "MB": "file size unit",
    "API": "the programming interface, so named in Chinese",
    "Cookie": "the browser's cookie, so named in Chinese (浏览器 Cookie): the CSRF page's advice",
}

# Models whose text columns hold data people wrote or reference data (names, addresses, free
# text), as opposed to interface text or machine codes (the audit trail's action codes, viewflow's
# node names, notifications rendered from templates are not data here).
DATA_APPS = (
    "accounts",
    "organizations",
    "cases",
    "reports",
    "documents",
    "teamwork",
    "deadlines",
    "rural",
    "zones",
    "brands",
    "agreement",
    "promotion",
    "marks",
)
# Text written once, in the language of its reader or its office at the time, and stored: shown
# as it was written, like a letter already sent.
DATA_FIELDS = {
    # notifications/services.py renders each message in its recipient's language when it is sent.
    ("notifications", "notification"): ("subject", "body"),
    # the comment of an audit event: what a person wrote with a decision, or (team work, ADR 0035)
    # the step's name written in the office's language.
    ("audit", "auditevent"): ("comment",),
}


def data_allowed() -> tuple[set[str], set[str]]:
    values: list[str] = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.FileField)
            and not f.choices
            and f.name != "password"  # a hash, never shown
        ]
        if model._meta.app_label not in DATA_APPS:
            fields = list(DATA_FIELDS.get((model._meta.app_label, model._meta.model_name), ()))
        if not fields:
            continue
        files = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)}
        for row in model._default_manager.values_list(*fields):
            # a stored file's path ends in the name it was uploaded with, which is what pages show
            values.extend(
                str(value).rsplit("/", 1)[-1] if name in files else str(value)
                for name, value in zip(fields, row, strict=True)
                if value
            )
    return data_tokens(values)


def log_in(client: Client, persona: str) -> None:
    if persona != ANONYMOUS:
        # force_login: the login page's lockout (django-axes) needs a request, which login() lacks;
        # that the demo's password opens each account is tested by the demo's own tests.
        client.force_login(get_user_model().objects.get(username=persona))


def checks() -> dict:
    """What each language's text may not hold: machine codes in both; English words (outside the
    allow-list and the data) in Chinese; Chinese characters (outside the data) in English."""
    latin_data, cjk_data = data_allowed()
    allowed = set(ALLOWED_IN_CHINESE) | latin_data

    def chinese(text: str) -> list[tuple[str, str]]:
        found = machine_codes(text, "zh")
        return found + [("English word", word) for word in english_words(text, allowed)]

    def english(text: str) -> list[tuple[str, str]]:
        found = machine_codes(text, "en")
        return found + [("Chinese left", run) for run in chinese_runs(text, cjk_data)]

    return {"zh": chinese, "en": english}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_of_every_persona_speaks_its_language(language):
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    language_checks = checks()
    only = os.environ.get("CRAWL_PERSONAS")
    findings, pages, walked = [], 0, []
    shared: Counter[str] = Counter()
    public: set[str] = set()
    for persona in only.split(",") if only else PERSONAS:
        client = Client(raise_request_exception=False)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        log_in(client, persona)
        crawl = Crawl(
            client,
            persona,
            language,
            language_checks,
            start=START_PAGES + (STAFF_START_PAGES if persona in STAFF else ()),
            shared=shared,
            public=public,
        )
        crawl.run()
        if persona == ANONYMOUS:
            public.update(crawl.read)
        findings += crawl.findings
        pages += len(crawl.visited)
        walked += [f"{persona} {url}" for url in crawl.visited]
        walked += [f"{persona} refused: {refusal}" for refusal in crawl.refused]
    report = sorted({str(finding) for finding in findings})
    if os.environ.get("CRAWL_REPORT"):
        Path(os.environ["CRAWL_REPORT"]).write_text("\n".join(report) + f"\n{pages} pages\n", encoding="utf-8")
        Path(os.environ["CRAWL_REPORT"] + ".walked").write_text("\n".join(walked), encoding="utf-8")
    assert pages > 100
    assert report == [], f"{len(report)} findings in {pages} pages:\n" + "\n".join(report)
