from django.utils import translation

from roadmaps import services
from roadmaps.completeness import roadmap_completeness
from roadmaps.models import Coordination, Pillar
from roadmaps.selectors import roadmap_tree
from tests.factories import roadmaps as factories


def _missing(roadmap):
    with translation.override("en"):  # outside a request Spanish is the default
        return [
            (str(item.message), item.anchor)
            for item in roadmap_completeness(tree=roadmap_tree(roadmap=roadmap)).missing
        ]


def test_completeness_names_each_hole_with_the_place_to_fix_it(roadmap, pillar):
    outcome = factories.outcome(roadmap, pillar)
    output = factories.output(roadmap, outcome)
    indicator = factories.indicator(
        roadmap, outcome, baseline_value=None, means_of_verification=""
    )
    activity = factories.activity(
        roadmap, output, lead_institution="", cost=None, end_quarter=""
    )
    missing = _missing(roadmap)
    for expected in [
        (
            "Pillar 2 (Prevention) has no outcome yet.",
            Pillar.objects.get(roadmap=roadmap, standard="prevention").anchor,
        ),
        (
            "Indicator 1.1-I1 has no baseline (value and year).",
            indicator.anchor,
        ),
        ("Indicator 1.1-I1 has no means of verification.", indicator.anchor),
        ("Activity 1.1.1.1 has no lead institution.", activity.anchor),
        ("Activity 1.1.1.1 has no start and end quarter.", activity.anchor),
        ("Activity 1.1.1.1 has no cost estimate.", activity.anchor),
        ("Name the coordination body.", "coordination"),
        (
            "Give civil society at least one seat in the coordination body.",
            "coordination",
        ),
        ("Plan the milestones towards adoption.", "milestones"),
    ]:
        assert expected in missing
    assert (
        "Outcome 1.1 has no indicator.",
        f"indicators-{outcome.anchor}",
    ) not in missing


def test_completeness_reaches_the_coordination_once_it_has_civil_society(
    roadmap, bolivia_member
):
    coordination = Coordination.objects.get(roadmap=roadmap)
    services.item_update(
        user=bolivia_member,
        item=coordination,
        base_version=1,
        changes={
            "lead_institution": "Foreign Affairs",
            "coordination_body": "WPS Table",
            "civil_society_seats": 3,
        },
    )
    score = roadmap_completeness(tree=roadmap_tree(roadmap=roadmap))
    by_section = {section.section.value: section.percent for section in score.sections}
    assert by_section["coordination"] == 100
    assert by_section["milestones"] == 0
