"""HTML to PDF with WeasyPrint, fetching nothing the app did not put there.

Report templates link their stylesheet and images with ``{% static %}``. The
document's base URL is ``https://academy-static.invalid/`` (a name that never
resolves), so those links become ``https://academy-static.invalid/static/...``.
The fetcher serves exactly those, read from the app's own static files, and
refuses everything else: no network, no ``file:`` URLs, no path outside the
static folders, and so no redirects either.
"""

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

SCHEME = "https"
HOST = "academy-static.invalid"
BASE_URL = f"{SCHEME}://{HOST}/"
MIME_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
}


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=[SCHEME], allow_redirects=False)
        self.refused = []

    def _static_roots(self):
        roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
        return roots + [Path(settings.STATIC_ROOT).resolve()]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = unquote(parts.path)
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


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    seconds: float
    refused_urls: list


def pdf_render(*, html: str) -> RenderedPdf:
    """Render our own template output to a tagged PDF (PDF/UA-1).

    Title, author and language come from the HTML's <title>, <meta name="author">
    and <html lang>, so the template decides them.
    """
    started = time.perf_counter()
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    content = document.write_pdf(pdf_variant="pdf/ua-1")
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        seconds=time.perf_counter() - started,
        refused_urls=fetcher.refused,
    )
