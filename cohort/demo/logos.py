"""Stand-in logos for the demo cohort: a plain wordmark per organization (its
acronym on a coloured band), drawn here, so the demo shows a cover with logos
without shipping anyone's trademark."""

from django.utils.html import escape

COLOURS = ["#1f3a68", "#0b7a75", "#8a3b12"]


def wordmark_svg(*, acronym: str, index: int = 0) -> bytes:
    colour = COLOURS[index % len(COLOURS)]
    width = 40 + 16 * len(acronym)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 48" '
        f'width="{width}" height="48">'
        f'<rect width="{width}" height="48" rx="6" fill="{colour}"/>'
        f'<text x="{width / 2}" y="31" font-family="DejaVu Sans, sans-serif" '
        f'font-size="22" font-weight="bold" fill="#ffffff" text-anchor="middle">'
        f"{escape(acronym)}</text></svg>"
    ).encode()
