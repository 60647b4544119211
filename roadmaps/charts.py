"""Charts for the PDF reports, drawn by the app as inline SVG.

Every text in a chart is escaped (format_html); a chart carries a <title> (the
PDF's figure alternative) and the report prints its figures as text beside it,
so no reader depends on the picture. Amounts are formatted in the active
language (1.234,5 in Spanish).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
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


def amount(value) -> str:
    return number_format(Decimal(value), decimal_pos=0, force_grouping=True)


def _joined(parts) -> SafeString:
    """Pieces already built by format_html, one after the other."""
    return format_html_join("", "{}", ((part,) for part in parts))


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
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        x = LABEL_WIDTH
        segments = []
        for value, colour in (
            (row.secured, SECURED),
            (row.pledged, PLEDGED),
            (row.gap, GAP),
        ):
            width = float(value / largest) * BAR_WIDTH
            if width > 0:
                segments.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        f"{x:.1f}",
                        y,
                        f"{width:.1f}",
                        BAR_HEIGHT,
                        colour,
                    )
                )
                x += width
        bars.append(
            format_html(
                '<text x="0" y="{}" font-size="11" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>{}'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                y + 11,
                INK,
                _shorten(row.label),
                LABEL_WIDTH,
                y,
                BAR_WIDTH,
                BAR_HEIGHT,
                TRACK,
                _joined(segments),
                LABEL_WIDTH + BAR_WIDTH + 8,
                y + 11,
                INK,
                row.note,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {} {}" width="100%"><title>{}</title>{}{}</svg>',
        WIDTH,
        height,
        title,
        _joined(bars),
        _legend(height - 14),
    )


def _legend(y) -> SafeString:
    items = [(SECURED, _("Secured")), (PLEDGED, _("Pledged")), (GAP, _("Gap"))]
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" fill="' + INK + '">{}</text>',
        (
            (
                LABEL_WIDTH + index * 110,
                y,
                colour,
                LABEL_WIDTH + index * 110 + 14,
                y + 9,
                label,
            )
            for index, (colour, label) in enumerate(items)
        ),
    )


@dataclass(frozen=True)
class PercentRow:
    label: str
    percent: int | None  # None: nothing to measure yet


def percent_chart(*, rows: list[PercentRow], title: str) -> SafeString:
    """Horizontal bars from 0 to 100 %, one per row (attendance, completeness)."""
    if not rows:
        return SafeString("")
    height = ROW_HEIGHT * len(rows) + 8
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        width = BAR_WIDTH * (row.percent or 0) / 100
        bars.append(
            format_html(
                '<text x="0" y="{}" font-size="11" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                y + 11,
                INK,
                _shorten(row.label),
                LABEL_WIDTH,
                y,
                BAR_WIDTH,
                BAR_HEIGHT,
                TRACK,
                LABEL_WIDTH,
                y,
                f"{width:.1f}",
                BAR_HEIGHT,
                SECURED,
                LABEL_WIDTH + BAR_WIDTH + 8,
                y + 11,
                INK,
                "—" if row.percent is None else f"{row.percent} %",
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {} {}" width="100%"><title>{}</title>{}</svg>',
        WIDTH,
        height,
        title,
        _joined(bars),
    )
