"""What the reports' summary pages show, computed from loaded trees: a
roadmap's pillars at a glance, its milestones reached, its budget charts, and
the cohort's comparison per pillar. Plain functions of data already read: no
query here."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from roadmaps.charts import (
    PercentRow,
    StackedRow,
    amounts,
    funding_chart,
    percent_chart,
)
from roadmaps.enums import MilestoneStatus, StandardPillar
from roadmaps.selectors import Budget, Money, RoadmapTree


@dataclass
class PillarGlance:
    pillar: object
    outcomes: int
    outputs: int
    indicators: int
    activities: int
    budget: dict  # {currency: Money}


def pillars_at_a_glance(*, tree: RoadmapTree, budget: Budget) -> list[PillarGlance]:
    money = {pillar.pk: per_currency for pillar, per_currency in budget.pillars}
    rows = []
    for pillar in tree.pillars:
        outputs = [o for outcome in pillar.outcome_list for o in outcome.output_list]
        indicators = sum(len(o.indicator_list) for o in pillar.outcome_list) + sum(
            len(o.indicator_list) for o in outputs
        )
        rows.append(
            PillarGlance(
                pillar=pillar,
                outcomes=len(pillar.outcome_list),
                outputs=len(outputs),
                indicators=indicators,
                activities=sum(len(o.activity_list) for o in outputs),
                budget=money.get(pillar.pk, {}),
            )
        )
    return rows


@dataclass
class MilestoneProgress:
    done: int
    total: int
    next_one: object | None  # the first stage of the path not reached


def milestone_progress(*, milestones: list) -> MilestoneProgress:
    """``milestones`` in the order of the path (roadmaps.nap_path.STAGES)."""
    done = [m for m in milestones if m.status == MilestoneStatus.ACHIEVED]
    pending = [m for m in milestones if m.is_open]
    return MilestoneProgress(
        done=len(done), total=len(milestones), next_one=pending[0] if pending else None
    )


@dataclass
class CurrencyChart:
    currency: str
    svg: str


def budget_charts(*, budget: Budget) -> list[CurrencyChart]:
    """One chart per currency (amounts in two currencies are never added up):
    a bar per pillar with a cost, split into secured, pledged and gap."""
    charts = []
    amount = amounts()
    for currency in budget.overall:
        rows = [
            StackedRow(
                label=f"{pillar.code}. {pillar.title}",
                secured=money.secured,
                pledged=money.pledged,
                gap=money.gap,
                note=f"{amount(money.total)} {currency}",
            )
            for pillar, per_currency in budget.pillars
            if (money := per_currency.get(currency)) and money.total
        ]
        title = _(
            "Budget per pillar in %(currency)s: secured, pledged and not funded. "
            "The figures are in the table."
        ) % {"currency": currency}
        charts.append(
            CurrencyChart(currency=currency, svg=funding_chart(rows=rows, title=title))
        )
    return charts


def attendance_chart(*, rows) -> str:
    """Bars of the attendance rate per delegation (the cohort report)."""
    return percent_chart(
        rows=[
            PercentRow(
                label=row.name,
                percent=row.attendance.percent if row.attendance else None,
            )
            for row in rows
        ],
        title=_("Attendance rate per delegation. The figures are in the table."),
    )


# The cohort's comparison, per pillar


@dataclass
class PillarLine:
    """One delegation's roadmap in one pillar of the comparison."""

    delegation: object
    titles: list  # the pillar's name(s) in this roadmap
    outcomes: int = 0
    indicators: int = 0
    budget: dict = field(default_factory=dict)  # {currency: Money}
    completeness: int = 0  # of the whole roadmap
    name: str = ""  # the country's name in the report's language


@dataclass
class PillarComparison:
    label: str
    lines: list  # [PillarLine], one per delegation with a roadmap
    chart: str = ""


OTHER = "other"


def cohort_pillar_comparison(*, rows, pillars: dict) -> list[PillarComparison]:
    """Per standard pillar of resolution 1325 (and one group for national
    pillars): each delegation's outcomes, indicators and budget in it, side by
    side, with a funding chart per pillar for the currency most used.
    ``pillars`` are the roadmaps' PillarSummary lists (roadmaps.pillar_summaries)."""
    groups = {value: {} for value in [*StandardPillar.values, OTHER]}
    # Labels translated once, not once per pillar of every roadmap.
    standard_titles = {value: str(label) for value, label in StandardPillar.choices}
    for row in rows:
        if row.roadmap is None:
            continue
        for pillar in pillars.get(row.roadmap.pk, []):
            line = groups[pillar.standard or OTHER].setdefault(
                row.delegation.pk,
                PillarLine(
                    delegation=row.delegation,
                    titles=[],
                    completeness=row.score,
                    name=row.name,
                ),
            )
            line.titles.append(pillar.title_from(standard_titles))
            line.outcomes += pillar.outcomes
            line.indicators += pillar.indicators
            for currency, value in pillar.budget.items():
                total = line.budget.setdefault(currency, Money())
                total.total += value.total
                total.secured += value.secured
                total.pledged += value.pledged
                total.gap += value.gap
    labels = dict(StandardPillar.choices) | {OTHER: _("National pillars")}
    comparisons = []
    amount = amounts()
    for key, lines in groups.items():
        if not lines:
            continue
        ordered = sorted(lines.values(), key=lambda line: line.name)
        comparisons.append(
            PillarComparison(
                label=str(labels[key]),
                lines=ordered,
                chart=_comparison_chart(str(labels[key]), ordered, amount),
            )
        )
    return comparisons


def _comparison_chart(label: str, lines: list, amount) -> str:
    currencies = [c for line in lines for c in line.budget]
    if not currencies:
        return ""
    currency = max(set(currencies), key=currencies.count)
    rows = [
        StackedRow(
            label=line.name,
            secured=money.secured,
            pledged=money.pledged,
            gap=money.gap,
            note=f"{amount(money.total)} {currency}",
        )
        for line in lines
        if (money := line.budget.get(currency)) and money.total
    ]
    title = _(
        "%(pillar)s: budget per delegation in %(currency)s, secured, pledged and "
        "not funded. The figures are in the table."
    ) % {"pillar": label, "currency": currency}
    return funding_chart(rows=rows, title=title)
