"""The language crawl (docs/adr/0038): every page a demo persona can reach by following links,
read as a person reads it, in each language; what the page says that is not in that language,
or is a machine code, is collected as `persona · URL · text`.

Only the test client is used (no browser): pages are fetched in-process, links are followed
breadth-first within the site, and a page's visible text is the text between its tags outside
<script>/<style>, plus the attributes a person sees or hears (title, placeholder, aria-label,
alt, the value of a button), plus <option> text.
"""

import re
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

# viewflow's Material frontend left the staff path (ADR 0037): a page drawn with its markup is a
# finding of its own, whatever its words.
MATERIAL_MARKUP = re.compile(r"<vf-[a-z-]+|class=\"[^\"]*\bmdc-")

# Bounds: a persona's crawl stops after this many pages; a path is read with at most this many
# query strings, and one URL pattern (a case page, a task page) with at most this many addresses
# (the demo has a handful of cases per kind: more would read the same template again).
MAX_PAGES = 400
MAX_QUERIES_PER_PATH = 3
MAX_URLS_PER_PATTERN = 8
# A page the anonymous visitor reaches is the same for everyone but its header: read by this many
# signed-in personas (one portal user and one staff member come first in the persona list).
MAX_READERS_OF_A_PUBLIC_PAGE = 3

# Never followed: signing out, switching the language (the crawl chooses it), the Django admin
# (the administrator's own tool, in Django's translations), the JSON API (its HTML docs page is
# Swagger UI's, drawn by script), static files and files to download.
SKIPPED_PREFIXES = ("/accounts/logout/", "/language/", "/admin/", "/api/", "/static/", "/media/")
API_PAGES = ("/api/docs/",)  # the API's one HTML page (its text is drawn by Swagger UI's script)
# Files to download, known by their address before they are drawn (a PDF takes a second to set);
# any other response that is not HTML is fetched but not read.
DOWNLOAD = re.compile(r"(?:\.pdf|\.xlsx|\.csv|/pdf/|/download/)$|[?&]format=(?:csv|xlsx|pdf)\b")

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RUN = re.compile(rf"[{CJK}]+")
LATIN_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’/_.+-]*[A-Za-z0-9])?")
LETTERS = re.compile(r"[A-Za-z]{2,}")
DIGIT = re.compile(r"[0-9]")
LOWER = re.compile(r"[a-z]")
URL_OR_EMAIL = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w/])/[\w./?=&%-]+/")

# Codes of the machine, shown to nobody in either language.
MACHINE_CODES = [
    (
        "dotted code",
        re.compile(r"(?<![\w./@-])[a-z][a-z_]*\.(?!(?:pdf|png|jpe?g|xlsx|csv|docx?|txt)\b)[a-z][a-z_]+(?![\w./@-])"),
    ),
    ("snake_case", re.compile(r"(?<![\w.@-])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w.@-])")),
    ("Python value", re.compile(r"(?<![\w.-])(?:True|False|None)(?![\w.-])")),
    ("id", re.compile(r"#\d+/\d+")),
    ("arrow between codes", re.compile(r"[A-Za-z_]{2,}\s*(?:→|->)\s*[A-Za-z_]{2,}")),
]

