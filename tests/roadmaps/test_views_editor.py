import pytest
from django.test import Client

from roadmaps.models import Activity, Indicator, Outcome, Roadmap
from tests.factories import roadmaps as factories

HTMX = {"HTTP_HX_REQUEST": "true"}
NASTY = '<script>alert(1)</script> <img src=x onerror="alert(2)"> {{ roadmap.pk }}'


def _member_client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_two_people_saving_the_same_text_one_wins_the_other_sees_both(
    roadmap, bolivia_member, bolivia
):
    from tests.factories import ParticipantFactory

    colleague = ParticipantFactory(delegation=bolivia).user
    first, second = _member_client(bolivia_member), _member_client(colleague)
    url = f"/roadmaps/{roadmap.pk}/text/theory-of-change/"
    data = {"toc_then": "", "toc_because": "", "version": 1}

    won = first.post(url, {**data, "toc_if": "If the winner writes"}, **HTMX)
    lost = second.post(url, {**data, "toc_if": "If the loser writes"}, **HTMX)

    assert won.status_code == 200
    assert lost.status_code == 409
    body = lost.content.decode()
    # Side by side, the words that differ marked; the winner named.
    assert "If the <mark>winner</mark> writes" in body
    assert "If the <mark>loser</mark> writes" in body
    said = f"{bolivia_member.full_name} saved this Theory of change while you were"
    assert said in body
    assert lost["HX-Retarget"] == "#text-theory-of-change"
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == "If the winner writes"


def test_two_people_editing_the_same_outcome_without_javascript(
    roadmap, pillar, bolivia_member, bolivia
):
    from tests.factories import ParticipantFactory

    outcome = factories.outcome(roadmap, pillar, "Start")
    colleague = ParticipantFactory(delegation=bolivia).user
    first, second = _member_client(bolivia_member), _member_client(colleague)
    url = f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/"

    won = first.post(url, {"statement": "Winner's outcome", "version": 1})
    lost = second.post(url, {"statement": "Loser's outcome", "version": 1})

    assert won.status_code == 302
    assert won["Location"] == f"/roadmaps/{roadmap.pk}/#item-outcome-{outcome.pk}"
    assert lost.status_code == 409
    body = lost.content.decode()
    assert "<mark>Winner&#x27;s</mark> outcome" in body
    assert "<mark>Loser&#x27;s</mark> outcome" in body
    assert 'name="version" value="2"' in body
    assert Outcome.objects.get(pk=outcome.pk).statement == "Winner's outcome"

    merged = second.post(url, {"statement": "Both outcomes", "version": 2})
    assert merged.status_code == 302
    assert Outcome.objects.get(pk=outcome.pk).statement == "Both outcomes"


