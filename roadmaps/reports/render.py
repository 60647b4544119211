"""A report's HTML (our own print templates, autoescaped, in the requested
language or languages and the convening's time zone) and its PDF (through
``common.pdf.pdf_render``, which fetches nothing but our static files and the
logos handed to it)."""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from academy.models import ConveningLogo
from common.pdf import RenderedPdf, Resource, pdf_render, resource_url
from roadmaps.enums import ROADMAP_KINDS, ExportKind
from roadmaps.report_kinds import report_builder
from roadmaps.reports.contexts import cohort_report_context, roadmap_report_context

logger = logging.getLogger(__name__)

AUTHOR = "NAP Academy"
ROOT = Path(__file__).resolve().parent.parent.parent
# What a report looks like: its templates, stylesheet and the code that draws
# its charts. A change to any of them makes a new file for an unchanged roadmap.
_LOOKS = [
    *sorted((ROOT / "templates" / "roadmaps" / "reports").rglob("*.html")),
    ROOT / "static" / "css" / "report.css",
    ROOT / "roadmaps" / "charts.py",
    ROOT / "roadmaps" / "reports" / "figures.py",
]


def _looks_digest() -> str:
    digest = hashlib.blake2b(digest_size=5)
    for path in _LOOKS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


REPORT_TEMPLATES_VERSION = _looks_digest()


def report_languages(language: str) -> list[str]:
    """``"es"`` → ["es"]; ``"es,en"`` (both, one after the other) → ["es", "en"]."""
    return [code for code in language.split(",") if code]


@dataclass
class Report:
    html: str
    filename: str
    roadmap_version: int | None = None
    resources: dict = field(default_factory=dict)  # name -> common.pdf.Resource


def report_filename(
    *,
    kind: str,
    language: str,
    convening,
    roadmap=None,
    day=None,
    extension: str = "pdf",
) -> str:
    """``roadmap-PAN-es-2025-06-26.pdf``, ``cohort-12-es-en-2025-06-26.zip``."""
    day = day or timezone.localdate(timezone=convening.zone)
    subject = roadmap.delegation.code if kind in ROADMAP_KINDS else convening.pk
    languages = "-".join(report_languages(language))
    return f"{kind}-{subject}-{languages}-{day:%Y-%m-%d}.{extension}"


@dataclass
class _Logo:
    url: str
    logo: ConveningLogo

    @property
    def name(self):  # read in the language being rendered
        return self.logo.name


def convening_logos(convening) -> tuple[list, dict]:
    """The convening's logos as the templates link them, and their bytes, read
    from storage by the app (a logo whose file is gone is left out)."""
    logos, resources = [], {}
    for logo in ConveningLogo.objects.filter(convening=convening):
        try:
            content = logo.read()
        except OSError:
            logger.warning("Logo %s of convening %s is missing", logo.pk, convening.pk)
            continue
        extension = "svg" if logo.content_type == "image/svg+xml" else "png"
        name = f"logo-{logo.pk}.{extension}"
        resources[name] = Resource(content=content, content_type=logo.content_type)
        logos.append(_Logo(url=resource_url(name), logo=logo))
    return logos, resources


@dataclass
class ReportPart:
    language: str
    title: str
    body: str


def report_document(parts: list[ReportPart], resources: dict) -> str:
    return render_to_string(
        "roadmaps/reports/document.html",
        {
            "parts": parts,
            "language": parts[0].language,
            "title": " / ".join(part.title for part in parts),
            "author": AUTHOR,
        },
    )


def roadmap_report(*, roadmap_id: int, language: str) -> Report:
    parts, logos, resources = [], None, {}
    for code in report_languages(language):
        with translation.override(code):
            context = roadmap_report_context(roadmap_id=roadmap_id)
            convening = context["convening"]
            if logos is None:
                logos, resources = convening_logos(convening)
            country = context["delegation"].country.name
            title = _("National Action Plan roadmap of %(country)s") % {
                "country": country
            }
            with timezone.override(convening.zone):
                body = render_to_string(
                    "roadmaps/reports/roadmap.html",
                    {**context, "language": code, "logos": logos, "title": title},
                )
        parts.append(ReportPart(language=code, title=title, body=body))
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.ROADMAP,
            language=language,
            convening=convening,
            roadmap=context["roadmap"],
        ),
        roadmap_version=context["roadmap"].version,
        resources=resources,
    )


def cohort_report(*, convening_id: int, language: str) -> Report:
    parts, logos, resources = [], None, {}
    for code in report_languages(language):
        with translation.override(code):
            context = cohort_report_context(convening_id=convening_id)
            convening = context["convening"]
            if logos is None:
                logos, resources = convening_logos(convening)
            title = _("Cohort report — %(name)s") % {"name": convening.name}
            with timezone.override(convening.zone):
                body = render_to_string(
                    "roadmaps/reports/cohort.html",
                    {**context, "language": code, "logos": logos, "title": title},
                )
        parts.append(ReportPart(language=code, title=title, body=body))
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.COHORT, language=language, convening=convening
        ),
        resources=resources,
    )


def roadmap_kind_build(*, language: str, roadmap_id, convening_id=None) -> Report:
    return roadmap_report(roadmap_id=roadmap_id, language=language)


def cohort_kind_build(*, language: str, convening_id, roadmap_id=None) -> Report:
    return cohort_report(convening_id=convening_id, language=language)


def report_build(
    *, kind: str, language: str, roadmap_id=None, convening_id=None
) -> Report:
    """The report of any kind of export (roadmaps.report_kinds)."""
    return report_builder(kind)(
        language=language, roadmap_id=roadmap_id, convening_id=convening_id
    )


def report_pdf(*, report: Report) -> RenderedPdf:
    """The report's PDF (tagged PDF/UA, fetching only our static files and the
    report's own resources); in a report of two languages, each part's content
    is tagged with its language."""
    return pdf_render(html=report.html, resources=report.resources)
