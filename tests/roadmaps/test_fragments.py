"""The editor's large sections come from a cache (roadmaps/fragments.py): what a
person sees must still be the roadmap as it is now, in their language, with the
controls their role allows, and nothing of anyone else's request."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from roadmaps import services
from roadmaps.models import Activity, Outcome, Pillar
from tests import factories as people
from tests.factories import roadmaps as factories


def _client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _page(client, roadmap):
    response = client.get(f"/roadmaps/{roadmap.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(page, section_id):
    match = re.search(
        rf'<section id="{section_id}".*?</section>', page, flags=re.DOTALL
    )
    assert match, section_id
    return match.group(0)


def test_an_edit_shows_on_the_next_load(roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "Women lead the talks")
    output = factories.output(roadmap, outcome, "Mediators trained")
    activity = factories.activity(roadmap, output, "Train forty mediators")
    client = _client(bolivia_member)
    assert "Train forty mediators" in _page(client, roadmap)

    services.item_update(
        user=bolivia_member,
        item=activity,
        base_version=activity.version,
        changes={"statement": "Train sixty mediators"},
    )

    page = _page(client, roadmap)
    assert "Train sixty mediators" in _section(page, "activities")
    assert "Train forty mediators" not in page


def test_a_change_written_around_the_services_shows_once_it_is_counted(
    roadmap, pillar, bolivia_member
):
    """A script that writes rows itself counts its change, as the services do."""
    outcome = factories.outcome(roadmap, pillar, "Written by the app")
    activity = factories.activity(roadmap, factories.output(roadmap, outcome))
    client = _client(bolivia_member)
    assert "Ministry of Justice" in _page(client, roadmap)

    Outcome.objects.filter(pk=outcome.pk).update(statement="Written by a script")
    Activity.objects.filter(pk=activity.pk).update(
        lead_institution="A script's", version=activity.version + 1
    )
    services.roadmap_revision_bump(roadmap_id=roadmap.pk, kinds=["outcome", "activity"])

    page = _page(client, roadmap)
    assert "Written by a script" in _section(page, "results")
    assert "Written by the app" not in page
    assert "A script&#x27;s" in _section(page, "activities")
    assert "Ministry of Justice" not in page


def test_a_change_made_in_the_admin_shows_on_the_next_load(
    roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Before support fixed it")
    output = factories.output(roadmap, outcome)
    activity = factories.activity(roadmap, output, "Train forty mediators")
    client = _client(bolivia_member)
    assert "Train forty mediators" in _page(client, roadmap)
    staff = get_user_model().objects.create_superuser(
        email="support@example.org", password="support-pass-2025"
    )
    admin = Client()
    admin.force_login(staff)

    form = (
        admin.get(f"/admin/roadmaps/activity/{activity.pk}/change/")
        .context["adminform"]
        .form
    )
    data = {
        name: "" if value is None else value
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(statement="Train sixty mediators", output=output.pk, roadmap=roadmap.pk)
    response = admin.post(f"/admin/roadmaps/activity/{activity.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    admin.post(f"/admin/roadmaps/outcome/{outcome.pk}/delete/", {"post": "yes"})

    page = _page(client, roadmap)
    assert "Train sixty mediators" not in page  # its outcome is gone
    assert "Before support fixed it" not in page


def test_a_move_renumbers_the_cached_sections(roadmap, pillar, bolivia_member):
    factories.outcome(roadmap, pillar, "First")
    second = factories.outcome(roadmap, pillar, "Second")
    client = _client(bolivia_member)
    badge = '<span class="badge text-bg-light border">Outcome</span>'
    assert f'<span class="code">1.1</span> {badge} First' in _page(client, roadmap)

    services.item_move(user=bolivia_member, item=second, direction="up")

    page = _page(client, roadmap)
    assert f'<span class="code">1.1</span> {badge} Second' in page
    assert f'<span class="code">1.2</span> {badge} First' in page


def test_a_reader_never_gets_the_controls_cached_for_an_editor(
    roadmap, pillar, bolivia_member, facilitator
):
    outcome = factories.outcome(roadmap, pillar, "Shared outcome")
    output = factories.output(roadmap, outcome)
    activity = factories.activity(roadmap, output, "Shared activity")
    factories.indicator(roadmap, output, "Shared indicator")
    urls = [
        f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/",
        f"/roadmaps/{roadmap.pk}/activity/{activity.pk}/edit/",
    ]
    member_page = _page(_client(bolivia_member), roadmap)
    assert all(url in member_page for url in urls)
    # ↑ and ↓ on the four standard pillars and the four new items.
    assert member_page.count('form="item-move"') == 2 * (4 + 4)

    page = _page(_client(facilitator), roadmap)

    assert "Shared activity" in page and "Shared indicator" in page
    assert not any(url in page for url in urls)
    assert 'form="item-move"' not in page
    # ... and the other way round.
    assert all(url in _page(_client(bolivia_member), roadmap) for url in urls)


def test_each_language_gets_its_own_sections(roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "Bilingual outcome")
    factories.output(roadmap, outcome)
    bolivia_member.preferred_language = "en"
    bolivia_member.save()
    english = _section(_page(_client(bolivia_member), roadmap), "results")
    assert ">Outcome</span>" in english

    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    spanish = _section(_page(_client(bolivia_member), roadmap), "results")

    assert ">Resultado</span>" in spanish
    assert ">Outcome</span>" not in spanish
    assert "Bilingual outcome" in spanish


def _tokens(page):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))


def test_every_token_on_a_page_is_the_reader_s_own(
    roadmap, pillar, bolivia, bolivia_member, facilitator
):
    """Two readers in turn: the second page, built from parts the first one
    cached, carries only tokens the second reader's session accepts."""
    factories.build_tree(roadmap, outcomes=1, outputs=1, activities=1)
    services.comment_create(
        user=facilitator, roadmap=roadmap, section="activities", body="Cost it"
    )
    other_member = people.ParticipantFactory(delegation=bolivia).user
    assert _page(_client(bolivia_member), roadmap)
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(other_member)
    page = _page(client, roadmap)
    assert page.count('name="csrfmiddlewaretoken"') >= 8  # move, texts, comments

    for token in _tokens(page):
        response = client.post(
            f"/roadmaps/{roadmap.pk}/comments/",
            {"section": "context", "body": "Mine", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302


def test_each_reader_posts_a_comment_with_their_own_token(
    roadmap, bolivia, bolivia_member
):
    """The comment forms come from the cache; the token in them is the reader's."""
    other_member = people.ParticipantFactory(delegation=bolivia).user
    url = f"/roadmaps/{roadmap.pk}/comments/"
    readers = []
    for user in (bolivia_member, other_member):
        client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        form = re.search(
            r'<form[^>]*class="comment-form[^"]*".*?</form>',
            _page(client, roadmap),
            flags=re.DOTALL,
        )
        readers.append((client, _tokens(form.group(0)).pop()))
    (first, first_token), (second, second_token) = readers

    # Another reader's token is refused: each form carries its reader's own.
    refused = first.post(
        url, {"section": "context", "body": "A", "csrfmiddlewaretoken": second_token}
    )
    assert refused.status_code == 403
    for client, token in readers:
        response = client.post(
            url, {"section": "context", "body": "B", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302


def test_a_new_comment_and_a_resolved_thread_show_on_the_next_load(
    roadmap, bolivia_member, facilitator
):
    client = _client(bolivia_member)
    assert "Add a baseline" not in _page(client, roadmap)
    thread = services.comment_create(
        user=facilitator, roadmap=roadmap, section="context", body="Add a baseline"
    )
    page = _page(client, roadmap)
    assert "Add a baseline" in page
    assert "1 comment thread" in page

    services.comment_resolve(user=facilitator, comment=thread, resolved=True)
    assert ">Resolved</span>" in _page(client, roadmap)

    facilitator.full_name = "Renamed Facilitator"
    facilitator.save()
    assert "Renamed Facilitator" in _page(client, roadmap)


def test_a_saved_text_shows_to_editors_and_readers(
    roadmap, bolivia_member, facilitator
):
    member, reader = _client(bolivia_member), _client(facilitator)
    assert "Written in the workshop" not in _page(member, roadmap)
    assert "Written in the workshop" not in _page(reader, roadmap)

    services.item_update(
        user=bolivia_member,
        item=roadmap,
        base_version=roadmap.version,
        changes={"toc_if": "Written in the workshop"},
    )

    assert "Written in the workshop</textarea>" in _page(member, roadmap)
    page = _page(reader, roadmap)
    assert "<p>Written in the workshop</p>" in page
    assert "Written in the workshop</textarea>" not in page


@pytest.mark.parametrize("uses", ["{{ csrf_token }}", "{% csrf_token %}"])
def test_a_cached_part_may_not_hold_a_token(roadmap, uses):
    from django.core.exceptions import ImproperlyConfigured
    from django.template import Context, Template

    template = Template(
        f'{{% load editor_parts %}}{{% editor_fragment "probe" 1 %}}'
        f"{uses}{{% endeditor_fragment %}}"
    )
    with pytest.raises(ImproperlyConfigured):
        template.render(Context({"roadmap": roadmap, "csrf_token": "secret"}))


def test_move_buttons_post_through_the_form_with_the_token(
    roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Movable")
    page = _page(_client(bolivia_member), roadmap)

    form = re.search(r'<form id="item-move" method="post" hidden>(.*?)</form>', page)
    assert form and 'name="csrfmiddlewaretoken"' in form.group(1)
    move_url = f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/move/"
    assert (
        f'<button type="submit" form="item-move" formaction="{move_url}" '
        f'hx-post="{move_url}" id="move-down-item-outcome-{outcome.pk}" '
        'name="direction" value="down"'
    ) in page


def test_a_full_tree_is_served_from_the_cache_the_second_time(roadmap, bolivia_member):
    """Loads after the first render the sections from the cache (the same HTML)
    without reading the tree again."""
    factories.build_tree(roadmap, outcomes=2, outputs=2, activities=2)
    client = _client(bolivia_member)
    first = _page(client, roadmap)

    with CaptureQueriesContext(connection) as queries:
        second = _page(client, roadmap)

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("roadmaps_activity", "roadmaps_indicator", "roadmaps_output"):
        assert table not in tables
    for section in ("results", "indicators", "activities"):
        # The same HTML up to the comments, whose forms carry each request's token.
        cached = _section(first, section).partition('<div id="comments-')[0]
        assert cached == _section(second, section).partition('<div id="comments-')[0]
        assert len(cached) > 1000
    assert Activity.objects.filter(roadmap=roadmap).count() == 4 * 2 * 2 * 2


def test_the_score_follows_a_text_being_filled_or_emptied(roadmap, bolivia_member):
    client = _client(bolivia_member)
    url = f"/roadmaps/{roadmap.pk}/text/theory-of-change/"
    htmx = {"HTTP_HX_REQUEST": "true"}
    before = _page(client, roadmap)
    assert "Complete the theory of change: “if …”." in before

    def save(text):
        version = type(roadmap).objects.get(pk=roadmap.pk).version
        data = {"toc_if": text, "toc_then": "", "toc_because": "", "version": version}
        response = client.post(url, data, **htmx)
        assert response.status_code == 200
        return response.content.decode()

    def score(html):
        return re.search(r'data-testid="overall-score">(\d+)%', html).group(1)

    filled = save("If ministries coordinate")
    assert "Complete the theory of change: “if …”." not in filled
    assert score(filled) != score(before)
    # Another wording of a filled text: the same score, the new text kept.
    assert score(save("If ministries and CSOs coordinate")) == score(filled)
    page = _page(client, roadmap)
    assert "If ministries and CSOs coordinate" in page
    assert "Complete the theory of change: “if …”." not in page

    emptied = save("")
    assert "Complete the theory of change: “if …”." in emptied
    assert score(emptied) == score(before)
    assert score(emptied) == score(before)


def test_a_text_form_shows_its_errors_in_place_and_keeps_the_input(
    roadmap, bolivia_member
):
    client = _client(bolivia_member)
    response = client.post(
        f"/roadmaps/{roadmap.pk}/text/context/",
        {
            "context_analysis": "Kept while the year is fixed",
            "nap_status": "drafting",
            "plan_start_year": "twenty",
            "version": roadmap.version,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kept while the year is fixed</textarea>" in body
    assert (
        'class="form-control is-invalid" aria-invalid="true" '
        'aria-describedby="id_context_plan_start_year_error"'
    ) in body
    assert (
        '<div id="id_context_plan_start_year_error" class="invalid-feedback">' in body
    )
    assert "Enter a whole number." in body


def test_moving_an_ancestor_renumbers_every_section_below_it(
    roadmap, pillar, bolivia_member
):
    """Only the moved rows change; the codes of everything under them follow."""
    for name in ("First", "Second"):
        outcome = factories.outcome(roadmap, pillar, f"{name} outcome")
        factories.indicator(roadmap, outcome, f"{name} indicator")
        output = factories.output(roadmap, outcome, f"{name} output")
        factories.activity(roadmap, output, f"{name} activity")
    second_pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position")[1]
    client = _client(bolivia_member)
    page = _page(client, roadmap)
    assert '<span class="code">1.2.1.1</span> Second activity' in page

    # An outcome moves: no pillar, output or activity row changes.
    services.item_move(user=bolivia_member, item=outcome, direction="up")
    activities = _section(_page(client, roadmap), "activities")
    assert '<span class="code">1.1.1.1</span> Second activity' in activities
    assert '<span class="code">1.2.1.1</span> First activity' in activities

    # A pillar moves: no outcome, output or indicator row changes.
    services.item_move(user=bolivia_member, item=second_pillar, direction="up")
    page = _page(client, roadmap)
    assert '<span class="code">2.1-I1</span> Second indicator' in _section(
        page, "indicators"
    )
    assert '<span class="code">2.1.1.1</span> Second activity' in _section(
        page, "activities"
    )


def test_the_editor_works_and_shows_changes_while_redis_is_away(
    roadmap, pillar, bolivia_member
):
    outcome = factories.outcome(roadmap, pillar, "Women lead the talks")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bolivia_member)
    away = {
        "default": {
            "BACKEND": "common.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=away):
        first = client.get(f"/roadmaps/{roadmap.pk}/")
        services.item_update(
            user=bolivia_member,
            item=outcome,
            base_version=outcome.version,
            changes={"statement": "Women lead every talk"},
        )
        second = client.get(f"/roadmaps/{roadmap.pk}/")

    assert first.status_code == second.status_code == 200
    assert "Women lead the talks" in first.content.decode()
    assert "Women lead every talk" in second.content.decode()
