"""HTML to PDF with WeasyPrint, fetching nothing the app did not put there.

Report templates link their stylesheet and images with ``{% static %}``. The
document's base URL is ``https://academy-static.invalid/`` (a name that never
resolves), so those links become ``https://academy-static.invalid/static/...``.
The fetcher serves exactly those, read from the app's own static files, and
refuses everything else: no network, no ``file:`` URLs, no path outside the
static folders, and so no redirects either.

Files that are not static (an organizer's logo, read from storage) are handed
to ``pdf_render`` as ``resources``: bytes the app read itself, linked from the
template as ``resource_url(name)``. The fetcher serves those by name too, and
nothing else.
"""

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

SCHEME = "https"
HOST = "academy-static.invalid"
BASE_URL = f"{SCHEME}://{HOST}/"
RESOURCES_PATH = "/resources/"
MIME_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Resource:
    """A file the app read itself (from storage) for one rendering."""

    content: bytes
    content_type: str


def resource_url(name: str) -> str:
    """Where a template links ``resources[name]`` of ``pdf_render``."""
    return f"{BASE_URL.rstrip('/')}{RESOURCES_PATH}{name}"


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files and the resources it was handed; refuses
    every other URL."""

    def __init__(self, resources: dict[str, Resource] | None = None):
        super().__init__(allowed_protocols=[SCHEME], allow_redirects=False)
        self.refused = []
        self.resources = resources or {}

    def _static_roots(self):
        roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
        return roots + [Path(settings.STATIC_ROOT).resolve()]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.scheme == SCHEME and parts.netloc == HOST and not parts.query:
            resource = self.resources.get(path.removeprefix(RESOURCES_PATH))
            if path.startswith(RESOURCES_PATH) and resource is not None:
                return URLFetcherResponse(
                    url,
                    resource.content,
                    headers={"Content-Type": resource.content_type},
                )
        if (
            parts.scheme != SCHEME
            or parts.netloc != HOST
            or not path.startswith(settings.STATIC_URL)
            or Path(path).suffix not in MIME_TYPES
        ):
            self.refused.append(url)
            logger.warning("PDF rendering refused to fetch %s", url)
            raise ValueError(
                f"PDF rendering fetches only the app's static files: {url}"
            )
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        resolved = Path(found).resolve() if found else None
        if resolved is None or not any(
            resolved.is_relative_to(root) for root in self._static_roots()
        ):
            self.refused.append(url)
            raise ValueError(f"No such static file: {url}")
        return URLFetcherResponse(
            url,
            resolved.read_bytes(),
            headers={"Content-Type": MIME_TYPES[resolved.suffix]},
        )


class _ArticleLanguages:
    """Gives each article's structure elements the language of its <article>.

    WeasyPrint maps <article> to a /Art structure element per page it spans,
    each with its page (/Pg); the pages of an article are found from its id
    (``<article id="part-en" lang="en">``)."""

    ARTICLE = re.compile(r'<article\b[^>]*\bid="([^"]+)"[^>]*\blang="([^"]+)"')

    def __init__(self, html: str):
        self.languages = dict(self.ARTICLE.findall(html))

    def __call__(self, document, pdf):
        if len(self.languages) < 2:
            return
        by_page, language = [], None
        for page in document.pages:
            for anchor, code in self.languages.items():
                if anchor in page.anchors:
                    language = code
            by_page.append(language)
        pages = {bytes(ref): index for index, ref in enumerate(pdf.page_references)}
        for obj in pdf.objects:
            if (
                isinstance(obj, pydyf.Dictionary)
                and obj.get("S") == "/Art"
                and "Pg" in obj
                and (index := pages.get(bytes(obj["Pg"]))) is not None
                and by_page[index]
            ):
                obj["Lang"] = pydyf.String(by_page[index])


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    seconds: float
    refused_urls: list


def pdf_render(
    *, html: str, resources: dict[str, Resource] | None = None
) -> RenderedPdf:
    """Render our own template output to a tagged PDF (PDF/UA-1).

    Title, author and language come from the HTML's <title>, <meta name="author">
    and <html lang>, so the template decides them. ``resources`` are the
    non-static files the HTML links with ``resource_url``. A document in
    several languages holds each in an ``<article lang="…">``: its content is
    tagged with that language (WeasyPrint tags only the document's).
    """
    started = time.perf_counter()
    fetcher = StaticOnlyFetcher(resources)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    content = document.write_pdf(
        pdf_variant="pdf/ua-1", finisher=_ArticleLanguages(html)
    )
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        seconds=time.perf_counter() - started,
        refused_urls=fetcher.refused,
    )
