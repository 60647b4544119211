"""Moving an item under another parent: an output to another outcome, an
indicator from an outcome to an output, an activity to another output."""

import pytest
from django.test import Client

from roadmaps import services
from roadmaps.models import Activity, Indicator, Output, Pillar
from roadmaps.selectors import roadmap_parent_choices, roadmap_tree
from tests.factories import roadmaps as factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def tree(roadmap, pillar):
    """Two outcomes under the first pillar; the first with two outputs."""
    first = factories.outcome(roadmap, pillar, "First outcome")
    second = factories.outcome(roadmap, pillar, "Second outcome")
    kept = factories.output(roadmap, first, "Kept output")
    moving = factories.output(roadmap, first, "Moving output")
    activity = factories.activity(roadmap, moving, "Its activity")
    indicator = factories.indicator(roadmap, moving, "Its indicator")
    return {
        "first": first,
        "second": second,
        "kept": kept,
        "moving": moving,
        "activity": activity,
        "indicator": indicator,
    }


def _codes(roadmap):
    return {item.key: item.code for item in roadmap_tree(roadmap=roadmap).outputs}


def test_an_output_moves_to_another_outcome_with_what_hangs_under_it(
    roadmap, tree, bolivia_member
):
    factories.output(roadmap, tree["second"], "Already there")

    services.item_reparent(
        user=bolivia_member, item=tree["moving"], parent=tree["second"]
    )

    moved = Output.objects.get(pk=tree["moving"].pk)
    assert moved.outcome_id == tree["second"].pk
    assert moved.version == tree["moving"].version  # nobody's text is stale
    codes = _codes(roadmap)
    assert codes[tree["kept"].key] == "1.1.1"
    assert codes[tree["moving"].key] == "1.2.2"  # last under its new outcome
    assert Activity.objects.get(pk=tree["activity"].pk).output_id == moved.pk
    assert Indicator.objects.get(pk=tree["indicator"].pk).output_id == moved.pk


def test_an_indicator_moves_from_an_output_to_an_outcome(roadmap, tree, bolivia_member):
    services.item_reparent(
        user=bolivia_member, item=tree["indicator"], parent=tree["first"]
    )

    indicator = Indicator.objects.get(pk=tree["indicator"].pk)
    assert (indicator.outcome_id, indicator.output_id) == (tree["first"].pk, None)


def test_a_parent_of_the_wrong_kind_or_roadmap_is_refused(
    roadmap, tree, bolivia_member, ecuador
):
    from roadmaps.services import roadmap_initialize

    other = roadmap_initialize(roadmap=ecuador.roadmap)
    foreign = factories.outcome(other, Pillar.objects.filter(roadmap=other).first())
    for parent in (foreign, tree["kept"]):
        with pytest.raises(ValueError):
            services.item_reparent(
                user=bolivia_member, item=tree["moving"], parent=parent
            )
    assert Output.objects.get(pk=tree["moving"].pk).outcome_id == tree["first"].pk


def test_moving_in_the_page_with_htmx(roadmap, tree, bolivia_member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bolivia_member)
    url = f"/roadmaps/{roadmap.pk}/output/{tree['moving'].pk}/move-to/"

    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert f'href="{url}"' in page
    form = client.get(url, **HTMX).content.decode()
    assert "Move output 1.1.2 to another place in the roadmap." in form
    assert f'<option value="{tree["first"].key}" selected>1.1 First outcome' in form
    assert f'<option value="{tree["second"].key}">1.2 Second outcome' in form

    response = client.post(url, {"parent": tree["second"].key}, **HTMX)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="roadmap-structure"' in body
    assert '<span class="code">1.2.1</span>' in body  # not the cached old tree
    assert _codes(roadmap)[tree["moving"].key] == "1.2.1"
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert (
        '1.2.1</span> <span class="badge text-bg-light border">Output</span> Moving'
        in page
    )


def test_moving_without_javascript_and_a_bad_choice(roadmap, tree, bolivia_member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bolivia_member)
    url = f"/roadmaps/{roadmap.pk}/indicator/{tree['indicator'].pk}/move-to/"

    refused = client.post(url, {"parent": "pillar-1"})
    assert refused.status_code == 200
    assert "Select a valid choice." in refused.content.decode()
    assert Indicator.objects.get(pk=tree["indicator"].pk).output_id is not None

    moved = client.post(url, {"parent": tree["second"].key})
    assert moved.status_code == 302
    assert moved["Location"] == (
        f"/roadmaps/{roadmap.pk}/#item-indicator-{tree['indicator'].pk}"
    )
    assert Indicator.objects.get(pk=tree["indicator"].pk).outcome_id == (
        tree["second"].pk
    )


def test_a_reader_cannot_move_and_does_not_see_the_link(
    roadmap, tree, facilitator, ecuador_member
):
    url = f"/roadmaps/{roadmap.pk}/output/{tree['moving'].pk}/move-to/"
    for person in (facilitator, ecuador_member):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(person)
        assert client.post(url, {"parent": tree["second"].key}).status_code == 404
        page = client.get(f"/roadmaps/{roadmap.pk}/")
        assert url not in page.content.decode()
    assert Output.objects.get(pk=tree["moving"].pk).outcome_id == tree["first"].pk


def test_parent_choices_of_an_indicator_are_grouped_by_kind_with_codes(roadmap, tree):
    found = roadmap_parent_choices(
        roadmap=roadmap, kind="indicator", item_pk=tree["indicator"].pk
    )

    assert found.current.key == tree["moving"].key
    groups = [
        (str(group), [key for key, _label in options])
        for group, options in found.choices
    ]
    assert groups == [
        ("Outcomes", [tree["first"].key, tree["second"].key]),
        ("Outputs", [tree["kept"].key, tree["moving"].key]),
    ]
    assert dict(found.choices[0][1])[tree["second"].key] == "1.2 Second outcome"
    assert found.parents[tree["kept"].key].pk == tree["kept"].pk


def test_parent_choices_are_none_for_a_pillar_or_a_deleted_item(
    roadmap, tree, bolivia_member
):
    services.item_delete(user=bolivia_member, item=tree["moving"])

    assert (
        roadmap_parent_choices(
            roadmap=roadmap, kind="pillar", item_pk=tree["first"].pillar_id
        )
        is None
    )
    assert (
        roadmap_parent_choices(
            roadmap=roadmap, kind="output", item_pk=tree["moving"].pk
        )
        is None
    )
    assert (
        roadmap_parent_choices(
            roadmap=roadmap, kind="activity", item_pk=tree["activity"].pk
        )
        is None
    )
