"""Charts for the PDF reports, drawn by the app as inline SVG.

Every text in a chart is escaped (the standard library's ``html.escape``, as
Django's ``escape`` does, without its lazy-string wrapper); a chart carries a
<title> (the PDF's figure alternative) and the report prints its figures as
text beside it, so no reader depends on the picture. Amounts are formatted in the active
language (1.234,5 in Spanish).
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# Colours that keep apart in grey print and for common colour blindness.
SECURED = "#1f3a68"
PLEDGED = "#6f8fc7"
GAP = "#e3a33b"
TRACK = "#eef1f7"
INK = "#1d1d28"

WIDTH = 640
LABEL_WIDTH = 190
BAR_WIDTH = 330
ROW_HEIGHT = 26
BAR_HEIGHT = 14


@dataclass(frozen=True)
class StackedRow:
    label: str
    secured: Decimal
    pledged: Decimal
    gap: Decimal
    note: str  # printed at the end of the bar (the total)

    @property
    def total(self):
        return self.secured + self.pledged + self.gap


def amounts():
    """A formatter of whole amounts in the active language, for many figures:
    it reads the language's separators once (``number_format`` reads them at
    every call, which costs more than the formatting)."""
    decimal_sep, grouping, thousand_sep = (
        get_format(name)
        for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    )

    def formatted(value) -> str:
        return numberformat.format(
            Decimal(value), decimal_sep, 0, grouping, thousand_sep, force_grouping=True
        )

    return formatted


def _text(x, y, content) -> str:
    text = escape(str(content))
    return f'<text x="{x}" y="{y}" font-size="11" fill="{INK}">{text}</text>'


def _rect(x, y, width, height, colour) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}" '
        f'fill="{colour}"/>'
    )


def _svg(height: int, title: str, body: str) -> SafeString:
    # Every text went through escape(); every number is ours.
    return SafeString(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%">'
        f"<title>{escape(str(title))}</title>{body}</svg>"
    )


def _shorten(text: str, limit: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def funding_chart(*, rows: list[StackedRow], title: str) -> SafeString:
    """Horizontal bars, one per row, split into secured, pledged and gap, on
    a common scale; the legend under them."""
    if not rows:
        return SafeString("")
    largest = max((row.total for row in rows), default=Decimal(0)) or Decimal(1)
    height = ROW_HEIGHT * len(rows) + 34
    parts = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        parts.append(_text(0, y + 11, _shorten(row.label)))
        parts.append(_rect(LABEL_WIDTH, y, BAR_WIDTH, BAR_HEIGHT, TRACK))
        x = float(LABEL_WIDTH)
        for value, colour in (
            (row.secured, SECURED),
            (row.pledged, PLEDGED),
            (row.gap, GAP),
        ):
            width = float(value / largest) * BAR_WIDTH
            if width > 0:
                parts.append(_rect(x, y, width, BAR_HEIGHT, colour))
                x += width
        parts.append(_text(LABEL_WIDTH + BAR_WIDTH + 8, y + 11, row.note))
    parts.append(_legend(height - 14))
    return _svg(height, title, "".join(parts))


def _legend(y) -> str:
    items = [(SECURED, _("Secured")), (PLEDGED, _("Pledged")), (GAP, _("Gap"))]
    parts = []
    for index, (colour, label) in enumerate(items):
        left = LABEL_WIDTH + index * 110
        parts.append(_rect(left, y, 10, 10, colour))
        parts.append(_text(left + 14, y + 9, label))
    return "".join(parts)


@dataclass(frozen=True)
class PercentRow:
    label: str
    percent: int | None  # None: nothing to measure yet


def percent_chart(*, rows: list[PercentRow], title: str) -> SafeString:
    """Horizontal bars from 0 to 100 %, one per row (attendance, completeness)."""
    if not rows:
        return SafeString("")
    height = ROW_HEIGHT * len(rows) + 8
    parts = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        parts.append(_text(0, y + 11, _shorten(row.label)))
        parts.append(_rect(LABEL_WIDTH, y, BAR_WIDTH, BAR_HEIGHT, TRACK))
        width = BAR_WIDTH * (row.percent or 0) / 100
        parts.append(_rect(LABEL_WIDTH, y, width, BAR_HEIGHT, SECURED))
        note = "—" if row.percent is None else f"{row.percent} %"
        parts.append(_text(LABEL_WIDTH + BAR_WIDTH + 8, y + 11, note))
    return _svg(height, title, "".join(parts))
