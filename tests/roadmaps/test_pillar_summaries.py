"""The per-pillar figures the database counts for the cohort report match the
ones read from each roadmap's tree, deleted items left out."""

from django.core.cache import cache

from roadmaps.models import Activity, Outcome
from roadmaps.pillar_summaries import pillar_summaries
from roadmaps.selectors import roadmap_budget, roadmap_tree
from roadmaps.services import item_delete
from tests.roadmaps import exports_support

demo_roadmap = exports_support.demo_roadmap
large_roadmap = exports_support.large_roadmap


def from_the_tree(roadmap):
    tree = roadmap_tree(roadmap=roadmap)
    money = dict(
        (pillar.pk, per_currency)
        for pillar, per_currency in roadmap_budget(tree=tree).pillars
    )
    return [
        (
            pillar.title,
            len(pillar.outcome_list),
            sum(len(o.indicator_list) for o in pillar.outcome_list)
            + sum(
                len(p.indicator_list)
                for o in pillar.outcome_list
                for p in o.output_list
            ),
            {
                c: (m.total, m.secured, m.pledged, m.gap)
                for c, m in money[pillar.pk].items()
            },
        )
        for pillar in tree.pillars
    ]


def from_the_database(roadmap):
    cache.clear()
    return [
        (
            p.title,
            p.outcomes,
            p.indicators,
            {c: (m.total, m.secured, m.pledged, m.gap) for c, m in p.budget.items()},
        )
        for p in pillar_summaries(roadmaps=[roadmap])[roadmap.pk]
    ]


def test_the_counts_match_the_tree(demo_roadmap, large_roadmap, bolivia_member):
    item_delete(
        user=bolivia_member, item=Outcome.objects.filter(roadmap=demo_roadmap).first()
    )
    item_delete(user=None, item=Activity.objects.filter(roadmap=large_roadmap).first())

    for roadmap in (demo_roadmap, large_roadmap):
        assert from_the_database(roadmap) == from_the_tree(roadmap)


def test_four_queries_whatever_the_roadmaps(
    demo_roadmap, large_roadmap, django_assert_num_queries
):
    cache.clear()
    with django_assert_num_queries(4):
        pillar_summaries(roadmaps=[demo_roadmap, large_roadmap])
    with django_assert_num_queries(0):  # cached on the roadmaps' revisions
        pillar_summaries(roadmaps=[demo_roadmap, large_roadmap])
