"""A roadmap's tracking data, as data: JSON and XLSX whose field names follow
the results of IATI 2.03 (result, indicator, baseline, period, target,
actual, dimension), so funders can load them into their systems.

Only approved figures leave: a period's actual as the indicator table shows it
(the sum of the approved updates for a cumulative indicator, else the latest
one), then one actual per disaggregation category, each with its dimension,
as IATI records a disaggregated value.
"""

from decimal import Decimal

import tablib
from django.utils import timezone

from accompaniment.indicator_table import indicator_table
from common.spreadsheets import cell_neutralize
from roadmaps.enums import Measure
from roadmaps.selectors import roadmap_tree

SCHEMA = "nap-academy-tracking/1"
# IATI 2.03 codelists: IndicatorMeasure, ResultType.
MEASURE_CODES = {Measure.NUMBER: "1", Measure.PERCENTAGE: "2", Measure.QUALITATIVE: "5"}
RESULT_TYPES = {"output": "1", "outcome": "2"}
COLUMNS = [
    "result-ref",
    "result-type",
    "result-title",
    "indicator-ref",
    "indicator-title",
    "indicator-measure",
    "indicator-ascending",
    "baseline-year",
    "baseline-value",
    "period-start",
    "period-end",
    "target-value",
    "actual-value",
    "dimension-name",
    "dimension-value",
]


def _number(value) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


def _results_by_indicator(tree) -> dict:
    """{indicator id: ("outcome" or "output", the result it measures)}."""
    found = {}
    for outcome in tree.outcomes:
        found.update({i.pk: ("outcome", outcome) for i in outcome.indicator_list})
        for output in outcome.output_list:
            found.update({i.pk: ("output", output) for i in output.indicator_list})
    return found


def tracking_data(*, roadmap) -> dict:
    """The roadmap's results with their indicators, baselines and periods (a
    fixed number of queries: the indicator table's)."""
    delegation = roadmap.delegation
    tree = roadmap_tree(roadmap=roadmap)
    measured = _results_by_indicator(tree)
    rows = indicator_table(roadmap=roadmap, today=timezone.localdate(), tree=tree)
    results = {}
    for row in rows:
        indicator = row.indicator
        kind, result = measured[indicator.pk]
        entry = results.setdefault(
            result.code,
            {
                "ref": result.code,
                "type": RESULT_TYPES[kind],
                "title": result.statement,
                "indicator": [],
            },
        )
        periods = []
        for line in row.periods:
            period = line.period
            actual = []
            if line.actual is not None:
                actual.append({"value": _number(line.actual), "dimension": []})
                actual += [
                    {
                        "value": _number(value),
                        "dimension": [
                            {"name": category.dimension, "value": category.label}
                        ],
                    }
                    for category, value in line.by_category
                ]
            periods.append(
                {
                    "period-start": period.starts_on.isoformat(),
                    "period-end": period.ends_on.isoformat(),
                    "target": {"value": _number(period.target_value)},
                    "actual": actual,
                }
            )
        entry["indicator"].append(
            {
                "ref": indicator.code,
                "measure": MEASURE_CODES[indicator.measure],
                "ascending": "1" if indicator.ascending else "0",
                "title": indicator.statement,
                "unit": indicator.unit,
                "baseline": {
                    "year": indicator.baseline_year,
                    "value": _number(indicator.baseline_value),
                },
                "period": periods,
            }
        )
    return {
        "schema": SCHEMA,
        "iati-version": "2.03",
        "generated": timezone.now().isoformat(timespec="seconds"),
        "delegation": {
            "country": delegation.country.code,
            "name": str(delegation.country.name),
            "convening": delegation.convening.name,
        },
        "result": list(results.values()),
    }


def tracking_rows(data: dict) -> list[list]:
    """One row per actual (the total, then each category) or per period
    without one, in the COLUMNS order."""
    rows = []
    for result in data["result"]:
        for indicator in result["indicator"]:
            head = [
                result["ref"],
                result["type"],
                result["title"],
                indicator["ref"],
                indicator["title"],
                indicator["measure"],
                indicator["ascending"],
                indicator["baseline"]["year"],
                indicator["baseline"]["value"],
            ]
            for period in indicator["period"]:
                dates = [
                    period["period-start"],
                    period["period-end"],
                    period["target"]["value"],
                ]
                for actual in period["actual"] or [{"value": None, "dimension": []}]:
                    dimension = (actual["dimension"] or [{}])[0]
                    rows.append(
                        [
                            *head,
                            *dates,
                            actual["value"],
                            dimension.get("name"),
                            dimension.get("value"),
                        ]
                    )
    return rows


def tracking_xlsx(data: dict) -> bytes:
    """The rows as a spreadsheet; text a spreadsheet would run as a formula is
    neutralized (common.spreadsheets), figures stay numbers."""
    sheet = tablib.Dataset(headers=COLUMNS, title="results")
    for row in tracking_rows(data):
        sheet.append(
            [
                float(value)
                if name.endswith("-value") and name != "dimension-value" and value
                else cell_neutralize(value)
                for name, value in zip(COLUMNS, row, strict=True)
            ]
        )
    return sheet.export("xlsx")
