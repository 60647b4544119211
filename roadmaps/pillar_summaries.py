"""Per-pillar figures of many roadmaps, counted by the database (the cohort
report's comparison by pillar): each living pillar's outcomes, indicators and
money per currency, in four queries whatever the number and size of the
roadmaps, and cached on the roadmaps' revisions as roadmaps.summaries does.
Loading every roadmap's tree instead made the cohort report grow with every
roadmap's content."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce

from roadmaps.enums import FundingStatus, StandardPillar
from roadmaps.models import Activity, Indicator, Outcome, Pillar
from roadmaps.selectors import Money
from roadmaps.summaries import (
    CACHE_TIMEOUT,
    LIVING_ACTIVITY,
    LIVING_INDICATOR,
    LIVING_OUTCOME,
    _summary_key,
)


@dataclass
class PillarSummary:
    standard: str  # a StandardPillar value, or "" for a national pillar
    name: str  # the name given, "" for a standard pillar keeping its own
    outcomes: int = 0
    indicators: int = 0
    budget: dict = field(default_factory=dict)  # {currency: Money}

    @property
    def title(self) -> str:
        return self.title_from(dict(StandardPillar.choices))

    def title_from(self, standard_titles: dict) -> str:
        """The title, with the standard pillars' labels given by a caller that
        shows many pillars and translates each label once."""
        if self.name:
            return self.name
        return str(standard_titles[self.standard]) if self.standard else ""


def pillar_summaries(*, roadmaps) -> dict[int, list[PillarSummary]]:
    """{roadmap id: its pillars in order}, from the cache or counted."""
    keys = {roadmap.pk: f"pillars.{_summary_key(roadmap)}" for roadmap in roadmaps}
    cached = cache.get_many(list(keys.values())) if keys else {}
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        counted = _counted(missing)
        cache.set_many({keys[pk]: counted[pk] for pk in missing}, CACHE_TIMEOUT)
        found.update(counted)
    return found


def _counted(ids: list[int]) -> dict[int, list[PillarSummary]]:
    pillars = {}
    by_roadmap = {pk: [] for pk in ids}
    for row in (
        Pillar.objects.filter(roadmap_id__in=ids, deleted_at=None)
        .order_by("roadmap_id", "position", "pk")
        .values("pk", "roadmap_id", "standard", "name")
    ):
        summary = PillarSummary(standard=row["standard"], name=row["name"])
        pillars[row["pk"]] = summary
        by_roadmap[row["roadmap_id"]].append(summary)
    for row in (
        Outcome.objects.filter(LIVING_OUTCOME, pillar_id__in=pillars)
        .order_by()
        .values("pillar_id")
        .annotate(number=Count("pk"))
    ):
        pillars[row["pillar_id"]].outcomes = row["number"]
    for row in (
        Indicator.objects.filter(LIVING_INDICATOR, roadmap_id__in=ids)
        .annotate(
            pillar=Coalesce(F("outcome__pillar_id"), F("output__outcome__pillar_id"))
        )
        .order_by()
        .values("pillar")
        .annotate(number=Count("pk"))
    ):
        if row["pillar"] in pillars:
            pillars[row["pillar"]].indicators = row["number"]
    money = defaultdict(Money)
    for row in (
        Activity.objects.filter(LIVING_ACTIVITY, roadmap_id__in=ids, cost__isnull=False)
        .order_by()
        .values("output__outcome__pillar_id", "currency", "funding_status")
        .annotate(amount=Sum("cost"))
    ):
        pillar_id = row["output__outcome__pillar_id"]
        if pillar_id not in pillars:
            continue
        total = money[pillar_id, row["currency"]]
        amount = row["amount"] or Decimal(0)
        total.total += amount
        if row["funding_status"] == FundingStatus.SECURED:
            total.secured += amount
        elif row["funding_status"] == FundingStatus.PLEDGED:
            total.pledged += amount
        else:
            total.gap += amount
    for (pillar_id, currency), total in sorted(money.items(), key=lambda i: i[0][1]):
        pillars[pillar_id].budget[currency] = total
    return by_roadmap
