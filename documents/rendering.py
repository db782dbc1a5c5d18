"""HTML templates to PDF with WeasyPrint, fetching nothing but the project's own static files.

User text reaches the template as context and is escaped by Django's autoescaping; a
document can still not pull anything from the network or the disk: the fetcher below
answers only the project's static files (found through the staticfiles finders, so a
path cannot climb out of them) and data: URIs (QR codes). Everything else is refused
and logged; WeasyPrint then leaves the resource out.
"""

import logging
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("terroir.documents")

# Relative URLs in a document ("/static/…") resolve against this made-up origin, which
# the fetcher maps to the static files; it is never contacted.
DOCUMENT_BASE_URL = "https://documents.terroir.invalid/"


class ResourceRefused(ValueError):
    """A document asked for a resource outside the project's static files."""


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_file_for(url)
        if path is None:
            logger.warning("document resource refused: %s", url[:200])
            raise ResourceRefused(f"only the project's static files may be used in a document, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_file_for(url: str) -> Path | None:
    """The static file a document URL names, or None when it names anything else."""
    parts = urlsplit(url)
    origin = urlsplit(DOCUMENT_BASE_URL)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc) or parts.query:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path.removeprefix(prefix))
    if not relative or ".." in relative.split("/") or relative.startswith("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


# WeasyPrint finds and loads the fonts anew for every document unless it is handed a font
# configuration that has seen them: a fifth of a one-page notice's time (issue 9). One per thread,
# because a configuration is not safe to share between renders running at the same time.
_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    if not hasattr(_fonts, "configuration"):
        _fonts.configuration = FontConfiguration()
    return _fonts.configuration


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (in the active language) to PDF bytes."""
    html = render_html(template_name, context)
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(font_config=font_configuration())
