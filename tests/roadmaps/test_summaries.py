"""The cohort pages' summaries, counted by the database, against the editor's
score and budget computed from the loaded tree: the same figures, always."""

import datetime
import sys
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadmaps import services
from roadmaps.completeness import roadmap_completeness
from roadmaps.demo import demo_roadmap_fill
from roadmaps.enums import MilestoneKind
from roadmaps.models import Coordination, Milestone, Pillar, Roadmap, Territory
from roadmaps.selectors import roadmap_budget, roadmap_tree
from roadmaps.summaries import WHITESPACE, roadmap_scores_for, roadmap_summaries
from tests import factories as cohort_factories
from tests.factories import roadmaps as factories


def _money(budget: dict) -> dict:
    return {
        currency: (money.total, money.secured, money.pledged, money.gap)
        for currency, money in budget.items()
    }


def assert_summary_matches_tree(roadmap):
    """Score (checks passed and made) and budget as the editor computes them."""
    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    tree = roadmap_tree(roadmap=roadmap)
    expected = roadmap_completeness(tree=tree)
    summary = roadmap_summaries(roadmaps=[roadmap])[roadmap.pk]
    assert (summary.done, summary.total, summary.percent) == (
        expected.done,
        expected.total,
        expected.percent,
    )
    assert _money(summary.budget) == _money(roadmap_budget(tree=tree).overall)
    assert list(summary.budget) == list(roadmap_budget(tree=tree).overall)
    return summary


def _milestone(roadmap, **fields):
    """The next stage of the path the roadmap does not have yet."""
    taken = set(
        Milestone.objects.filter(roadmap=roadmap, deleted_at=None).values_list(
            "kind", flat=True
        )
    )
    kind = next(kind for kind in MilestoneKind.values if kind not in taken)
    return services.item_create(
        user=None, roadmap=roadmap, model=Milestone, fields={"kind": kind, **fields}
    )


def test_whitespace_is_every_character_python_strips():
    assert set(WHITESPACE) == {
        chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()
    }


def test_summary_of_a_roadmap_never_opened(bolivia):
    summary = assert_summary_matches_tree(bolivia.roadmap)

    assert summary.percent == 0
    assert summary.budget == {}


def test_summary_of_a_roadmap_with_only_its_pillars(roadmap):
    assert assert_summary_matches_tree(roadmap).done == 0


def test_summary_of_the_demo_roadmap(roadmap):
    demo_roadmap_fill(roadmap=roadmap)

    summary = assert_summary_matches_tree(roadmap)

    assert 20 < summary.percent < 90
    assert _money(summary.budget) == {
        "USD": (Decimal(93000), Decimal(45000), Decimal(18000), Decimal(30000))
    }


def test_summary_of_a_large_complete_roadmap(roadmap):
    factories.build_tree(roadmap, outcomes=2, outputs=2, activities=2)
    Coordination.objects.filter(roadmap=roadmap).update(
        lead_institution="Ministry of Women",
        coordination_body="NAP committee",
        civil_society_seats=3,
    )
    services.item_create(
        user=None, roadmap=roadmap, model=Territory, fields={"name": "Cauca"}
    )
    _milestone(roadmap, planned_date=datetime.date(2026, 3, 1))
    Roadmap.objects.filter(pk=roadmap.pk).update(
        context_analysis="Context",
        plan_start_year=2025,
        plan_end_year=2029,
        toc_if="if",
        toc_then="then",
        toc_because="because",
    )

    assert assert_summary_matches_tree(roadmap).percent == 100


def test_summary_counts_what_the_tree_holds_after_deletes(roadmap, pillar):
    demo_roadmap_fill(roadmap=roadmap)
    kept = factories.outcome(roadmap, pillar, "Kept")
    gone = factories.outcome(roadmap, pillar, "Deleted with its children")
    for result in (kept, gone):
        output = factories.output(roadmap, result)
        factories.indicator(roadmap, result)
        factories.indicator(roadmap, output, means_of_verification="")
        factories.activity(roadmap, output, cost=Decimal("500"), currency="EUR")
        factories.activity(roadmap, output, lead_institution="")
    services.item_delete(user=None, item=gone)
    # An item deleted itself, under an alive parent.
    services.item_delete(
        user=None, item=factories.activity(roadmap, kept.outputs.get(), cost=None)
    )
    services.item_delete(user=None, item=factories.indicator(roadmap, kept))
    # A deleted pillar hides its whole subtree.
    national = services.item_create(
        user=None, roadmap=roadmap, model=Pillar, fields={"name": "Climate"}
    )
    factories.activity(
        roadmap, factories.output(roadmap, factories.outcome(roadmap, national))
    )
    services.item_delete(user=None, item=national)
    services.item_delete(
        user=None,
        item=services.item_create(
            user=None, roadmap=roadmap, model=Territory, fields={"name": "Gone"}
        ),
    )
    services.item_delete(user=None, item=_milestone(roadmap))

    summary = assert_summary_matches_tree(roadmap)

    assert _money(summary.budget)["EUR"] == (Decimal(500), Decimal(500), 0, 0)


def test_summary_after_every_pillar_is_deleted(roadmap):
    for pillar in Pillar.objects.filter(roadmap=roadmap):
        services.item_delete(user=None, item=pillar)

    assert_summary_matches_tree(roadmap)


