from roadmaps import services
from roadmaps.history import word_diff
from roadmaps.models import Outcome
from tests.factories import roadmaps as factories


def test_history_lists_who_changed_what(member_client, roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "Women mediate")
    member_client.post(
        f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/",
        {"statement": "Women lead mediation", "version": 1},
    )
    page = member_client.get(f"/roadmaps/{roadmap.pk}/history/").content.decode()
    assert "Berta Bolivia" in page
    assert "Outcome" in page
    assert "changed" in page
    assert "Women lead mediation" in page


def test_item_history_shows_a_word_diff_between_two_versions(
    member_client, roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Women take part in <b>talks</b>")
    services.item_update(
        user=bolivia_member,
        item=outcome,
        base_version=1,
        changes={"statement": "Women lead <b>talks</b>"},
    )
    first, second = (
        outcome.history.get(version=1).history_id,
        outcome.history.get(version=2).history_id,
    )
    page = member_client.get(
        f"/roadmaps/{roadmap.pk}/history/outcome/{outcome.pk}/?a={first}&b={second}"
    ).content.decode()
    assert "<del>take part in</del> <ins>lead</ins>" in page
    assert "&lt;b&gt;talks&lt;/b&gt;" in page


def test_word_diff_marks_deleted_and_inserted_words():
    assert word_diff("a b c", "a x c") == [
        ("equal", "a"),
        ("delete", "b"),
        ("insert", "x"),
        ("equal", "c"),
    ]


def test_restore_from_the_history_page(member_client, roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "The first wording")
    services.item_update(
        user=bolivia_member,
        item=outcome,
        base_version=1,
        changes={"statement": "A worse wording"},
    )
    record = outcome.history.get(version=1)
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/history/outcome/{outcome.pk}/restore/",
        {"record": record.history_id},
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.statement, outcome.version) == ("The first wording", 3)
    assert outcome.history.first().history_user == bolivia_member


def test_restore_an_earlier_version_of_a_deleted_item_brings_it_back(
    member_client, roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Gone for now")
    services.item_delete(user=bolivia_member, item=outcome)
    record = outcome.history.get(version=1)
    member_client.post(
        f"/roadmaps/{roadmap.pk}/history/outcome/{outcome.pk}/restore/",
        {"record": record.history_id},
    )
    assert Outcome.objects.get(pk=outcome.pk).deleted_at is None


def test_restore_the_context_text(member_client, roadmap, bolivia_member):
    services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=1,
        changes={"context_analysis": "Good context"},
    )
    services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=2,
        changes={"context_analysis": "Broken"},
    )
    record = roadmap.history.get(version=2)
    page = member_client.get(
        f"/roadmaps/{roadmap.pk}/history/roadmap/{roadmap.pk}/"
    ).content.decode()
    assert "Restore this version" in page
    member_client.post(
        f"/roadmaps/{roadmap.pk}/history/roadmap/{roadmap.pk}/restore/",
        {"record": record.history_id},
    )
    roadmap.refresh_from_db()
    assert roadmap.context_analysis == "Good context"


def _codes(roadmap):
    from roadmaps.selectors import roadmap_tree

    return [(o.code, o.statement) for o in roadmap_tree(roadmap=roadmap).outcomes]


def test_a_move_is_in_the_history_and_can_be_undone(
    client, roadmap, pillar, bolivia_member
):
    from roadmaps import services
    from tests.factories import roadmaps as tree

    first = tree.outcome(roadmap, pillar, "First")
    tree.outcome(roadmap, pillar, "Second")
    services.item_move(user=bolivia_member, item=first, direction="down")
    client.force_login(bolivia_member)

    page = client.get(f"/roadmaps/{roadmap.pk}/history/").content.decode()
    assert "moved" in page
    assert "Undo move" in page
    record = first.history.order_by("-history_id").first()
    assert (record.history_change_reason, record.history_user) == (
        "moved",
        bolivia_member,
    )

    response = client.post(
        f"/roadmaps/{roadmap.pk}/outcome/{first.pk}/undo-move/",
        {"record": record.history_id},
    )

    assert response.status_code == 302
    assert [statement for _code, statement in _codes(roadmap)] == ["First", "Second"]


def test_a_move_to_another_parent_is_undone_to_its_old_parent_and_place(
    roadmap, pillar, bolivia_member
):
    from roadmaps import services
    from roadmaps.models import Output
    from tests.factories import roadmaps as tree

    home = tree.outcome(roadmap, pillar, "Home")
    away = tree.outcome(roadmap, pillar, "Away")
    first = tree.output(roadmap, home, "First output")
    tree.output(roadmap, home, "Second output")
    services.item_reparent(user=bolivia_member, item=first, parent=away)
    move = first.history.order_by("-history_id").first()

    services.item_move_undo(user=bolivia_member, item=first, record=move)

    moved_back = Output.objects.get(pk=first.pk)
    assert moved_back.outcome_id == home.pk
    assert list(
        Output.objects.filter(outcome=home)
        .order_by("position")
        .values_list("statement", flat=True)
    ) == ["First output", "Second output"]


def test_an_old_move_cannot_be_undone_over_a_newer_change(
    roadmap, pillar, bolivia_member
):
    import pytest

    from roadmaps import services
    from tests.factories import roadmaps as tree

    first = tree.outcome(roadmap, pillar, "First")
    tree.outcome(roadmap, pillar, "Second")
    services.item_move(user=bolivia_member, item=first, direction="down")
    old_move = first.history.order_by("-history_id").first()
    services.item_move(user=bolivia_member, item=first, direction="up")

    with pytest.raises(services.MoveNotUndoable):
        services.item_move_undo(user=bolivia_member, item=first, record=old_move)


def test_a_theory_of_change_edit_reads_as_such_in_the_readers_language(
    client, roadmap, bolivia_member
):
    roadmap.context_analysis = "Context written long ago"
    roadmap.save()
    client.force_login(bolivia_member)
    client.post(
        f"/roadmaps/{roadmap.pk}/text/theory-of-change/",
        {
            "toc_if": "If women mediate",
            "toc_then": "",
            "toc_because": "",
            "version": roadmap.version,
        },
    )
    bolivia_member.preferred_language = "es"
    bolivia_member.save(update_fields=["preferred_language"])

    page = client.get(f"/roadmaps/{roadmap.pk}/history/").content.decode()

    row = page.split("If women mediate")[0].rsplit("<tr>", 1)[1]
    assert "Teoría del cambio" in row
    assert "Context written long ago" not in row