SKIPPED_TAGS = {"script", "style", "noscript", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class VisibleText(HTMLParser):
    """The pieces of text a person sees or hears on a page, each with its language, and the links
    they can follow.

    A piece is in the page's language unless an element around it declares another with `lang`
    (the language switch's "English" is `lang="en"`, its "简体中文" `lang="zh-hans"`; the error
    pages say everything in both, each half marked): it is then read as that language's text."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, bool, str]] = []  # (tag, whether its text is read, its language)
        self.texts: list[tuple[str, str]] = []
        self.links: list[str] = []

    def _reading(self) -> bool:
        return all(read for _tag, read, _language in self.stack)

    def _language(self) -> str:
        return self.stack[-1][2] if self.stack else self.page_language

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = self._language() if tag == "html" else (attributes.get("lang") or self._language())
        read = tag not in SKIPPED_TAGS and "hidden" not in attributes and attributes.get("type") != "hidden"
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if read and self._reading():
            for name in SPOKEN_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append((language, attributes[name]))
            if tag == "input" and attributes.get("type") in ("submit", "button", "reset") and attributes.get("value"):
                self.texts.append((language, attributes["value"]))
        if tag not in VOID_TAGS:
            self.stack.append((tag, read, language))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._reading() and data.strip():
            self.texts.append((self._language(), data))


def base_language(code: str) -> str:
    return code.lower().split("-")[0]


def visible_text(html: str, language: str) -> tuple[list[tuple[str, str]], list[str]]:
    """([(language, text)], links) of a page served in `language` ("zh" or "en" for each text)."""
    parser = VisibleText(language)
    parser.feed(html)
    parser.close()
    return [(base_language(lang), " ".join(text.split())) for lang, text in parser.texts], parser.links


@dataclass
class Finding:
    persona: str
    url: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.persona} · {self.url} · {self.why}: {self.text}"


def machine_codes(text: str, language: str) -> list[tuple[str, str]]:
    """(what, the code) for each machine code in a piece of text, URLs and e-mail addresses aside.
    "None" is a word in English ("None yet"), and an arrow between English words is a sentence
    ("Submitted → preliminary examination", the state's label): only Chinese pages count those."""
    bare = URL_OR_EMAIL.sub(" ", text)
    return [
        (what, match.group(0))
        for what, pattern in MACHINE_CODES
        for match in pattern.finditer(bare)
        if not (language == "en" and (match.group(0) == "None" or what == "arrow between codes"))
    ]


def latin_tokens(text: str) -> list[str]:
    """The runs of Latin letters and digits of a text ("GB/T", "DB33/T", "Longjing", "kjs_staff"),
    URLs and e-mail addresses aside; numbers (no two letters in a row) are not tokens, nor are
    references made of capitals and digits (a standard's number DB33/T, a tracking number)."""
    tokens = []
    for token in LATIN_TOKEN.findall(URL_OR_EMAIL.sub(" ", text)):
        if not LETTERS.search(token) or (DIGIT.search(token) and not LOWER.search(token)):
            continue
        tokens.append(token)
    return tokens


def english_words(text: str, allowed: set[str]) -> list[str]:
    """Latin tokens of a Chinese page's text with a word (two letters or more) neither allowed nor data."""
    return [
        token
        for token in latin_tokens(text)
        if token not in allowed and any(word not in allowed for word in LETTERS.findall(token))
    ]


def chinese_runs(text: str, allowed: set[str]) -> list[str]:
    """Runs of Chinese characters of an English page's text that are not data."""
    return [run for run in CJK_RUN.findall(text) if run not in allowed]


def data_tokens(values: Iterable[str]) -> tuple[set[str], set[str]]:
    """The Latin tokens and words and the Chinese runs of the data (names, addresses, free text)."""
    latin: set[str] = set()
    cjk: set[str] = set()
    for value in values:
        for token in latin_tokens(value):
            latin.add(token)
            latin.update(LETTERS.findall(token))
        cjk.update(CJK_RUN.findall(value))
    return latin, cjk


@dataclass
class Crawl:
    """One persona's breadth-first walk in one language."""

    client: Client
    persona: str
    language: str
    checks: dict  # language ("zh", "en") -> (text) -> [(why, offending text)]
    start: tuple[str, ...] = ("/",)
    # URLs every persona sees alike (the public register), read by enough personas already: a
    # later persona skips them (its own pages still show its header and menu).
    shared: Counter[str] = field(default_factory=Counter)
    public: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # the pages read (HTML), not redirects nor files
    refused: list[str] = field(default_factory=list)  # links that led to a 403 or 404 (reported, not failed)

    def run(self) -> None:
        from django.urls import Resolver404, resolve

        queue = deque(self.start)
        seen: set[str] = set(self.start)
        queries: Counter[str] = Counter()
        patterns: Counter[str] = Counter()
        while queue and len(self.visited) < MAX_PAGES:
            url = queue.popleft()
            if url in self.public and url not in self.start:
                self.shared[url] += 1
                if self.shared[url] > MAX_READERS_OF_A_PUBLIC_PAGE:
                    continue
            response = self.client.get(url)
            self.visited.append(url)
            if response.status_code in (301, 302, 303, 307, 308):
                target = self._same_site(url, response["Location"])
                if target and target not in seen:
                    seen.add(target)
                    queue.append(target)
                continue
            if response.status_code >= 500:
                self.findings.append(Finding(self.persona, url, str(response.status_code), "server error"))
                continue
            if response.status_code in (403, 404):
                self.refused.append(f"{response.status_code} {url}")
            if not response.get("Content-Type", "").startswith("text/html"):
                continue  # a PDF, a spreadsheet, a file to download
            html = response.content.decode()
            if MATERIAL_MARKUP.search(html):
                self.findings.append(Finding(self.persona, url, "Material markup", "viewflow's Material frontend"))
                continue
            self.read.append(url)
            texts, links = visible_text(html, self.language)
            for text_language, text in texts:
                check = self.checks.get(text_language)
                for why, offending in check(text) if check else []:
                    self.findings.append(Finding(self.persona, url, f"{offending!r} in {text[:120]!r}", why))
            for link in links:
                target = self._same_site(url, link)
                if not target or target in seen:
                    continue
                path, _, query = target.partition("?")
                if query and queries[path] >= MAX_QUERIES_PER_PATH:
                    continue
                try:
                    pattern = resolve(path).route
                except Resolver404:
                    pattern = path
                if patterns[pattern] >= MAX_URLS_PER_PATTERN and not query:
                    continue
                seen.add(target)
                queries[path] += bool(query)
                patterns[pattern] += not query
                queue.append(target)

    @staticmethod
    def _same_site(base: str, link: str) -> str | None:
        link = urldefrag(link.strip())[0]
        if not link or link.startswith(("mailto:", "tel:", "javascript:", "data:")):
            return None
        absolute = urljoin("http://testserver" + base, link)
        parts = urlsplit(absolute)
        if parts.netloc != "testserver" or (parts.path.startswith(SKIPPED_PREFIXES) and parts.path not in API_PAGES):
            return None
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return None if DOWNLOAD.search(target) else target
