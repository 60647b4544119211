"""Presence: who else has the roadmap open, where, and what they are editing."""

import datetime

import pytest
from django.utils import timezone

from roadmaps.models import Presence
from roadmaps.presence import presence_beat, presence_others, present_for
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def colleague(bolivia):
    return factories.ParticipantFactory(
        delegation=bolivia, user__full_name="Carla Colleague"
    ).user


def beat(client, roadmap, **data):
    return client.post(f"/roadmaps/{roadmap.pk}/presence/", data, **HTMX)


def test_each_sees_the_others_with_their_section_and_item(
    client, roadmap, bolivia_member, colleague
):
    client.force_login(colleague)
    beat(client, roadmap, section="indicators", editing="indicator-7")
    client.force_login(bolivia_member)

    page = beat(client, roadmap, section="context").content.decode()

    assert "Also here now:" in page
    assert "Carla Colleague" in page
    assert "Indicators (M&amp;E)" in page
    assert 'data-editing="indicator-7"' in page
    assert "Berta Bolivia" not in page  # not herself


def test_someone_gone_quiet_is_no_longer_shown(
    client, roadmap, bolivia_member, colleague
):
    presence_beat(roadmap=roadmap, user=colleague, section="context", editing="")
    Presence.objects.update(
        seen_at=timezone.now() - present_for() - datetime.timedelta(seconds=1)
    )

    assert presence_others(roadmap=roadmap, user=bolivia_member) == []


def test_leaving_the_page_forgets_the_person(
    client, roadmap, bolivia_member, colleague
):
    client.force_login(colleague)
    beat(client, roadmap, section="context")

    assert beat(client, roadmap, leave="1").status_code == 204
    assert presence_others(roadmap=roadmap, user=bolivia_member) == []


def test_unknown_values_are_recorded_as_nothing(roadmap, colleague):
    presence_beat(roadmap=roadmap, user=colleague, section="<script>", editing="user-1")
    presence_beat(roadmap=roadmap, user=colleague, section="nope", editing="x")

    row = Presence.objects.get()
    assert (row.section, row.editing) == ("", "")


def test_the_list_costs_the_same_queries_however_many_are_here(
    client, roadmap, bolivia, bolivia_member, django_assert_max_num_queries
):
    client.force_login(bolivia_member)
    for _ in range(12):
        person = factories.ParticipantFactory(delegation=bolivia).user
        presence_beat(roadmap=roadmap, user=person, section="results", editing="")

    with django_assert_max_num_queries(12):
        page = beat(client, roadmap, section="results")

    assert page.content.decode().count("presence-person") == 12
