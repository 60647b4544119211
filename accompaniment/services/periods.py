"""The reporting periods of the roadmap's indicators and their targets and
locks, and the disaggregation categories the updates are broken down by.

Every write of a period is versioned: it names the version it was based on and
is refused (nothing written) when someone saved in between, naming who. Each
leaves a history record with its author (django-simple-history).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accompaniment.enums import STANDARD_CATEGORIES
from accompaniment.models import (
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
)
from accompaniment.periods import period_spans, period_target
from accompaniment.services.followup import version_bump, version_check
from roadmaps.enums import Dimension, Measure
from roadmaps.models import Activity, Indicator, Roadmap, Territory


@transaction.atomic
def categories_ensure(*, roadmap: Roadmap) -> None:
    """Give the roadmap its disaggregation categories: the standard ones for sex
    and age band, its territories, and the institutions its indicators and
    activities name. Adds what is missing; never removes a category (updates
    may hold values for it)."""
    existing = {
        (c.dimension, c.code, c.name)
        for c in DisaggregationCategory.objects.filter(roadmap=roadmap)
    }
    wanted = [
        (dimension, code, "")
        for dimension, codes in STANDARD_CATEGORIES.items()
        for code in codes
    ]
    territories = Territory.objects.filter(roadmap=roadmap, deleted_at=None)
    wanted += [(Dimension.TERRITORY, "", t.name) for t in territories]
    institutions = {
        name.strip()
        for name in [
            *Indicator.objects.filter(roadmap=roadmap, deleted_at=None).values_list(
                "responsible_institution", flat=True
            ),
            *Activity.objects.filter(roadmap=roadmap, deleted_at=None).values_list(
                "lead_institution", flat=True
            ),
        ]
        if name and name.strip()
    }
    wanted += [(Dimension.INSTITUTION, "", name[:200]) for name in sorted(institutions)]
    DisaggregationCategory.objects.bulk_create(
        [
            DisaggregationCategory(
                roadmap=roadmap,
                dimension=dimension,
                code=code,
                name=name,
                position=position,
            )
            for position, (dimension, code, name) in enumerate(wanted)
            if (dimension, code, name) not in existing
        ],
        ignore_conflicts=True,  # a twin request made them meanwhile
    )


@transaction.atomic
def periods_sync(*, roadmap: Roadmap, indicators: list[Indicator]) -> None:
    """Give each indicator the reporting periods its frequency and the plan's
    years call for, each with its target (accompaniment.periods). A period the
    plan no longer calls for is removed only when nothing was reported on it
    and it is not locked: a report is never lost to a change of frequency."""
    existing = {}
    for period in ReportingPeriod.objects.filter(indicator__in=indicators):
        existing.setdefault(period.indicator_id, {})[
            (period.starts_on, period.ends_on)
        ] = period
    new, stale = [], []
    for indicator in indicators:
        spans = period_spans(
            frequency=indicator.frequency,
            start_year=roadmap.plan_start_year,
            end_year=roadmap.plan_end_year,
        )
        have = existing.get(indicator.pk, {})
        keys = {(span.starts_on, span.ends_on) for span in spans}
        new += [
            ReportingPeriod(
                indicator=indicator,
                starts_on=span.starts_on,
                ends_on=span.ends_on,
                target_value=period_target(indicator=indicator, span=span),
            )
            for span in spans
            if (span.starts_on, span.ends_on) not in have
        ]
        stale += [
            period.pk
            for key, period in have.items()
            if key not in keys and not period.is_locked
        ]
    if stale:
        # Looked up only when the plan changed: most visits change nothing.
        reported = IndicatorUpdate.objects.filter(period__in=stale).values("period")
        ReportingPeriod.objects.filter(pk__in=stale).exclude(pk__in=reported).delete()
    if new:
        ReportingPeriod.objects.bulk_create(new, ignore_conflicts=True)


def periods_sync_all() -> int:
    """periods_sync for every roadmap with a plan period and indicators that
    have a frequency; returns how many roadmaps were looked at."""
    indicators = defaultdict(list)
    for indicator in Indicator.objects.filter(
        deleted_at=None,
        roadmap__plan_start_year__isnull=False,
        roadmap__plan_end_year__isnull=False,
    ).exclude(frequency=""):
        indicators[indicator.roadmap_id].append(indicator)
    for roadmap in Roadmap.objects.filter(pk__in=list(indicators)):
        periods_sync(roadmap=roadmap, indicators=indicators[roadmap.pk])
    return len(indicators)


def _locked_period(period: ReportingPeriod, base_version) -> ReportingPeriod:
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    version_check(locked, base_version)
    return locked


@transaction.atomic
def period_target_set(
    *, period: ReportingPeriod, user, target_value, base_version: int | None
) -> ReportingPeriod:
    """Set a period's target. Raises ValidationError when the period is locked,
    the indicator is qualitative, or someone changed it since
    ``base_version``. Side effects: a history record."""
    locked = _locked_period(period, base_version)
    if locked.is_locked:
        raise ValidationError(_("This period is locked: unlock it first."))
    if period.indicator.measure == Measure.QUALITATIVE and target_value is not None:
        raise ValidationError(
            {"target_value": _("A qualitative indicator has no target value.")}
        )
    locked.target_value = target_value
    version_bump(locked, user)
    return locked


@transaction.atomic
def period_lock_set(*, period: ReportingPeriod, user, locked: bool) -> ReportingPeriod:
    """Lock a period once reported (no update is added or changed after), or
    unlock it. Side effects: a history record."""
    row = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if row.is_locked == locked:
        return row
    row.locked_at = timezone.now() if locked else None
    version_bump(row, user)
    return row
