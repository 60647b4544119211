"""Comments on an item (an indicator, an activity), and @mentions."""

import pytest
from django.core import mail

from roadmaps import services
from roadmaps.mentions import mentions_marked
from roadmaps.models import Comment
from tests import factories as base_factories
from tests.factories import roadmaps as tree


@pytest.fixture(autouse=True)
def _notices_in_process(in_process_tasks):
    """Notices are sent in this process, whatever CELERY_BROKER_URL says."""


@pytest.fixture
def indicator(roadmap, pillar):
    outcome = tree.outcome(roadmap, pillar, "Women lead peace talks")
    return tree.indicator(roadmap, outcome, "Share of women mediators")


def test_a_comment_about_an_indicator_names_it_in_its_thread(
    client, roadmap, indicator, facilitator
):
    client.force_login(facilitator)

    client.post(
        f"/roadmaps/{roadmap.pk}/comments/",
        {"section": "indicators", "about": indicator.key, "body": "Baseline year?"},
    )

    comment = Comment.objects.get()
    assert comment.item_key == indicator.key
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "About: Share of women mediators" in page
    assert f'href="#{indicator.anchor}"' in page


@pytest.mark.parametrize(
    "section, about",
    [
        ("activities", "indicator"),
        ("indicators", "indicator-999999"),
        ("indicators", "user-1"),
    ],
)
def test_an_item_of_another_section_or_roadmap_is_not_taken(
    client, roadmap, indicator, facilitator, section, about
):
    client.force_login(facilitator)
    about = indicator.key if about == "indicator" else about

    client.post(
        f"/roadmaps/{roadmap.pk}/comments/",
        {"section": section, "about": about, "body": "Which one?"},
    )

    assert Comment.objects.get().item_key == ""


def test_the_comment_link_of_an_item_opens_the_form_about_it_without_javascript(
    client, roadmap, indicator, bolivia_member
):
    client.force_login(bolivia_member)

    page = client.get(f"/roadmaps/{roadmap.pk}/?about={indicator.key}").content.decode()

    assert f'name="about" value="{indicator.key}"' in page
    assert f'?about={indicator.key}#comments-indicators"' in page


def test_a_mention_tells_that_person_even_outside_the_thread(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    colleague = base_factories.ParticipantFactory(
        delegation=bolivia, user__full_name="Carla Colleague"
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            user=bolivia_member,
            roadmap=roadmap,
            section="context",
            body="@carla can you check the 2023 figures?",
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [facilitator.email, colleague.email]
    )


def test_mentions_are_marked_and_the_rest_stays_escaped():
    shown = mentions_marked("@Ana <script>x</script> mail a@b.org & @José Pérez")

    assert '<strong class="mention">@Ana</strong>' in shown
    assert "&lt;script&gt;" in shown
    assert "a@b.org" in shown and "a<strong" not in shown
    assert '<strong class="mention">@José Pérez</strong>' in shown
