"""The indicator table of a roadmap: for each indicator its baseline, and per
reporting period the target, the actual (from the approved updates), the share
of the target reached, the updates and their state, and the actual per
disaggregation category. A fixed number of queries whatever the number of
indicators, periods and updates."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accompaniment.enums import UpdateStatus
from accompaniment.models import IndicatorUpdate, ReportingPeriod
from accompaniment.progress import (
    categories_mismatch,
    latest_approved,
    percent_of_target,
    period_actual,
)
from roadmaps.selectors import roadmap_tree


@dataclass
class PeriodRow:
    period: ReportingPeriod
    actual: Decimal | None
    percent: Decimal | None
    updates: list
    by_category: list  # [(category, value)] of the approved figures
    mismatched: list  # dimensions whose categories do not add up
    started: bool
    ended: bool

    @property
    def awaiting_review(self):
        return [u for u in self.updates if u.status == UpdateStatus.SUBMITTED]

    @property
    def is_late(self):
        """Ended without an update approved or waiting for review."""
        return self.ended and not any(
            u.status in {UpdateStatus.APPROVED, UpdateStatus.SUBMITTED}
            for u in self.updates
        )


@dataclass
class IndicatorRow:
    indicator: object
    periods: list = field(default_factory=list)
    sparkline: str = ""
    shown: list = field(default_factory=list)  # the periods the page lists
    hidden: int = 0  # later periods left out of the page

    @property
    def reported(self) -> list:
        """The periods a printed report lists: those with something to say (a
        target once begun, an actual, an update)."""
        return [
            line
            for line in self.periods
            if line.actual is not None
            or line.updates
            or (line.started and line.period.target_value is not None)
        ]

    def periods_show(self, *, every: bool) -> None:
        """Every period, or those begun and the next one (a five-year monthly
        plan would list sixty lines per indicator)."""
        if every:
            self.shown, self.hidden = self.periods, 0
            return
        begun = [line for line in self.periods if line.started]
        self.shown = self.periods[: len(begun) + 1]
        self.hidden = len(self.periods) - len(self.shown)

    @property
    def latest_actual(self):
        known = [p for p in self.periods if p.actual is not None]
        return known[-1] if known else None

    @property
    def to_date(self):
        """Where the indicator stands now: for a cumulative one the baseline
        plus every period's approved actual, else the latest period's."""
        if self.indicator.cumulative:
            known = [p.actual for p in self.periods if p.actual is not None]
            if not known:
                return None
            return (self.indicator.baseline_value or Decimal(0)) + sum(known)
        latest = self.latest_actual
        return latest.actual if latest else None

    @property
    def to_date_percent(self):
        """The share of the way to the plan's target covered so far."""
        return percent_of_target(
            baseline=self.indicator.baseline_value,
            target=self.indicator.target_value,
            actual=self.to_date,
            ascending=self.indicator.ascending,
        )


def _by_category(indicator, approved):
    """The approved figure per category: summed for a cumulative indicator,
    else the latest approved update's."""
    if not approved:
        return []
    if indicator.cumulative:
        totals, categories = defaultdict(Decimal), {}
        for update in approved:
            for value in update.values.all():
                totals[value.category_id] += value.value
                categories[value.category_id] = value.category
        return [(categories[pk], totals[pk]) for pk in totals]
    return [
        (value.category, value.value)
        for value in latest_approved(approved).values.all()
    ]


def indicator_table(
    *, roadmap, today: datetime.date, tree=None, every_period: bool = True
) -> list[IndicatorRow]:
    """Every living indicator of the roadmap in the order of its results tree
    (``tree``: the roadmap's, when the caller has it already); each row's
    ``shown`` periods: all of them, or (``every_period=False``) those begun and
    the next one."""
    tree = tree or roadmap_tree(roadmap=roadmap)
    indicators = tree.indicators
    periods = defaultdict(list)
    for period in ReportingPeriod.objects.filter(indicator__in=indicators):
        periods[period.indicator_id].append(period)
    updates = defaultdict(list)
    for update in (
        IndicatorUpdate.objects.filter(period__indicator__in=indicators)
        .select_related("author", "reviewed_by")
        .prefetch_related("values__category", "evidence_files")
        .order_by("as_of", "pk")
    ):
        updates[update.period_id].append(update)
    rows = []
    for indicator in indicators:
        row = IndicatorRow(indicator=indicator)
        for period in periods[indicator.pk]:
            mine = updates[period.pk]
            approved = [u for u in mine if u.status == UpdateStatus.APPROVED]
            actual = period_actual(cumulative=indicator.cumulative, approved=approved)
            by_category = _by_category(indicator, approved)
            grouped = defaultdict(list)
            for category, value in by_category:
                grouped[category.get_dimension_display()].append(value)
            row.periods.append(
                PeriodRow(
                    period=period,
                    actual=actual,
                    percent=percent_of_target(
                        baseline=indicator.baseline_value,
                        target=period.target_value,
                        actual=actual,
                        ascending=indicator.ascending,
                    ),
                    updates=mine,
                    by_category=by_category,
                    mismatched=categories_mismatch(
                        total=actual, values_by_dimension=grouped
                    ),
                    started=period.starts_on <= today,
                    ended=period.ends_on < today,
                )
            )
        row.sparkline = sparkline_svg(row)
        row.periods_show(every=every_period)
        rows.append(row)
    return rows


def sparkline_svg(row: IndicatorRow, width=120, height=28) -> str:
    """A small line of the actuals (and a dashed one of the targets) over the
    periods; numbers only, so nothing to escape. The table beside it holds
    every figure: the picture is decoration for screen readers (aria-hidden)
    but carries its summary as a title."""
    actuals = [p.actual for p in row.periods]
    targets = [p.period.target_value for p in row.periods]
    known = [v for v in [*actuals, *targets] if v is not None]
    if len(row.periods) < 2 or not any(v is not None for v in actuals):
        return ""
    low, high = min(known), max(known)
    span = (high - low) or Decimal(1)
    step = Decimal(width - 4) / (len(row.periods) - 1)

    def points(values):
        return " ".join(
            f"{2 + step * i:.1f},{2 + (height - 4) * (1 - (v - low) / span):.1f}"
            for i, v in enumerate(values)
            if v is not None
        )

    last = row.latest_actual
    title = _("Latest actual: %(value)s") % {
        "value": number_format(last.actual, decimal_pos=None, use_l10n=True)
    }
    title = escape(title)
    return SafeString(
        f'<svg class="sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}">'
        f'<polyline points="{points(targets)}" fill="none" stroke="#8a94a6" '
        'stroke-width="1" stroke-dasharray="3 2"/>'
        f'<polyline points="{points(actuals)}" fill="none" stroke="#1f3a68" '
        'stroke-width="2"/></svg>'
    )
