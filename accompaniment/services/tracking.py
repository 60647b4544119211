"""Tracking the roadmap's indicators: their reporting periods and targets, the
updates a delegation submits, their review, and the baseline once the roadmap
is final.

Every write is versioned: it names the version it was based on and is refused
(nothing written) when someone saved in between, naming who. Each leaves a
history record with its author (django-simple-history).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accompaniment.enums import STANDARD_CATEGORIES, UpdateStatus
from accompaniment.models import (
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
    UpdateValue,
)
from accompaniment.periods import period_spans, period_target
from accompaniment.services.followup import version_check
from roadmaps import services as roadmap_services
from roadmaps.enums import Dimension, Measure
from roadmaps.models import Activity, Indicator, Roadmap, Territory

UPDATE_FIELDS = ("value", "numerator", "denominator", "narrative", "as_of")


# ----------------------------------------------------------------------------
# Categories and periods


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
    reported = set(
        IndicatorUpdate.objects.filter(period__indicator__in=indicators).values_list(
            "period_id", flat=True
        )
    )
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
            if key not in keys and period.pk not in reported and not period.is_locked
        ]
    if stale:
        ReportingPeriod.objects.filter(pk__in=stale).delete()
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


def _bump(obj, user) -> None:
    obj.version += 1
    obj._history_user = user
    obj.save()


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
    _bump(locked, user)
    return locked


@transaction.atomic
def period_lock_set(*, period: ReportingPeriod, user, locked: bool) -> ReportingPeriod:
    """Lock a period once reported (no update is added or changed after), or
    unlock it. Side effects: a history record."""
    row = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if row.is_locked == locked:
        return row
    row.locked_at = timezone.now() if locked else None
    _bump(row, user)
    return row


# ----------------------------------------------------------------------------
# Updates


def _check_period(period: ReportingPeriod, today: datetime.date) -> None:
    if period.is_locked:
        raise ValidationError(
            _("This period is locked: its figures were reported. Ask an organizer.")
        )
    if period.starts_on > today:
        raise ValidationError(
            _("This period has not started yet: report on it from %(date)s.")
            % {"date": period.starts_on.isoformat()}
        )


def _check_figures(indicator: Indicator, fields: dict) -> dict:
    """The value the update stands for, by the indicator's measure; a refusal on
    the field otherwise."""
    value = fields.get("value")
    numerator, denominator = fields.get("numerator"), fields.get("denominator")
    if indicator.measure == Measure.QUALITATIVE:
        if value is not None or numerator is not None or denominator is not None:
            raise ValidationError(
                {
                    "value": _(
                        "A qualitative indicator takes no value: say what changed "
                        "in the narrative."
                    )
                }
            )
        if not fields.get("narrative", "").strip():
            raise ValidationError(
                {"narrative": _("Say what changed: it is the whole update.")}
            )
        return {"value": None, "numerator": None, "denominator": None}
    if indicator.measure == Measure.PERCENTAGE and (
        numerator is not None or denominator is not None
    ):
        if numerator is None or denominator is None:
            raise ValidationError(
                {"denominator": _("Give both the numerator and the denominator.")}
            )
        if denominator <= 0:
            raise ValidationError(
                {"denominator": _("The denominator must be more than zero.")}
            )
        if numerator < 0 or numerator > denominator:
            raise ValidationError(
                {"numerator": _("The numerator is between 0 and the denominator.")}
            )
        computed = (numerator * 100 / denominator).quantize(Decimal("0.01"))
        return {"value": computed, "numerator": numerator, "denominator": denominator}
    if value is None:
        raise ValidationError({"value": _("Give the value for this period.")})
    if value < 0:
        raise ValidationError({"value": _("The value cannot be negative.")})
    if indicator.measure == Measure.PERCENTAGE and value > 100:
        raise ValidationError({"value": _("A percentage is at most 100.")})
    return {"value": value, "numerator": None, "denominator": None}


def _check_categories(indicator: Indicator, values: dict) -> dict:
    """{category: value} of the categories the indicator is broken down by; a
    refusal for any other, or a negative value."""
    if not values:
        return {}
    categories = {
        c.pk: c
        for c in DisaggregationCategory.objects.filter(
            roadmap_id=indicator.roadmap_id,
            dimension__in=indicator.dimensions,
            pk__in=list(values),
        )
    }
    unknown = set(values) - set(categories)
    if unknown:
        raise ValidationError(
            {
                "values": _(
                    "Some categories do not exist for this indicator; reload the "
                    "page and enter the values again."
                )
            }
        )
    if any(v < 0 for v in values.values()):
        raise ValidationError({"values": _("A category's value cannot be negative.")})
    return {categories[pk]: value for pk, value in values.items()}


@transaction.atomic
def indicator_update_save(
    *,
    period: ReportingPeriod,
    user,
    fields: dict,
    category_values: dict | None = None,
    update: IndicatorUpdate | None = None,
    base_version: int | None = None,
    submit: bool = False,
    today: datetime.date | None = None,
) -> IndicatorUpdate:
    """Save a delegation's update for a period (``fields``: value, numerator,
    denominator, narrative, as_of, evidence_url; ``category_values``:
    {category id: value}) as a draft, or submit it for review.

    Raises ValidationError (nothing saved): a locked or future period, an as-of
    date in the future, a value on a qualitative indicator or none on another,
    a percentage that is not one, a negative count, categories that are not the
    indicator's, an update already submitted or approved, or a save based on a
    version someone replaced. Side effects: a history record.
    """
    today = today or timezone.localdate()
    period = ReportingPeriod.objects.select_related("indicator").get(pk=period.pk)
    indicator = period.indicator
    _check_period(period, today)
    if fields.get("as_of") and fields["as_of"] > today:
        raise ValidationError({"as_of": _("The as-of date cannot be in the future.")})
    figures = _check_figures(indicator, fields)
    values = _check_categories(indicator, category_values or {})
    if update is None:
        update = IndicatorUpdate(period=period, author=user)
    else:
        update = IndicatorUpdate.objects.select_for_update().get(pk=update.pk)
        version_check(update, base_version)
        if not update.is_editable:
            raise ValidationError(
                _("This update was submitted for review: it can no longer be changed.")
            )
        update.version += 1
    for name in ("narrative", "as_of", "evidence_url"):
        if name in fields:
            setattr(update, name, fields[name] if fields[name] is not None else "")
    for name, value in figures.items():
        setattr(update, name, value)
    if submit:
        update.status = UpdateStatus.SUBMITTED
        update.submitted_at = timezone.now()
    update._history_user = user
    update.full_clean(exclude=["period", "author", "reviewed_by"])
    update.save()
    update.values.exclude(category__in=list(values)).delete()
    for category, value in values.items():
        UpdateValue.objects.update_or_create(
            update=update, category=category, defaults={"value": value}
        )
    return update


@transaction.atomic
def indicator_update_review(
    *,
    update: IndicatorUpdate,
    user,
    approve: bool,
    comment: str = "",
    base_version: int | None = None,
) -> IndicatorUpdate:
    """Approve a submitted update, or return it to the delegation with a
    comment saying what to correct.

    Two reviewers at once: the first wins; the second is refused, told who
    decided (nothing written). Raises ValidationError also for an update not
    submitted, a return without a comment, or a locked period. Side effects: a
    history record.
    """
    row = IndicatorUpdate.objects.select_for_update().get(pk=update.pk)
    if row.status != UpdateStatus.SUBMITTED or (
        base_version is not None and row.version != base_version
    ):
        last = row.history.order_by("-history_id").select_related("history_user")
        last = last.first()
        who = last.history_user.full_name if last and last.history_user else ""
        raise ValidationError(
            _("%(who)s already %(decision)s this update: see it as it is now.")
            % {
                "who": who or _("Someone"),
                "decision": row.get_status_display().lower(),
            },
            code="stale",
        )
    if row.period.is_locked:
        raise ValidationError(_("This period is locked: unlock it first."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(
            {"comment": _("Say what to correct: the delegation reads it.")}
        )
    row.status = UpdateStatus.APPROVED if approve else UpdateStatus.RETURNED
    row.review_comment = comment
    row.reviewed_by = user
    row.reviewed_at = timezone.now()
    _bump(row, user)
    return row


@transaction.atomic
def indicator_baseline_change(
    *, indicator: Indicator, user, baseline_value, baseline_year, reason: str
) -> Indicator:
    """Change a baseline after the roadmap was marked final (the organizers
    only: the view checks), with the reason kept in the history.

    Raises ValidationError without a reason, or as the roadmap's item_update
    does (StaleEdit when someone changed the indicator meanwhile)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the baseline changes.")})
    return roadmap_services.item_update(
        user=user,
        item=indicator,
        base_version=indicator.version,
        changes={"baseline_value": baseline_value, "baseline_year": baseline_year},
        reason=reason.strip(),
    )
