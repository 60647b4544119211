"""Two people save the same item from the same version: the save is merged field
by field, three ways (base, theirs, yours). A field only one of them changed is
never a conflict; only a field both changed to different values is."""

import itertools
from decimal import Decimal

import pytest

from roadmaps import services
from roadmaps.models import Indicator, Roadmap
from roadmaps.services import StaleEdit, merge_three_way
from tests.factories import ParticipantFactory
from tests.factories import roadmaps as factories

# For one field, starting from "base": what the other person stored, what this
# save sent, and what must follow (the value kept, or a conflict).
CASES = {
    "nobody changed it": ("base", "base", "base"),
    "only they changed it": ("theirs", "base", "theirs"),
    "only I changed it": ("base", "mine", "mine"),
    "both wrote the same": ("same", "same", "same"),
    "both changed it differently": ("theirs", "mine", "conflict"),
}


@pytest.mark.parametrize(
    "first, second",
    list(itertools.product(CASES, repeat=2)),
    ids=lambda case: case.replace(" ", "-"),
)
def test_merge_of_two_fields_in_every_combination(first, second):
    fields = {"a": CASES[first], "b": CASES[second]}
    base = {name: "base" for name in fields}
    theirs = {name: case[0] for name, case in fields.items()}
    mine = {name: case[1] for name, case in fields.items()}

    to_write, conflicts = merge_three_way(base=base, theirs=theirs, mine=mine)

    assert conflicts == [n for n, case in fields.items() if case[2] == "conflict"]
    merged = {**theirs, **to_write}
    for name, (_theirs, _mine, expected) in fields.items():
        if expected != "conflict":
            assert merged[name] == expected, name


def test_without_the_base_every_difference_is_a_conflict():
    to_write, conflicts = merge_three_way(
        base=None, theirs={"a": 1, "b": 2}, mine={"a": 1, "b": 3}
    )

    assert conflicts == ["b"]
    assert to_write == {"b": 3}


@pytest.fixture
def colleague(bolivia):
    return ParticipantFactory(delegation=bolivia).user


@pytest.fixture
def indicator(roadmap, pillar):
    outcome = factories.outcome(roadmap, pillar, "Women lead peace talks")
    return factories.indicator(
        roadmap, outcome, target_value=Decimal("77"), disaggregation="sex"
    )


def _form_values(item):
    """What an edit form of the item sends back when nobody types in it."""
    return {name: getattr(item, name) for name in services.editable_fields(Indicator)}


def test_a_field_only_one_person_changed_never_conflicts(
    indicator, bolivia_member, colleague
):
    opened = _form_values(indicator)  # B opens the form, A saves first
    services.item_update(
        user=bolivia_member,
        item=indicator,
        base_version=1,
        changes={**opened, "target_value": Decimal("85")},
    )

    services.item_update(
        user=colleague,
        item=indicator,
        base_version=1,
        changes={**opened, "disaggregation": "sex, age"},
    )

    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("85")
    assert indicator.disaggregation == "sex, age"
    assert indicator.version == 3


def test_a_field_both_changed_is_refused_naming_the_other_person(
    indicator, bolivia_member, colleague
):
    opened = _form_values(indicator)
    services.item_update(
        user=bolivia_member,
        item=indicator,
        base_version=1,
        changes={**opened, "target_value": Decimal("85")},
    )

    with pytest.raises(StaleEdit) as refused:
        services.item_update(
            user=colleague,
            item=indicator,
            base_version=1,
            changes={**opened, "target_value": Decimal("90"), "unit": "%"},
        )

    assert refused.value.fields == ["target_value"]
    assert refused.value.mine == {"target_value": Decimal("90"), "unit": "%"}
    assert refused.value.by == bolivia_member
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("85")
    assert indicator.unit == ""


def test_text_groups_merge_per_field(roadmap, bolivia_member, colleague):
    opened = {"toc_if": "If women lead", "toc_then": "then peace", "toc_because": ""}
    services.item_update(
        user=bolivia_member, item=roadmap, base_version=roadmap.version, changes=opened
    )
    version = Roadmap.objects.get(pk=roadmap.pk).version

    services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=version,
        changes={**opened, "toc_if": "If women lead mediation"},
    )
    services.item_update(
        user=colleague,
        item=roadmap,
        base_version=version,
        changes={**opened, "toc_then": "then peace lasts"},
    )

    roadmap.refresh_from_db()
    assert roadmap.toc_if == "If women lead mediation"
    assert roadmap.toc_then == "then peace lasts"


def _post_values(item, **changes):
    values = {
        name: "" if value is None else value
        for name, value in _form_values(item).items()
    }
    return {**values, **changes, "version": item.version}


def test_the_merge_view_holds_their_values_for_fields_i_did_not_touch(
    client, indicator, bolivia_member, colleague
):
    url = f"/roadmaps/{indicator.roadmap_id}/indicator/{indicator.pk}/edit/"
    opened = _post_values(indicator)
    client.force_login(bolivia_member)
    client.post(url, {**opened, "target_value": "85", "disaggregation": "sex, age"})
    client.force_login(colleague)

    refused = client.post(
        url, {**opened, "target_value": "90", "unit": "%"}, HTTP_HX_REQUEST="true"
    )

    assert refused.status_code == 409
    body = refused.content.decode()
    assert f"{bolivia_member.full_name} saved this indicator" in body
    # Theirs where I did not type, mine where I did.
    assert 'name="disaggregation" value="sex, age"' in body
    assert 'name="unit" value="%"' in body
    assert 'name="target_value" value="90' in body
    assert "<mark>85" in body


def test_saving_an_item_someone_deleted_says_who_and_keeps_the_text(
    client, indicator, bolivia_member, colleague
):
    url = f"/roadmaps/{indicator.roadmap_id}/indicator/{indicator.pk}/edit/"
    opened = _post_values(indicator)
    services.item_delete(user=bolivia_member, item=indicator)
    client.force_login(colleague)

    refused = client.post(
        url,
        {**opened, "statement": "Share of women mediators, by region"},
        HTTP_HX_REQUEST="true",
    )

    assert refused.status_code == 409
    assert refused["HX-Retarget"] == f"#form-indicator-{indicator.pk}"
    body = refused.content.decode()
    assert f"{bolivia_member.full_name} deleted this indicator at" in body
    assert "Share of women mediators, by region</textarea>" in body
    assert (
        f"/roadmaps/{indicator.roadmap_id}/indicator/{indicator.pk}/undelete/" in body
    )
    indicator.refresh_from_db()
    assert indicator.deleted_at is not None
