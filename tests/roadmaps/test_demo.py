from roadmaps.completeness import roadmap_completeness
from roadmaps.demo import demo_roadmap_fill
from roadmaps.models import Activity, Outcome, Roadmap
from roadmaps.selectors import roadmap_budget, roadmap_tree
from roadmaps.summaries import roadmap_scores_for


def test_demo_fill_writes_a_partial_spanish_roadmap_once(bolivia):
    roadmap = bolivia.roadmap
    assert demo_roadmap_fill(roadmap=roadmap) is True
    assert demo_roadmap_fill(roadmap=roadmap) is False

    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    assert roadmap.context_analysis.startswith("En Bolivia, las mujeres")
    assert roadmap.toc_because == ""
    assert Outcome.objects.filter(roadmap=roadmap).count() == 2
    assert Activity.objects.filter(roadmap=roadmap).count() == 4
    tree = roadmap_tree(roadmap=roadmap)
    percent = roadmap_completeness(tree=tree).percent
    assert 20 < percent < 90
    money = roadmap_budget(tree=tree).overall["USD"]
    assert (money.total, money.secured, money.pledged, money.gap) == (
        93000,
        45000,
        18000,
        30000,
    )
    assert roadmap_scores_for(roadmaps=[roadmap]) == {roadmap.pk: percent}


def test_demo_fill_leaves_a_written_roadmap_alone(bolivia):
    roadmap = bolivia.roadmap
    roadmap.context_analysis = "Our own words"
    roadmap.save()
    assert demo_roadmap_fill(roadmap=roadmap) is False
    assert Outcome.objects.filter(roadmap=roadmap).count() == 0
