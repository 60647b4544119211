"""The figures of indicator tracking, without a database: the periods a plan
calls for, their targets, a period's actual and the share of the target
reached, for indicators that should go up and for those that should go down."""

import datetime
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from accompaniment.periods import Span, period_spans, period_target
from accompaniment.progress import (
    categories_mismatch,
    percent_of_target,
    period_actual,
)


def test_quarters_of_a_two_year_plan():
    spans = period_spans(frequency="quarterly", start_year=2026, end_year=2027)

    assert len(spans) == 8
    assert spans[0] == Span(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert spans[-1] == Span(datetime.date(2027, 10, 1), datetime.date(2027, 12, 31))


@pytest.mark.parametrize(
    ("frequency", "count", "first_end"),
    [
        ("monthly", 24, datetime.date(2026, 1, 31)),
        ("twice_a_year", 4, datetime.date(2026, 6, 30)),
        ("yearly", 2, datetime.date(2026, 12, 31)),
    ],
)
def test_each_frequency_cuts_the_plan_its_way(frequency, count, first_end):
    spans = period_spans(frequency=frequency, start_year=2026, end_year=2027)

    assert (len(spans), spans[0].ends_on) == (count, first_end)
    assert all(
        later.starts_on - earlier.ends_on == datetime.timedelta(days=1)
        for earlier, later in zip(spans, spans[1:], strict=False)
    )


def test_mid_term_and_end_halve_the_plan():
    assert period_spans(frequency="mid_end", start_year=2026, end_year=2030) == [
        Span(datetime.date(2026, 1, 1), datetime.date(2028, 12, 31)),
        Span(datetime.date(2029, 1, 1), datetime.date(2030, 12, 31)),
    ]


@pytest.mark.parametrize(
    "plan", [("", 2026, 2030), ("yearly", None, 2030), ("yearly", 2030, 2026)]
)
def test_no_periods_without_a_frequency_or_the_plan_years(plan):
    frequency, start, end = plan
    assert period_spans(frequency=frequency, start_year=start, end_year=end) == []


def indicator(**fields):
    values = {
        "measure": "number",
        "cumulative": False,
        "baseline_value": D("10"),
        "baseline_year": 2025,
        "target_value": D("50"),
        "target_year": 2029,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def yearly(year):
    return Span(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def test_targets_follow_a_line_from_the_baseline_to_the_target():
    targets = [
        period_target(indicator=indicator(), span=yearly(y)) for y in range(2026, 2031)
    ]

    assert targets == [D("20.00"), D("30.00"), D("40.00"), D("50"), D("50")]


def test_a_falling_indicator_gets_falling_targets():
    falling = indicator(baseline_value=D("40"), target_value=D("20"), target_year=2027)

    assert [period_target(indicator=falling, span=yearly(y)) for y in (2026, 2027)] == [
        D("30.00"),
        D("20"),
    ]


def test_a_cumulative_indicator_carries_its_target_in_the_target_year_only():
    trained = indicator(cumulative=True, target_value=D("200"), target_year=2027)

    assert [period_target(indicator=trained, span=yearly(y)) for y in (2026, 2027)] == [
        None,
        D("200"),
    ]


def test_a_qualitative_indicator_has_no_target_value():
    assert (
        period_target(indicator=indicator(measure="qualitative"), span=yearly(2029))
        is None
    )


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "ascending", "percent"),
    [
        (D("10"), D("60"), D("35"), True, D("50")),
        (D("10"), D("60"), D("60"), True, D("100")),
        (D("10"), D("60"), D("70"), True, D("120")),
        # Cases of violence should fall: from 40 towards 20, 30 is half-way.
        (D("40"), D("20"), D("30"), False, D("50")),
        (D("40"), D("20"), D("45"), False, D("-25")),
        (None, D("60"), D("30"), True, D("50")),
        (None, D("20"), D("30"), False, None),
        (D("10"), D("10"), D("12"), True, None),
        (D("10"), D("60"), None, True, None),
        (D("10"), None, D("12"), True, None),
    ],
)
def test_percent_of_target(baseline, target, actual, ascending, percent):
    assert (
        percent_of_target(
            baseline=baseline, target=target, actual=actual, ascending=ascending
        )
        == percent
    )


def update(value, as_of, pk):
    return SimpleNamespace(
        value=value, as_of=datetime.date(2026, *as_of), reviewed_at=None, pk=pk
    )


def test_the_actual_is_the_sum_or_the_latest_approved():
    approved = [update(D("12"), (3, 1), 1), update(D("8"), (5, 1), 2)]

    assert period_actual(cumulative=True, approved=approved) == D("20")
    assert period_actual(cumulative=False, approved=approved) == D("8")
    assert period_actual(cumulative=False, approved=[]) is None


def test_categories_that_do_not_add_up_are_named():
    assert categories_mismatch(
        total=D("20"),
        values_by_dimension={"Sex": [D("12"), D("8")], "Age band": [D("5"), D("9")]},
    ) == ["Age band"]


def test_so_far_adds_up_a_cumulative_indicator_from_its_baseline():
    from accompaniment.indicator_table import IndicatorRow

    trained = SimpleNamespace(
        cumulative=True,
        baseline_value=D("12"),
        target_value=D("60"),
        ascending=True,
    )
    row = IndicatorRow(
        indicator=trained,
        periods=[SimpleNamespace(actual=D("18")), SimpleNamespace(actual=D("6"))],
    )

    assert row.to_date == D("36")  # 12 before the plan, 18 and 6 since
    assert row.to_date_percent == D("50")  # half of the way from 12 to 60
    trained.cumulative = False
    assert row.to_date == D("6")
