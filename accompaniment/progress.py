"""How far an indicator has come: a period's actual from its approved updates,
the share of the target reached (for indicators that should go down too), and
whether the categories add up to the total. Plain functions: no database."""

from decimal import ROUND_HALF_UP, Decimal


def latest_approved(approved: list):
    """The approved update a period stands on when it is not cumulative: the
    latest by the date it is true on, then by approval."""
    return max(approved, key=lambda u: (u.as_of, u.reviewed_at or u.as_of, u.pk))


def period_actual(*, cumulative: bool, approved: list):
    """The period's actual: the sum of its approved updates for a cumulative
    indicator, else the latest approved one (by the date it is true on, then by
    approval). None when nothing is approved or nothing has a value."""
    valued = [u for u in approved if u.value is not None]
    if not valued:
        return None
    if cumulative:
        return sum((u.value for u in valued), Decimal(0))
    return latest_approved(valued).value


def percent_of_target(*, baseline, target, actual, ascending: bool):
    """The share of the way from the baseline to the target covered, in % (can
    pass 100, or fall below 0 when the indicator went the wrong way). Without
    a baseline, the actual over the target for an indicator that goes up; None
    when it cannot be said (no target, no actual, a target equal to the
    baseline, or an indicator that goes down without a baseline)."""
    if target is None or actual is None:
        return None
    if baseline is None:
        if not ascending or target == 0:
            return None
        share = actual / target
    else:
        way = (target - baseline) if ascending else (baseline - target)
        if way <= 0:
            return None
        share = ((actual - baseline) if ascending else (baseline - actual)) / way
    return (share * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def categories_mismatch(*, total, values_by_dimension: dict) -> list:
    """The dimensions whose category values do not add up to the total (a
    warning, not a refusal: a figure may be known only in part)."""
    if total is None:
        return []
    return [
        dimension
        for dimension, values in values_by_dimension.items()
        if values and sum(values, Decimal(0)) != total
    ]
