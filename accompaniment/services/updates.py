"""A delegation's indicator updates (drafted, submitted, corrected), their
review, and a baseline changed once the roadmap is final.

Every write is versioned: it names the version it was based on and is refused
(nothing written) when someone saved in between, naming who. Each leaves a
history record with its author (django-simple-history).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accompaniment.enums import UpdateStatus
from accompaniment.models import (
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
    UpdateValue,
)
from accompaniment.services.followup import version_bump, version_check
from roadmaps import services as roadmap_services
from roadmaps.enums import Measure
from roadmaps.models import Indicator


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
    version_bump(row, user)
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
