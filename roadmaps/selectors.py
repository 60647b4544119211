"""Reads of roadmaps, each with a fixed number of queries whatever their size.

``roadmap_tree`` loads every living part of a roadmap (one query per kind) and
links them in Python: ``pillar.outcome_list``, ``outcome.output_list``,
``outcome.indicator_list``, ``output.indicator_list``, ``output.activity_list``.
Each result gets its dotted ``code`` from its place among its living siblings,
so codes are right after any add, move or delete.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import FundingStatus, Section
from roadmaps.models import (
    ITEM_MODELS,
    PARENT_KINDS,
    Activity,
    Comment,
    Coordination,
    Export,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    Roadmap,
    Territory,
)
from roadmaps.nap_path import STARTED


@dataclass
class RoadmapTree:
    roadmap: Roadmap
    pillars: list = field(default_factory=list)
    coordination: Coordination | None = None
    territories: list = field(default_factory=list)
    milestones: list = field(default_factory=list)

    @property
    def outcomes(self):
        return [o for pillar in self.pillars for o in pillar.outcome_list]

    @property
    def outputs(self):
        return [p for outcome in self.outcomes for p in outcome.output_list]

    @property
    def indicators(self):
        found = []
        for outcome in self.outcomes:
            found.extend(outcome.indicator_list)
            for output in outcome.output_list:
                found.extend(output.indicator_list)
        return found

    @property
    def activities(self):
        return [a for output in self.outputs for a in output.activity_list]


def _living(model, roadmap_ids, related=()):
    return list(
        model.objects.filter(roadmap_id__in=roadmap_ids, deleted_at__isnull=True)
        .select_related(*related)
        .order_by("position", "pk")
    )


def roadmap_trees(*, roadmaps: list[Roadmap]) -> dict[int, RoadmapTree]:
    """The trees of several roadmaps, in eight queries whatever their number."""
    ids = [roadmap.pk for roadmap in roadmaps]
    trees = {roadmap.pk: RoadmapTree(roadmap=roadmap) for roadmap in roadmaps}
    children = defaultdict(list)
    for outcome in _living(Outcome, ids):
        children["pillar", outcome.pillar_id].append(outcome)
    for output in _living(Output, ids):
        children["outcome", output.outcome_id].append(output)
    for indicator in _living(Indicator, ids, related=["reference"]):
        if indicator.outcome_id:
            children["outcome-indicator", indicator.outcome_id].append(indicator)
        else:
            children["output-indicator", indicator.output_id].append(indicator)
    for activity in _living(Activity, ids):
        children["output-activity", activity.output_id].append(activity)

    for pillar in _living(Pillar, ids):
        trees[pillar.roadmap_id].pillars.append(pillar)
    for tree in trees.values():
        for number, pillar in enumerate(tree.pillars, start=1):
            pillar.code = str(number)
            pillar.outcome_list = children["pillar", pillar.pk]
            for outcome_number, outcome in enumerate(pillar.outcome_list, start=1):
                outcome.code = f"{pillar.code}.{outcome_number}"
                outcome.pillar = pillar
                outcome.indicator_list = children["outcome-indicator", outcome.pk]
                outcome.output_list = children["outcome", outcome.pk]
                _code_indicators(outcome)
                for output_number, output in enumerate(outcome.output_list, start=1):
                    output.code = f"{outcome.code}.{output_number}"
                    output.outcome = outcome
                    output.indicator_list = children["output-indicator", output.pk]
                    output.activity_list = children["output-activity", output.pk]
                    _code_indicators(output)
                    for activity_number, activity in enumerate(
                        output.activity_list, start=1
                    ):
                        activity.code = f"{output.code}.{activity_number}"
                        activity.output = output
    for coordination in Coordination.objects.filter(roadmap_id__in=ids):
        trees[coordination.roadmap_id].coordination = coordination
    for territory in _living(Territory, ids):
        trees[territory.roadmap_id].territories.append(territory)
    for milestone in _living(Milestone, ids):
        trees[milestone.roadmap_id].milestones.append(milestone)
    for tree in trees.values():
        tree.roadmap.nap_status_read_from(tree.milestones)
    return trees


def roadmaps_nap_status_read(*, roadmaps: list[Roadmap]) -> None:
    """Give each roadmap its NAP status (Roadmap.nap_status) in one query. The
    status reads only the stages begun, so only those are read, as plain rows
    (no model instances: a cohort page reads every roadmap's)."""
    by_roadmap = defaultdict(list)
    for milestone in Milestone.objects.filter(
        roadmap__in=roadmaps, deleted_at__isnull=True, status__in=STARTED
    ).values_list("roadmap_id", "kind", "status", named=True):
        by_roadmap[milestone.roadmap_id].append(milestone)
    for roadmap in roadmaps:
        roadmap.nap_status_read_from(by_roadmap[roadmap.pk])


def _code_indicators(result):
    for number, indicator in enumerate(result.indicator_list, start=1):
        indicator.code = f"{result.code}-I{number}"
        indicator.result = result


def roadmap_tree(*, roadmap: Roadmap) -> RoadmapTree:
    return roadmap_trees(roadmaps=[roadmap])[roadmap.pk]


def roadmap_item_index(*, roadmap: Roadmap) -> dict:
    """{key: item} of the roadmap's living results, in reading order: each
    pillar, its outcomes with their indicators, outputs and activities (for
    other apps that point at items, e.g. the follow-up's engagements)."""
    index = {}
    for pillar in roadmap_tree(roadmap=roadmap).pillars:
        index[pillar.key] = pillar
        for outcome in pillar.outcome_list:
            index[outcome.key] = outcome
            for indicator in outcome.indicator_list:
                index[indicator.key] = indicator
            for output in outcome.output_list:
                index[output.key] = output
                for item in [*output.indicator_list, *output.activity_list]:
                    index[item.key] = item
    return index


def roadmap_item_keys(*, roadmap: Roadmap) -> set[str]:
    return set(roadmap_item_index(roadmap=roadmap))


@dataclass
class Money:
    total: Decimal = Decimal(0)
    secured: Decimal = Decimal(0)
    pledged: Decimal = Decimal(0)
    gap: Decimal = Decimal(0)

    def add(self, activity):
        cost = activity.cost or Decimal(0)
        self.total += cost
        if activity.funding_status == FundingStatus.SECURED:
            self.secured += cost
        elif activity.funding_status == FundingStatus.PLEDGED:
            self.pledged += cost
        else:
            self.gap += cost

    @property
    def secured_percent(self):
        return _percent(self.secured, self.total)

    @property
    def pledged_percent(self):
        return _percent(self.pledged, self.total)

    @property
    def gap_percent(self):
        return _percent(self.gap, self.total)


def _percent(part, whole):
    return int(round(part * 100 / whole)) if whole else 0


@dataclass
class Budget:
    """Costs per pillar and overall, each split by currency (never summed across)."""

    pillars: list = field(default_factory=list)  # [(pillar, {currency: Money})]
    overall: dict = field(default_factory=dict)  # {currency: Money}
    uncosted: int = 0

    @property
    def is_empty(self):
        return not self.overall


def roadmap_budget(*, tree: RoadmapTree) -> Budget:
    budget = Budget()
    overall = defaultdict(Money)
    for pillar in tree.pillars:
        per_currency = defaultdict(Money)
        for outcome in pillar.outcome_list:
            for output in outcome.output_list:
                for activity in output.activity_list:
                    if activity.cost is None:
                        budget.uncosted += 1
                        continue
                    per_currency[activity.currency].add(activity)
                    overall[activity.currency].add(activity)
        budget.pillars.append((pillar, dict(sorted(per_currency.items()))))
    budget.overall = dict(sorted(overall.items()))
    return budget


def roadmap_for_editor(*, pk: int):
    """The roadmap with what the permission checks read, or None.

    Whether the person may see it is the caller's ``has_perm`` check (rules on
    the roadmap): filtering here as well cost a page two subqueries to compile.
    """
    try:
        return Roadmap.objects.select_related("delegation__convening").get(pk=pk)
    except Roadmap.DoesNotExist:
        return None


def roadmap_comments(*, roadmap: Roadmap) -> dict[str, list[Comment]]:
    """Threads per section (keyed by the section's value with underscores, for
    templates): first comments with ``reply_list``, in one query."""
    threads = defaultdict(list)
    by_id = {}
    for comment in Comment.objects.filter(roadmap=roadmap).select_related("author"):
        comment.reply_list = []
        comment.about = None
        by_id[comment.pk] = comment
        if comment.parent_id is None:
            threads[comment.section].append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].reply_list.append(comment)
    _threads_about(roadmap, [c for c in by_id.values() if c.item_key])
    return {
        section.value.replace("-", "_"): threads[section.value] for section in Section
    }