@pytest.mark.parametrize(
    "fields",
    [
        {"means_of_verification": ""},
        {"means_of_verification": " \n\t\u00a0"},
        {"baseline_year": None},
        {"baseline_value": None, "baseline_year": None},
        {"target_value": None},
        {"target_year": None},
    ],
    ids=[
        "no-verification",
        "blank-verification",
        "no-baseline-year",
        "no-baseline",
        "no-target-value",
        "no-target-year",
    ],
)
def test_summary_of_an_indicator_missing_one_thing(roadmap, pillar, fields):
    outcome = factories.outcome(roadmap, pillar)
    factories.indicator(roadmap, outcome, **fields)
    complete = factories.output(roadmap, outcome)
    factories.indicator(roadmap, complete)

    assert_summary_matches_tree(roadmap)


@pytest.mark.parametrize(
    "fields",
    [
        {"cost": None},
        {"cost": Decimal("0")},
        {"lead_institution": ""},
        {"lead_institution": "\u3000 "},
        {"start_quarter": ""},
        {"end_quarter": ""},
        {"funding_status": "pledged", "currency": "EUR"},
        {"funding_status": "gap", "cost": Decimal("12.34")},
    ],
    ids=[
        "no-cost",
        "zero-cost",
        "no-lead",
        "blank-lead",
        "no-start",
        "no-end",
        "pledged-eur",
        "gap",
    ],
)
def test_summary_of_an_activity_missing_one_thing(roadmap, pillar, fields):
    output = factories.output(roadmap, factories.outcome(roadmap, pillar))
    factories.activity(roadmap, output, **fields)
    factories.activity(roadmap, output)

    assert_summary_matches_tree(roadmap)


def test_summary_of_a_national_pillar_and_results_without_children(roadmap, pillar):
    national = services.item_create(
        user=None, roadmap=roadmap, model=Pillar, fields={"name": "Climate"}
    )
    factories.output(roadmap, factories.outcome(roadmap, national))
    factories.outcome(roadmap, pillar)

    assert_summary_matches_tree(roadmap)


@pytest.mark.parametrize(
    "coordination",
    [
        {"lead_institution": "Ministry", "coordination_body": " "},
        {"coordination_body": "Committee", "civil_society_seats": 0},
        {"civil_society_seats": 2},
    ],
)
def test_summary_of_the_coordination(roadmap, coordination):
    Coordination.objects.filter(roadmap=roadmap).update(**coordination)

    assert_summary_matches_tree(roadmap)


@pytest.mark.parametrize(
    "texts",
    [
        {"context_analysis": "  \n", "plan_start_year": 2025},
        {"toc_if": "if", "toc_then": "\t", "plan_end_year": 2030},
    ],
)
def test_summary_of_the_roadmaps_own_texts(roadmap, texts):
    Roadmap.objects.filter(pk=roadmap.pk).update(**texts)
    _milestone(roadmap)
    _milestone(roadmap, planned_date=datetime.date(2026, 1, 1))

    assert_summary_matches_tree(roadmap)


def test_summaries_of_several_roadmaps_keep_apart(convening, roadmap, pillar, ecuador):
    demo_roadmap_fill(roadmap=roadmap)
    other = services.roadmap_initialize(roadmap=ecuador.roadmap)
    factories.activity(
        other,
        factories.output(
            other,
            factories.outcome(other, Pillar.objects.filter(roadmap=other).first()),
        ),
        currency="EUR",
    )
    roadmaps = list(Roadmap.objects.filter(pk__in=[roadmap.pk, other.pk]))

    summaries = roadmap_summaries(roadmaps=roadmaps)

    for each in roadmaps:
        tree = roadmap_tree(roadmap=each)
        assert summaries[each.pk].percent == roadmap_completeness(tree=tree).percent
        assert _money(summaries[each.pk].budget) == _money(
            roadmap_budget(tree=tree).overall
        )
    assert roadmap_scores_for(roadmaps=roadmaps) == {
        each.pk: summaries[each.pk].percent for each in roadmaps
    }


@pytest.mark.parametrize("delegations", [2, 8])
def test_summaries_take_six_queries_whatever_the_cohort(convening, delegations):
    roadmaps = []
    for country in cohort_factories.COUNTRIES[:delegations]:
        delegation = cohort_factories.DelegationFactory(
            convening=convening, country=country
        )
        roadmap = services.roadmap_initialize(roadmap=delegation.roadmap)
        demo_roadmap_fill(roadmap=roadmap)
        roadmaps.append(roadmap)

    with CaptureQueriesContext(connection) as queries:
        summaries = roadmap_summaries(roadmaps=roadmaps)

    assert len(queries) == 6
    assert len({summary.percent for summary in summaries.values()}) == 1


def test_summaries_of_no_roadmap_ask_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert roadmap_summaries(roadmaps=[]) == {}


def test_a_summary_is_counted_once_per_revision_of_its_roadmap(
    roadmap, pillar, bolivia_member, django_assert_num_queries
):
    """The cohort pages read unchanged roadmaps' summaries from the cache, and a
    change through the services gives the next page the new figures."""
    outcome = factories.outcome(roadmap, pillar, "Women lead the talks")
    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    first = roadmap_summaries(roadmaps=[roadmap])[roadmap.pk]

    with django_assert_num_queries(0):
        again = roadmap_summaries(roadmaps=[roadmap])[roadmap.pk]
    assert (again.done, again.total) == (first.done, first.total)

    factories.output(roadmap, outcome, "Mediators trained")
    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    after = roadmap_summaries(roadmaps=[roadmap])[roadmap.pk]
    assert (after.done, after.total) == (
        first.done + 1,
        first.total + 1,
    )  # outcome has an output now, the output needs an activity
    assert_summary_matches_tree(roadmap)
