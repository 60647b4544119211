from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roadmaps import services
from roadmaps.enums import RoadmapStatus, StandardPillar
from roadmaps.models import Activity, Coordination, Indicator, Outcome, Pillar
from roadmaps.selectors import roadmap_tree
from roadmaps.services import StaleEdit
from tests.factories import roadmaps as factories


def _codes(roadmap):
    tree = roadmap_tree(roadmap=roadmap)
    return [(o.code, o.statement) for o in tree.outcomes] + [
        (p.code, p.statement) for p in tree.outputs
    ]


def test_roadmap_initialize_creates_the_four_pillars_once(bolivia):
    roadmap = bolivia.roadmap
    services.roadmap_initialize(roadmap=roadmap)
    services.roadmap_initialize(roadmap=roadmap)
    pillars = list(Pillar.objects.filter(roadmap=roadmap).order_by("position"))
    assert [p.standard for p in pillars] == list(StandardPillar.values)
    assert [p.title for p in pillars] == [
        "Participation",
        "Prevention",
        "Protection",
        "Relief and Recovery",
    ]
    assert Coordination.objects.filter(roadmap=roadmap).count() == 1


def test_codes_follow_adds_moves_and_deletes(roadmap, pillar, bolivia_member):
    first = factories.outcome(roadmap, pillar, "A")
    second = factories.outcome(roadmap, pillar, "B")
    third = factories.outcome(roadmap, pillar, "C")
    factories.output(roadmap, third, "C-out")
    assert _codes(roadmap) == [
        ("1.1", "A"),
        ("1.2", "B"),
        ("1.3", "C"),
        ("1.3.1", "C-out"),
    ]

    services.item_move(user=bolivia_member, item=third, direction="up")
    assert _codes(roadmap) == [
        ("1.1", "A"),
        ("1.2", "C"),
        ("1.3", "B"),
        ("1.2.1", "C-out"),
    ]

    services.item_delete(user=bolivia_member, item=first)
    assert _codes(roadmap) == [("1.1", "C"), ("1.2", "B"), ("1.1.1", "C-out")]

    services.item_undelete(user=bolivia_member, item=first)
    assert _codes(roadmap) == [
        ("1.1", "A"),
        ("1.2", "C"),
        ("1.3", "B"),
        ("1.2.1", "C-out"),
    ]
    assert second.pk in Outcome.objects.values_list("pk", flat=True)


def test_pillar_codes_follow_a_move(roadmap, bolivia_member):
    national = services.item_create(
        user=bolivia_member,
        roadmap=roadmap,
        model=Pillar,
        fields={"name": "Climate and security"},
    )
    services.item_move(user=bolivia_member, item=national, direction="up")
    tree = roadmap_tree(roadmap=roadmap)
    assert [(p.code, p.title) for p in tree.pillars] == [
        ("1", "Participation"),
        ("2", "Prevention"),
        ("3", "Protection"),
        ("4", "Climate and security"),
        ("5", "Relief and Recovery"),
    ]


def test_move_at_the_edge_changes_nothing(roadmap, pillar, bolivia_member):
    first = factories.outcome(roadmap, pillar, "A")
    factories.outcome(roadmap, pillar, "B")
    services.item_move(user=bolivia_member, item=first, direction="up")
    assert _codes(roadmap) == [("1.1", "A"), ("1.2", "B")]


def test_update_from_a_stale_version_is_refused_with_the_stored_text(
    roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Original")
    services.item_update(
        user=bolivia_member, item=outcome, base_version=1, changes={"statement": "Hers"}
    )
    with pytest.raises(StaleEdit) as refused:
        services.item_update(
            user=bolivia_member,
            item=outcome,
            base_version=1,
            changes={"statement": "Mine"},
        )
    assert refused.value.current.statement == "Hers"
    assert refused.value.mine == {"statement": "Mine"}
    assert refused.value.fields == ["statement"]
    outcome.refresh_from_db()
    assert (outcome.statement, outcome.version) == ("Hers", 2)


def test_stale_update_of_other_fields_is_merged(roadmap, bolivia_member):
    services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=1,
        changes={"context_analysis": "Context by one person"},
    )
    saved = services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=1,
        changes={"toc_if": "If by another", "toc_then": "", "toc_because": ""},
    )
    assert (saved.context_analysis, saved.toc_if, saved.version) == (
        "Context by one person",
        "If by another",
        3,
    )


@pytest.mark.parametrize(
    ("model", "fields", "field", "message"),
    [
        (
            Indicator,
            {"statement": "x", "baseline_year": 2025, "target_year": 2024},
            "target_year",
            "The target year (2024) is before the baseline year (2025).",
        ),
        (
            Activity,
            {"statement": "x", "cost": Decimal("-5")},
            "cost",
            "A cost cannot be negative.",
        ),
        (
            Activity,
            {"statement": "x", "start_quarter": "2026-Q2", "end_quarter": "2025-Q4"},
            "end_quarter",
            "The end quarter (2025-Q4) is before the start quarter (2026-Q2).",
        ),
        (
            Activity,
            {"statement": "x", "start_quarter": "2026-5"},
            "start_quarter",
            "Write a quarter as year and quarter, for example 2025-Q3.",
        ),
    ],
)
def test_create_refuses_invalid_values(roadmap, pillar, model, fields, field, message):
    outcome = factories.outcome(roadmap, pillar)
    parent = outcome if model is Indicator else factories.output(roadmap, outcome)
    with pytest.raises(ValidationError) as refused:
        services.item_create(
            user=None, roadmap=roadmap, model=model, parent=parent, fields=fields
        )
    assert refused.value.message_dict[field] == [message]
    assert model.objects.count() == 0


def test_restore_makes_an_earlier_version_current(roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "First words")
    services.item_update(
        user=bolivia_member,
        item=outcome,
        base_version=1,
        changes={"statement": "Later"},
    )
    first = outcome.history.get(version=1)
    restored = services.item_restore(user=bolivia_member, item=outcome, record=first)
    assert (restored.statement, restored.version) == ("First words", 3)
    assert outcome.history.count() == 3


def test_status_change_from_the_wrong_status_is_refused(roadmap, facilitator):
    with pytest.raises(ValidationError):
        services.roadmap_status_change(
            user=facilitator, roadmap=roadmap, transition="finalize"
        )
    roadmap.refresh_from_db()
    assert roadmap.status == RoadmapStatus.DRAFT