def _threads_about(roadmap: Roadmap, threads: list[Comment]) -> None:
    """Give each thread about an item that item (``about``), deleted ones too,
    with one query per kind of item named."""
    wanted = defaultdict(set)
    for thread in threads:
        kind, _sep, pk = thread.item_key.partition("-")
        if kind in ITEM_MODELS and pk.isdigit():
            wanted[kind].add(int(pk))
    found = {}
    for kind, pks in wanted.items():
        for item in ITEM_MODELS[kind].objects.filter(roadmap=roadmap, pk__in=pks):
            found[item.key] = item
    for thread in threads:
        thread.about = found.get(thread.item_key)


@dataclass
class ParentChoices:
    """Where an item may move: its parent now and the living results of the
    kinds it can sit under, as choices for a form (grouped by kind when it can
    sit under two kinds)."""

    item: object
    current: object
    choices: list
    parents: dict  # {result.key: result}


def _parent_label(result) -> str:
    text = getattr(result, "statement", "") or str(result)
    return f"{result.code} {Truncator(text).words(12)}"


def roadmap_parent_choices(
    *, roadmap: Roadmap, kind: str, item_pk: int
) -> ParentChoices | None:
    """The parents an item of ``kind`` may move under (an output to another
    outcome…), with their codes; None when the item is not a living part of the
    roadmap (deleted, in another roadmap, under a deleted parent) or its kind
    has no parent. One query per kind (``roadmap_tree``)."""
    if not PARENT_KINDS.get(kind):
        return None
    # The tree holds the living items with their codes and their parents, so
    # the item, its current parent and the choices all come from it.
    tree = roadmap_tree(roadmap=roadmap)
    by_kind = {
        "pillar": tree.pillars,
        "outcome": tree.outcomes,
        "output": tree.outputs,
        "indicator": tree.indicators,
        "activity": tree.activities,
    }
    item = next((found for found in by_kind[kind] if found.pk == item_pk), None)
    if item is None:
        return None
    parents = {parent_kind: by_kind[parent_kind] for parent_kind in PARENT_KINDS[kind]}
    groups = [
        (parent_kind, [(result.key, _parent_label(result)) for result in results])
        for parent_kind, results in parents.items()
    ]
    if len(groups) == 1:
        choices = groups[0][1]
    else:
        labels = {"outcome": _("Outcomes"), "output": _("Outputs")}
        choices = [(labels[parent_kind], options) for parent_kind, options in groups]
    current = item.result if kind == "indicator" else getattr(item, item.parent_field)
    return ParentChoices(
        item=item,
        current=current,
        choices=choices,
        parents={
            result.key: result for results in parents.values() for result in results
        },
    )


