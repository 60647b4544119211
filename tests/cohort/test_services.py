"""A delegation's NAP status has one source: its roadmap's milestones. The
organizers say where the country starts when they register it; from then on
the path tells."""

import pytest

from cohort.services import delegation_register
from roadmaps.models import Milestone, Roadmap
from roadmaps.services import item_update


@pytest.mark.parametrize(
    ("stated", "stages"),
    [
        ("none", []),
        ("drafting", [("preparation", "achieved"), ("drafting", "in_progress")]),
        ("adopted", [("adoption", "achieved")]),
        ("renewing", [("adoption", "achieved"), ("renewal", "in_progress")]),
    ],
)
def test_registering_a_delegation_starts_its_path_where_the_organizers_say(
    convening, stated, stages
):
    delegation = delegation_register(
        convening=convening, country="CR", nap_status=stated
    )

    roadmap = Roadmap.objects.get(delegation=delegation)
    assert roadmap.nap_status == stated
    assert [
        (m.kind, m.status)
        for m in Milestone.objects.filter(roadmap=roadmap).order_by("position")
    ] == stages


def test_the_status_is_not_stored_twice_and_follows_the_milestones(convening):
    assert "nap_status" not in {f.name for f in Roadmap._meta.get_fields()}
    delegation = delegation_register(
        convening=convening, country="PE", nap_status="drafting"
    )
    drafting = Milestone.objects.get(roadmap=delegation.roadmap, kind="drafting")

    item_update(
        user=None,
        item=drafting,
        base_version=drafting.version,
        changes={"status": "achieved"},
    )
    Milestone.objects.create(
        roadmap=delegation.roadmap, kind="adoption", status="achieved", position=9
    )

    assert Roadmap.objects.get(pk=delegation.roadmap.pk).nap_status == "adopted"