def test_autosave_answers_with_the_save_state_and_the_new_version(
    member_client, roadmap
):
    url = f"/roadmaps/{roadmap.pk}/text/context/"
    response = member_client.post(
        url,
        {"context_analysis": "Typed text", "nap_status": "drafting", "version": 1},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#save-status-context"
    assert "Saved at " in body
    assert (
        '<input type="hidden" name="version" value="2" id="id_context_version" '
        'hx-swap-oob="true">'
    ) in body
    assert 'id="roadmap-summary"' in body
    assert Roadmap.objects.get(pk=roadmap.pk).context_analysis == "Typed text"


def test_text_save_without_javascript_redirects_to_the_section(member_client, roadmap):
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/text/theory-of-change/",
        {"toc_if": "If", "toc_then": "then", "toc_because": "because", "version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/roadmaps/{roadmap.pk}/#theory-of-change"
    roadmap.refresh_from_db()
    assert (roadmap.toc_if, roadmap.toc_then, roadmap.toc_because) == (
        "If",
        "then",
        "because",
    )


def test_text_with_markup_is_shown_as_text_everywhere(
    member_client, roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, NASTY)
    output = factories.output(roadmap, outcome, NASTY)
    factories.indicator(roadmap, outcome, NASTY)
    factories.activity(roadmap, output, NASTY, lead_institution=NASTY)
    member_client.post(
        f"/roadmaps/{roadmap.pk}/text/context/",
        {"context_analysis": NASTY, "nap_status": "none", "version": 1},
    )
    member_client.post(
        f"/roadmaps/{roadmap.pk}/comments/", {"section": "results", "body": NASTY}
    )
    member_client.post(
        f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/",
        {"statement": NASTY + " v2", "version": 1},
    )
    pages = [
        member_client.get(f"/roadmaps/{roadmap.pk}/"),
        member_client.get(f"/roadmaps/{roadmap.pk}/structure/", **HTMX),
        member_client.get(f"/roadmaps/{roadmap.pk}/history/"),
        member_client.get(f"/roadmaps/{roadmap.pk}/history/outcome/{outcome.pk}/"),
        member_client.post(
            f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/",
            {"statement": "stale", "version": 1},
            **HTMX,
        ),
    ]
    for response in pages:
        body = response.content.decode()
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "{{ roadmap.pk }}" in body


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("outcome", {"statement": "   "}, "The statement cannot be empty."),
        (
            "indicator",
            {"statement": "Share", "baseline_year": 2025, "target_year": 2020},
            "The target year (2020) is before the baseline year (2025).",
        ),
        (
            "activity",
            {"statement": "Train", "cost": "-10", "currency": "USD"},
            "A cost cannot be negative.",
        ),
        (
            "activity",
            {
                "statement": "Train",
                "start_quarter": "2026-Q3",
                "end_quarter": "2026-Q1",
                "currency": "USD",
            },
            "The end quarter (2026-Q1) is before the start quarter (2026-Q3).",
        ),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_add_shows_validation_messages_in_place(
    member_client, roadmap, pillar, kind, data, message, htmx
):
    outcome = factories.outcome(roadmap, pillar)
    output = factories.output(roadmap, outcome)
    parent = {
        "outcome": f"pillar-{pillar.pk}",
        "indicator": f"outcome-{outcome.pk}",
        "activity": f"output-{output.pk}",
    }[kind]
    defaults = {"funding_status": "gap"} if kind == "activity" else {}
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/add/{kind}/?parent={parent}",
        {**defaults, **data},
        **(HTMX if htmx else {}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    if htmx:
        assert response["HX-Retarget"] == f"#form-{kind}-new-{parent}"
    assert Outcome.objects.count() == 1
    assert Indicator.objects.count() == 0
    assert Activity.objects.count() == 0


def test_edit_shows_validation_message_in_place(member_client, roadmap, pillar):
    outcome = factories.outcome(roadmap, pillar)
    indicator = factories.indicator(roadmap, outcome)
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/indicator/{indicator.pk}/edit/",
        {
            "statement": "Share",
            "baseline_year": 2030,
            "target_year": 2029,
            "version": 1,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#form-indicator-{indicator.pk}"
    assert "The target year (2029) is before the baseline year (2030)." in (
        response.content.decode()
    )
    assert Indicator.objects.get(pk=indicator.pk).target_year == 2030


def test_adding_an_outcome_with_htmx_answers_the_renumbered_structure(
    member_client, roadmap, pillar
):
    factories.outcome(roadmap, pillar, "First outcome")
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/add/outcome/?parent=pillar-{pillar.pk}",
        {"statement": "Second outcome"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<div id="roadmap-structure"' in body
    assert '<span class="code">1.2</span>' in body
    assert "Second outcome" in body
    assert 'id="roadmap-summary" class="roadmap-summary card card-body mb-4"' in body


def test_delete_asks_first_then_can_be_undone_from_history(
    member_client, roadmap, pillar
):
    outcome = factories.outcome(roadmap, pillar, "To be deleted")
    base = f"/roadmaps/{roadmap.pk}"
    confirm = member_client.get(f"{base}/outcome/{outcome.pk}/delete/")
    assert "Delete this outcome?" in confirm.content.decode()
    assert Outcome.objects.get(pk=outcome.pk).deleted_at is None

    member_client.post(f"{base}/outcome/{outcome.pk}/delete/")
    assert "To be deleted" not in member_client.get(f"{base}/").content.decode()
    history = member_client.get(f"{base}/history/").content.decode()
    assert "Undo delete" in history

    response = member_client.post(f"{base}/outcome/{outcome.pk}/undelete/")
    assert response.status_code == 302
    assert "To be deleted" in member_client.get(f"{base}/").content.decode()
    assert "Undo delete" not in member_client.get(f"{base}/history/").content.decode()


def test_move_without_javascript_redirects_and_renumbers(
    member_client, roadmap, pillar
):
    factories.outcome(roadmap, pillar, "A")
    second = factories.outcome(roadmap, pillar, "B")
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/outcome/{second.pk}/move/", {"direction": "up"}
    )
    assert response.status_code == 302
    page = member_client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    outcome = '<span class="badge text-bg-light border">Outcome</span>'
    assert f'<span class="code">1.1</span> {outcome} B' in page
    assert f'<span class="code">1.2</span> {outcome} A' in page


@pytest.mark.parametrize("size", ["small", "large"])
def test_editor_runs_a_constant_number_of_queries(
    member_client, roadmap, size, django_assert_max_num_queries
):
    if size == "large":
        factories.build_tree(roadmap, outcomes=3, outputs=3, activities=4)
        assert Activity.objects.count() == 4 * 3 * 3 * 4
        assert Indicator.objects.count() == 4 * 3 + 4 * 3 * 3
    else:
        factories.build_tree(roadmap, outcomes=1, outputs=1, activities=1)
    member_client.get(f"/roadmaps/{roadmap.pk}/")  # sessions, roles: warm
    with django_assert_max_num_queries(18):
        response = member_client.get(f"/roadmaps/{roadmap.pk}/")
    assert response.status_code == 200


def test_budget_and_score_are_shown(member_client, roadmap, pillar):
    outcome = factories.outcome(roadmap, pillar)
    output = factories.output(roadmap, outcome)
    factories.activity(roadmap, output, cost="1000", funding_status="secured")
    factories.activity(roadmap, output, cost="500", funding_status="pledged")
    factories.activity(roadmap, output, cost="500", funding_status="gap")
    page = member_client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "<strong>2,000.00 USD</strong>" in page
    assert "secured 1,000.00 · pledged 500.00 · gap 500.00" in page
    assert 'class="bar bar-secured" value="50" max="100"' in page
    assert "Outcome 1.1 has no indicator." in page
    assert f'href="#indicators-item-outcome-{outcome.pk}"' in page


def test_comment_answer_and_resolve(client, roadmap, facilitator, bolivia_member):
    base = f"/roadmaps/{roadmap.pk}"
    client.force_login(facilitator)
    response = client.post(
        f"{base}/comments/",
        {"section": "results", "body": "Add a gender marker"},
        **HTMX,
    )
    assert "Add a gender marker" in response.content.decode()
    from roadmaps.models import Comment

    thread = Comment.objects.get()
    client.force_login(bolivia_member)
    client.post(
        f"{base}/comments/",
        {"section": "results", "body": "Done", "parent": thread.pk},
    )
    client.post(f"{base}/comments/{thread.pk}/resolve/", {"resolved": "1"})
    thread.refresh_from_db()
    assert thread.resolved_by == bolivia_member
    assert [reply.body for reply in thread.replies.all()] == ["Done"]
    page = client.get(f"{base}/").content.decode()
    assert "Resolved" in page


def test_review_cycle_through_the_page(client, roadmap, facilitator, bolivia_member):
    url = f"/roadmaps/{roadmap.pk}/status/"
    client.force_login(bolivia_member)
    client.post(url, {"transition": "submit"})
    client.force_login(facilitator)
    client.post(url, {"transition": "finalize"})
    roadmap.refresh_from_db()
    assert roadmap.status == "final"
    client.force_login(bolivia_member)
    assert client.get(f"/roadmaps/{roadmap.pk}/structure/").status_code == 200
    refused = client.post(
        f"/roadmaps/{roadmap.pk}/text/context/",
        {"context_analysis": "Late words", "nap_status": "none", "version": 1},
    )
    assert refused.status_code == 409
    assert "marked final while you were editing" in refused.content.decode()
    assert "Late words</textarea>" in refused.content.decode()
    roadmap.refresh_from_db()
    assert roadmap.context_analysis != "Late words"
    client.force_login(facilitator)
    client.post(url, {"transition": "reopen"})
    roadmap.refresh_from_db()
    assert roadmap.status == "draft"


def test_autosave_with_an_invalid_value_says_so_in_the_save_state(
    member_client, roadmap
):
    response = member_client.post(
        f"/roadmaps/{roadmap.pk}/text/context/",
        {
            "context_analysis": "Text",
            "nap_status": "none",
            "plan_start_year": 2030,
            "plan_end_year": 2026,
            "version": 1,
        },
        **HTMX,
    )
    assert response["HX-Retarget"] == "#save-status-context"
    assert "Not saved: Plan ends in: The plan cannot end before it starts." in (
        response.content.decode()
    )
    assert Roadmap.objects.get(pk=roadmap.pk).context_analysis == ""


def test_first_visit_of_a_member_sets_up_the_pillars_but_not_a_facilitators(
    client, bolivia, bolivia_member, facilitator
):
    from roadmaps.models import Pillar

    client.force_login(facilitator)
    page = client.get(f"/roadmaps/{bolivia.roadmap.pk}/").content.decode()
    assert "No pillars yet." in page
    assert Pillar.objects.count() == 0
    client.force_login(bolivia_member)
    page = client.get(f"/roadmaps/{bolivia.roadmap.pk}/").content.decode()
    assert Pillar.objects.filter(roadmap=bolivia.roadmap).count() == 4
    assert "Relief and Recovery" in page


def test_coordination_is_edited_in_place(member_client, roadmap):
    from roadmaps.models import Coordination

    coordination = Coordination.objects.get(roadmap=roadmap)
    url = f"/roadmaps/{roadmap.pk}/coordination/{coordination.pk}/edit/"
    form = member_client.get(url, **HTMX).content.decode()
    assert f'id="form-coordination-{coordination.pk}"' in form
    response = member_client.post(
        url,
        {
            "lead_institution": "Foreign Affairs",
            "coordination_body": "WPS Table",
            "civil_society_seats": 2,
            "version": 1,
        },
        **HTMX,
    )
    assert "WPS Table" in response.content.decode()
    coordination.refresh_from_db()
    assert (coordination.civil_society_seats, coordination.version) == (2, 2)