# The past exports an export page lists, newest first.
PAST_EXPORTS_SHOWN = 50


def roadmap_exports(*, roadmap: Roadmap) -> list[Export]:
    """The latest PDF exports of one roadmap, with who asked (one query)."""
    return list(
        Export.objects.filter(roadmap=roadmap).select_related("requested_by")[
            :PAST_EXPORTS_SHOWN
        ]
    )


def convening_exports(*, convening) -> list[Export]:
    """The latest PDF exports of a convening's cohort report (one query)."""
    return list(
        Export.objects.filter(convening=convening).select_related(
            "requested_by", "roadmap__delegation"
        )[:PAST_EXPORTS_SHOWN]
    )


def item_last_change(*, item):
    """The latest history record of an item (who changed it, when, and how:
    ``history_change_reason`` is "deleted" for a deletion), or None."""
    return (
        type(item)
        .history.filter(id=item.pk)
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )


def roadmap_item_by_key(*, roadmap: Roadmap, key: str):
    """The living item of the roadmap named by ``key`` ("indicator-12"), or None."""
    kind, _sep, pk = (key or "").partition("-")
    model = ITEM_MODELS.get(kind)
    if model is None or kind == "roadmap" or not pk.isdigit():
        return None
    items = model.objects.filter(roadmap=roadmap, pk=int(pk))
    if hasattr(model, "deleted_at"):
        items = items.filter(deleted_at__isnull=True)
    return items.first()
