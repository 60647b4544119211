"""A delegation has one NAP status, stored on its roadmap, whether organizers or
members set it."""

from academy.models import Delegation
from cohort.services import delegation_change
from roadmaps.models import Roadmap
from roadmaps.services import item_update


def test_nap_status_set_by_organizers_reaches_the_roadmap_as_a_new_version(bolivia):
    roadmap = bolivia.roadmap
    version = roadmap.version

    delegation_change(delegation=bolivia, country="BO", nap_status="adopted")

    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    assert roadmap.nap_status == "adopted"
    assert roadmap.version == version + 1
    assert roadmap.history.latest().history_change_reason == (
        "NAP status set by the organizers"
    )


def test_nap_status_set_in_the_roadmap_shows_on_the_delegation(bolivia, bolivia_member):
    roadmap = bolivia.roadmap

    item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=roadmap.version,
        changes={"nap_status": "renewing"},
    )

    delegation = Delegation.objects.select_related("roadmap").get(pk=bolivia.pk)
    assert delegation.roadmap.nap_status == "renewing"
