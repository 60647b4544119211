"""The cohort's roadmaps side by side, pillar by pillar: each sharing
delegation's outcomes, indicators, budget in the convening's common currency
(the rates and their dates stated; a currency without a rate is shown apart,
never guessed) and completeness. A delegation that does not share appears by
name only. A fixed number of queries whatever the number of delegations."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.db.models.functions import Coalesce

from academy.models import Delegation
from opendata.models import ExchangeRate
from opendata.selectors import export_settings_of
from roadmaps.enums import StandardPillar
from roadmaps.models import Indicator, Outcome, Pillar, ReferenceIndicator
from roadmaps.pillar_summaries import pillar_summaries
from roadmaps.references import ReferenceLine
from roadmaps.selectors import Money
from roadmaps.summaries import roadmap_scores_for

NATIONAL = "national"


@dataclass
class Cell:
    """One delegation's roadmap in one pillar."""

    names: list = field(default_factory=list)  # the pillars' own names (national)
    outcomes: list = field(default_factory=list)  # [(code, statement)]
    indicators: list = field(default_factory=list)  # Indicator rows (values)
    budget: Money = field(default_factory=Money)  # in the common currency
    unconverted: dict = field(default_factory=dict)  # {currency: Money}


@dataclass
class PillarRow:
    key: str
    title: str
    cells: dict = field(default_factory=dict)  # {delegation id: Cell}
    # The reference indicators measured in this pillar, each with the sharing
    # delegations' indicators that measure it (ReferenceLine).
    lines: list = field(default_factory=list)


@dataclass
class Comparison:
    delegations: list  # each with .shares_with_cohort and .score
    rows: list
    currency: str
    rates: list


def _convert(money: Money, rate: Decimal) -> Money:
    return Money(
        total=money.total * rate,
        secured=money.secured * rate,
        pledged=money.pledged * rate,
        gap=money.gap * rate,
    )


def _add(total: Money, part: Money) -> None:
    total.total += part.total
    total.secured += part.secured
    total.pledged += part.pledged
    total.gap += part.gap


def cohort_comparison(*, convening) -> Comparison:
    settings = export_settings_of(convening=convening)
    currency = settings.common_currency
    rates = list(ExchangeRate.objects.filter(convening=convening))
    rate_of = {r.currency: r.rate for r in rates} | {currency: Decimal(1)}
    delegations = list(
        Delegation.objects.filter(convening=convening)
        .select_related("data_sharing", "roadmap")
        .order_by("country")
    )
    for delegation in delegations:
        sharing = getattr(delegation, "data_sharing", None)
        delegation.shares_with_cohort = bool(sharing and sharing.share_with_cohort)
        delegation.score = None
    shared = {
        d.roadmap.pk: d
        for d in delegations
        if d.shares_with_cohort and hasattr(d, "roadmap")
    }
    roadmaps = [d.roadmap for d in shared.values()]
    rows = {key: PillarRow(key, str(label)) for key, label in StandardPillar.choices}
    rows[NATIONAL] = PillarRow(NATIONAL, "")
    if not roadmaps:
        return Comparison(delegations, [], currency, rates)
    for roadmap_id, score in roadmap_scores_for(roadmaps=roadmaps).items():
        shared[roadmap_id].score = score

    pillars = {}  # pillar id -> (row key, delegation id, code)
    numbers = defaultdict(int)
    for pillar in (
        Pillar.objects.filter(roadmap__in=roadmaps, deleted_at=None)
        .order_by("roadmap_id", "position", "pk")
        .values("pk", "roadmap_id", "standard", "name")
    ):
        numbers[pillar["roadmap_id"]] += 1
        key = pillar["standard"] or NATIONAL
        delegation = shared[pillar["roadmap_id"]]
        pillars[pillar["pk"]] = (key, delegation.pk, str(numbers[pillar["roadmap_id"]]))
        cell = rows[key].cells.setdefault(delegation.pk, Cell())
        if not pillar["standard"]:
            cell.names.append(pillar["name"])
    _budgets(roadmaps, shared, rows, rate_of)
    outcome_numbers = defaultdict(int)
    for outcome in (
        Outcome.objects.filter(
            roadmap__in=roadmaps, deleted_at=None, pillar__deleted_at=None
        )
        .order_by("pillar_id", "position", "pk")
        .values("pillar_id", "statement")
    ):
        key, delegation_id, code = pillars[outcome["pillar_id"]]
        outcome_numbers[outcome["pillar_id"]] += 1
        rows[key].cells[delegation_id].outcomes.append(
            (f"{code}.{outcome_numbers[outcome['pillar_id']]}", outcome["statement"])
        )
    for indicator in (
        Indicator.objects.filter(roadmap__in=roadmaps, deleted_at=None)
        .annotate(
            pillar=Coalesce(F("outcome__pillar_id"), F("output__outcome__pillar_id"))
        )
        .order_by("pillar", "position", "pk")
        .values(
            "pillar",
            "statement",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "reference_id",
        )
    ):
        if indicator["pillar"] in pillars:
            # Set for every one: a key the template misses costs it an exception.
            indicator["reference"] = None
            key, delegation_id, _code = pillars[indicator["pillar"]]
            rows[key].cells[delegation_id].indicators.append(indicator)
    _reference_lines(rows, {d.pk: d for d in shared.values()})
    return Comparison(
        delegations,
        [row for row in rows.values() if row.cells],
        currency,
        rates,
    )


def _reference_lines(rows, delegations) -> None:
    """Give each indicator its reference, and each pillar the references its
    indicators measure, the delegations side by side (one query)."""
    ids = {
        indicator["reference_id"]
        for row in rows.values()
        for cell in row.cells.values()
        for indicator in cell.indicators
        if indicator["reference_id"]
    }
    if not ids:
        return
    order = list(ReferenceIndicator.objects.filter(pk__in=ids))  # Meta.ordering
    references = {reference.pk: reference for reference in order}
    for row in rows.values():
        measured = defaultdict(dict)  # {reference id: {delegation id: [indicator]}}
        for delegation_id, cell in row.cells.items():
            for indicator in cell.indicators:
                reference = references.get(indicator["reference_id"])
                indicator["reference"] = reference
                if reference:
                    measured[reference.pk].setdefault(delegation_id, []).append(
                        indicator
                    )
        row.lines = [
            ReferenceLine(
                reference=reference,
                values=[
                    (delegations[delegation_id], indicators)
                    for delegation_id, indicators in sorted(
                        measured[reference.pk].items(),
                        key=lambda item: str(delegations[item[0]].country.name),
                    )
                ],
            )
            for reference in order
            if reference.pk in measured
        ]


def _budgets(roadmaps, shared, rows, rate_of) -> None:
    """Each pillar's money (pillar_summaries: four queries, cached) added to
    its cell, converted when a rate is known."""
    summaries = pillar_summaries(roadmaps=roadmaps)
    for roadmap in roadmaps:
        delegation = shared[roadmap.pk]
        for summary in summaries.get(roadmap.pk, []):
            cell = rows[summary.standard or NATIONAL].cells.setdefault(
                delegation.pk, Cell()
            )
            for currency, money in summary.budget.items():
                if currency in rate_of:
                    _add(cell.budget, _convert(money, rate_of[currency]))
                else:
                    kept = cell.unconverted.setdefault(currency, Money())
                    _add(kept, money)
