"""A certificate of participation as a tagged PDF: A4 landscape, in the
holder's language with the other one beneath, the convening's host and
co-organizers named (their logos when they gave some), a signature line, and
a QR code (SVG, drawn by segno, no image fetched) with the printed code,
both leading to the public verification page."""

from urllib.parse import urljoin

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from common.pdf import RenderedPdf, pdf_render
from evaluation.models import Certificate, CertificateRule
from roadmaps.reports import convening_logos

AUTHOR = "NAP Academy"


def verification_url(code: str, base_url: str = "") -> str:
    return urljoin(
        base_url or settings.SITE_URL,
        reverse("evaluation:certificate_verify", kwargs={"code": code}),
    )


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG markup (our own drawing: the URL
    is one the app built, nothing user-written reaches it unescaped)."""
    return segno.make(url, error="m").svg_inline(
        scale=3, dark="#1f2a44", omitsize=True, title=url
    )


def certificate_pdf(
    *,
    certificate: Certificate,
    rule: CertificateRule,
    attended: int,
    held: int,
    base_url: str = "",
) -> RenderedPdf:
    convening = certificate.convening
    logos, resources = convening_logos(convening)
    url = verification_url(certificate.code, base_url)
    other = next(
        (code for code, _name in settings.LANGUAGES if code != certificate.language),
        certificate.language,
    )
    context = {
        "certificate": certificate,
        "convening": convening,
        "organizers": [convening.host, *convening.co_organizers.all()]
        if convening.host_id
        else list(convening.co_organizers.all()),
        "rule": rule,
        "attended": attended,
        "held": held,
        "logos": logos,
        "url": url,
        "qr": mark_safe(qr_svg(url)),  # noqa: S308  (segno's own SVG)
        "author": AUTHOR,
    }
    with timezone.override(convening.zone):
        with translation.override(other):
            context["secondary"] = render_to_string(
                "evaluation/certificate/text.html", {**context, "language": other}
            )
        with translation.override(certificate.language):
            html = render_to_string(
                "evaluation/certificate/document.html",
                {**context, "language": certificate.language, "other": other},
            )
    return pdf_render(html=html, resources=resources)
