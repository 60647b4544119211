"""The reporting periods of an indicator, from its frequency and the plan's
years, and the target of each (a straight line from the baseline to the
target for an indicator that is not cumulative). Plain functions: no database.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from roadmaps.enums import Frequency

MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.TWICE_A_YEAR: 6,
    Frequency.YEARLY: 12,
}


@dataclass(frozen=True)
class Span:
    starts_on: datetime.date
    ends_on: datetime.date


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def period_spans(*, frequency: str, start_year: int | None, end_year: int | None):
    """The periods of a plan running from 1 January of ``start_year`` to 31
    December of ``end_year``; none without the years or the frequency. A
    mid-term-and-end indicator reports on the first half and on the whole plan's
    second half."""
    if not frequency or not start_year or not end_year or end_year < start_year:
        return []
    if frequency == Frequency.MID_END:
        years = end_year - start_year + 1
        mid = start_year + (years + 1) // 2 - 1
        if mid >= end_year:  # a one-year plan: one period
            return [
                Span(datetime.date(start_year, 1, 1), datetime.date(end_year, 12, 31))
            ]
        return [
            Span(datetime.date(start_year, 1, 1), datetime.date(mid, 12, 31)),
            Span(datetime.date(mid + 1, 1, 1), datetime.date(end_year, 12, 31)),
        ]
    step = MONTHS_PER_PERIOD[frequency]
    spans = []
    for year in range(start_year, end_year + 1):
        for first in range(1, 13, step):
            last = first + step - 1
            spans.append(Span(datetime.date(year, first, 1), _month_end(year, last)))
    return spans


def _years(day: datetime.date) -> Decimal:
    """The date as a year and its fraction: 31 December 2026 is 2026, 30 June
    2026 about 2025.5 (so leap years do not bend the line)."""
    length = (datetime.date(day.year, 12, 31) - datetime.date(day.year, 1, 1)).days + 1
    return Decimal(day.year - 1) + Decimal(day.timetuple().tm_yday) / Decimal(length)


def period_target(*, indicator, span: Span) -> Decimal | None:
    """The target of a period: on the line from the baseline (end of its year)
    to the target (end of its year), reached at the target and kept after it.
    A cumulative indicator's periods add up, so only the period holding the
    target's date carries it; a qualitative one has none."""
    target, target_year = indicator.target_value, indicator.target_year
    if indicator.measure == "qualitative" or target is None or not target_year:
        return None
    target_date = datetime.date(target_year, 12, 31)
    if indicator.cumulative:
        holds = span.starts_on <= target_date <= span.ends_on
        return target if holds else None
    baseline, baseline_year = indicator.baseline_value, indicator.baseline_year
    if baseline is None or not baseline_year or span.ends_on >= target_date:
        return target if span.ends_on >= target_date else None
    if span.ends_on.year <= baseline_year or target_year <= baseline_year:
        return None
    share = (_years(span.ends_on) - baseline_year) / Decimal(
        target_year - baseline_year
    )
    return (baseline + (target - baseline) * share).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
