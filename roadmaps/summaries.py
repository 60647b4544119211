"""Per-roadmap summaries for the cohort pages, counted by the database.

The cohort dashboard and the cohort report show one line per delegation: the
completeness score and the budget. Loading every roadmap's tree to compute
them made those pages grow with every roadmap's content. Here the database
counts, grouped by roadmap, what each check of ``roadmaps.completeness`` looks
at, and the score is computed from those counts, in six queries whatever the
number and size of the roadmaps. The editor keeps ``roadmap_completeness``,
which lists what is missing item by item; tests/roadmaps/test_summaries.py
holds the two to the same score.

An item counts as the tree holds it (``roadmaps.selectors.roadmap_trees``):
alive, under alive parents up to its pillar.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThan

from roadmaps.completeness import roadmap_facts
from roadmaps.enums import FundingStatus, MilestoneStatus
from roadmaps.fragments import roadmap_part_keys
from roadmaps.models import (
    Activity,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    Roadmap,
    Territory,
)
from roadmaps.selectors import Money

CACHE_TIMEOUT = 6 * 60 * 60  # seconds; keys change with the roadmaps

# Every character Python's str.strip() removes (str.isspace()): a text holding
# only these is empty to the completeness checks, so to the database as well.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# Items alive under alive parents.
LIVING_OUTCOME = Q(deleted_at=None, pillar__deleted_at=None)
LIVING_OUTPUT = Q(
    deleted_at=None, outcome__deleted_at=None, outcome__pillar__deleted_at=None
)
LIVING_ACTIVITY = Q(
    deleted_at=None,
    output__deleted_at=None,
    output__outcome__deleted_at=None,
    output__outcome__pillar__deleted_at=None,
)
# An indicator measures an outcome or an output; the other link is empty, and
# an empty link's missing row must not pass for an alive parent.
LIVING_INDICATOR = Q(deleted_at=None) & (
    Q(
        outcome__isnull=False,
        outcome__deleted_at=None,
        outcome__pillar__deleted_at=None,
    )
    | Q(
        output__isnull=False,
        output__deleted_at=None,
        output__outcome__deleted_at=None,
        output__outcome__pillar__deleted_at=None,
    )
)


class _Strip(Func):
    """The text without whitespace at either end (NULL stays NULL): TRIM with
    a set of characters, as PostgreSQL and SQLite both write it."""

    function = "TRIM"

    def __init__(self, field_name: str):
        super().__init__(F(field_name), Value(WHITESPACE), output_field=TextField())


def _filled(field_name: str):
    """True when the text holds more than whitespace (completeness's ``_filled``).
    Compared with '' rather than measured: LENGTH counts characters, which
    costs PostgreSQL twice as much on every row."""
    return ~Exact(_Strip(field_name), Value(""))


def _alive(model, **filters):
    """Alive rows of a kind with one of its parents."""
    return model.objects.filter(deleted_at=None, **filters)


def _count(queryset):
    """How many rows of ``queryset`` belong to the outer query's roadmap."""
    counted = (
        queryset.filter(roadmap_id=OuterRef("pk"))
        .order_by()
        .values("roadmap_id")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _sum(**condition):
    return Coalesce(
        Sum("cost", **condition),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )


@dataclass
class RoadmapSummary:
    """What the cohort pages show of one roadmap."""

    roadmap: Roadmap
    done: int = 0
    total: int = 0
    budget: dict = field(default_factory=dict)  # {currency: Money}, sorted

    @property
    def percent(self) -> int:
        """As ``Completeness.percent``: the same counts give the same rounding."""
        return int(round(self.done * 100 / self.total)) if self.total else 0


def _grouped(queryset, ids, **aggregates) -> dict[int, dict]:
    rows = (
        queryset.filter(roadmap_id__in=ids)
        .order_by()
        .values("roadmap_id")
        .annotate(**aggregates)
    )
    return {row.pop("roadmap_id"): row for row in rows}


def _summary_key(roadmap: Roadmap) -> str:
    """What a summary is cached under: the roadmap's revisions of every kind it
    counts (roadmaps/fragments.py) and whether each of its texts is filled."""
    key = roadmap_part_keys(roadmap=roadmap, parts=("summary",))["summary"]
    return f"roadmap-summary.{key}"


def roadmap_summaries(*, roadmaps: list[Roadmap]) -> dict[int, RoadmapSummary]:
    """The summary of each roadmap by id: from the cache, keyed on the
    roadmaps' revisions, so a cohort page costs the same whatever the size of
    its roadmaps; the ones not cached are counted in six queries whatever their
    number and size, and cached. The roadmaps' own texts and revisions are read
    from the objects given."""
    keys = {roadmap.pk: _summary_key(roadmap) for roadmap in roadmaps}
    cached = cache.get_many(list(keys.values())) if keys else {}
    summaries = {}
    counted = []
    for roadmap in roadmaps:
        found = cached.get(keys[roadmap.pk])
        if found is None:
            counted.append(roadmap)
            continue
        done, total, budget = found
        summaries[roadmap.pk] = RoadmapSummary(
            roadmap=roadmap, done=done, total=total, budget=budget
        )
    if counted:
        fresh = _summaries_counted(roadmaps=counted)
        cache.set_many(
            {
                keys[pk]: (summary.done, summary.total, summary.budget)
                for pk, summary in fresh.items()
            },
            CACHE_TIMEOUT,
        )
        summaries.update(fresh)
    return summaries


def _summaries_counted(*, roadmaps: list[Roadmap]) -> dict[int, RoadmapSummary]:
    """The summaries counted by the database, in six queries."""
    ids = [roadmap.pk for roadmap in roadmaps]
    own = {
        row.pop("pk"): row
        for row in Roadmap.objects.filter(pk__in=ids)
        .order_by()
        .values("pk")
        .annotate(
            coordination_lead=_filled("coordination__lead_institution"),
            coordination_body=_filled("coordination__coordination_body"),
            coordination_seats=GreaterThan(
                Coalesce("coordination__civil_society_seats", 0), 0
            ),
            territories=_count(_alive(Territory)),
            milestones=_count(_alive(Milestone)),
            milestones_dated=_count(
                _alive(Milestone).filter(
                    Q(planned_date__isnull=False)
                    | Q(status=MilestoneStatus.NOT_APPLICABLE)
                )
            ),
        )
    }
    pillars = _grouped(
        _alive(Pillar),
        ids,
        pillars=Count("pk"),
        with_outcome=Count(
            "pk", filter=Exists(_alive(Outcome, pillar_id=OuterRef("pk")))
        ),
    )
    outcomes = _grouped(
        Outcome.objects.filter(LIVING_OUTCOME),
        ids,
        outcomes=Count("pk"),
        with_output=Count(
            "pk", filter=Exists(_alive(Output, outcome_id=OuterRef("pk")))
        ),
        with_indicator=Count(
            "pk", filter=Exists(_alive(Indicator, outcome_id=OuterRef("pk")))
        ),
    )
    outputs = _grouped(
        Output.objects.filter(LIVING_OUTPUT),
        ids,
        outputs=Count("pk"),
        with_activity=Count(
            "pk", filter=Exists(_alive(Activity, output_id=OuterRef("pk")))
        ),
    )
    indicators = _grouped(
        Indicator.objects.filter(LIVING_INDICATOR),
        ids,
        indicators=Count("pk"),
        baseline=Count(
            "pk", filter=Q(baseline_value__isnull=False, baseline_year__isnull=False)
        ),
        target=Count(
            "pk", filter=Q(target_value__isnull=False, target_year__isnull=False)
        ),
        verification=Count("pk", filter=_filled("means_of_verification")),
    )
    activities = defaultdict(lambda: defaultdict(int))
    budgets = defaultdict(dict)
    # One row per roadmap and currency: the checks' counts are summed over the
    # currencies, the money is kept apart (never summed across currencies).
    for row in (
        Activity.objects.filter(LIVING_ACTIVITY, roadmap_id__in=ids)
        .order_by()
        .values("roadmap_id", "currency")
        .annotate(
            activities=Count("pk"),
            lead=Count("pk", filter=_filled("lead_institution")),
            quarters=Count("pk", filter=~Q(start_quarter="") & ~Q(end_quarter="")),
            costed=Count("cost"),
            total=_sum(),
            secured=_sum(filter=Q(funding_status=FundingStatus.SECURED)),
            pledged=_sum(filter=Q(funding_status=FundingStatus.PLEDGED)),
            gap=_sum(
                filter=~Q(
                    funding_status__in=[FundingStatus.SECURED, FundingStatus.PLEDGED]
                )
            ),
        )
    ):
        counts = activities[row["roadmap_id"]]
        for name in ("activities", "lead", "quarters", "costed"):
            counts[name] += row[name]
        if row["costed"]:
            budgets[row["roadmap_id"]][row["currency"]] = Money(
                total=row["total"],
                secured=row["secured"],
                pledged=row["pledged"],
                gap=row["gap"],
            )

    summaries = {}
    for roadmap in roadmaps:
        pk = roadmap.pk
        counts = defaultdict(int)
        for found in (
            own[pk],
            pillars.get(pk, {}),
            outcomes.get(pk, {}),
            outputs.get(pk, {}),
            indicators.get(pk, {}),
            activities.get(pk, {}),
        ):
            counts.update({name: int(value or 0) for name, value in found.items()})
        summary = RoadmapSummary(
            roadmap=roadmap, budget=dict(sorted(budgets[pk].items()))
        )
        summary.done, summary.total = _score(roadmap_facts(roadmap), counts)
        summaries[pk] = summary
    return summaries


def _score(facts: dict[str, bool], counts: dict[str, int]) -> tuple[int, int]:
    """(checks passed, checks made), check for check as roadmap_completeness."""
    passed = [
        # Context, theory of change: the roadmap's own texts.
        *facts.values(),
        # Results: each pillar has an outcome (or one failed check when there
        # is no pillar), each outcome an output.
        counts["with_outcome"],
        counts["with_output"],
        # Indicators: each outcome has one; baseline, target and means of
        # verification of each.
        counts["with_indicator"],
        counts["baseline"],
        counts["target"],
        counts["verification"],
        # Activities: each output has one; lead, quarters and cost of each.
        counts["with_activity"],
        counts["lead"],
        counts["quarters"],
        counts["costed"],
        # Coordination, localization, milestones.
        counts["coordination_lead"],
        counts["coordination_body"],
        counts["coordination_seats"],
        counts["territories"] > 0,
        counts["milestones"] > 0,
        counts["milestones_dated"],
    ]
    made = (
        len(facts)
        + max(counts["pillars"], 1)
        + counts["outcomes"]
        + counts["outcomes"]
        + 3 * counts["indicators"]
        + counts["outputs"]
        + 3 * counts["activities"]
        + 3
        + 1
        + 1
        + counts["milestones"]
    )
    return sum(int(value) for value in passed), made


def roadmap_scores_for(*, roadmaps: list[Roadmap]) -> dict[int, int]:
    """Overall completeness percent per roadmap id (six queries)."""
    return {
        pk: summary.percent
        for pk, summary in roadmap_summaries(roadmaps=roadmaps).items()
    }
