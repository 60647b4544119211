"""The notices: who hears of a status change or a comment by e-mail, in their
own language, with a link, once the change is committed (roadmaps/notices.py,
the tasks in roadmaps/tasks.py); never the person who acted."""

import pytest
from django.core import mail
from django.db import transaction

from academy.enums import Role
from roadmaps import services
from roadmaps.enums import RoadmapStatus
from roadmaps.tasks import roadmap_status_notice_send
from tests import factories as base_factories

UNREACHABLE = "tests.participants.mail_backends.UnreachableBackend"


@pytest.fixture(autouse=True)
def _notices_in_process(in_process_tasks):
    """Notices are sent in this process, whatever CELERY_BROKER_URL says."""


BASE_URL = "https://academy.example.org/"


def test_a_submission_tells_the_facilitators_with_a_link_not_the_submitter(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    spanish = base_factories.UserFactory(preferred_language="es", full_name="Sara")
    base_factories.RoleFactory(
        convening=bolivia.convening, user=spanish, role=Role.FACILITATOR
    )
    base_factories.ParticipantFactory(delegation=bolivia)  # a colleague: not told
    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=bolivia_member,
            roadmap=roadmap,
            transition="submit",
            base_url=BASE_URL,
        )
    roadmap.refresh_from_db()
    assert roadmap.status == RoadmapStatus.IN_REVIEW
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {facilitator.email, spanish.email}
    english = by_address[facilitator.email]
    assert english.subject == "Roadmap of Bolivia: In review"
    assert english.extra_headers["Content-Language"] == "en"
    assert by_address[spanish.email].extra_headers["Content-Language"] == "es"
    assert "The delegation of Bolivia submitted its roadmap for review." in (
        english.body
    )
    assert f"{BASE_URL}roadmaps/{roadmap.pk}/" in english.body


def test_a_submission_tells_only_the_facilitators_assigned_to_the_delegation(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    assigned = base_factories.UserFactory(email="assigned@test.org")
    base_factories.RoleFactory(
        convening=bolivia.convening, user=assigned, role=Role.FACILITATOR
    )
    bolivia.facilitators.add(assigned)

    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=bolivia_member, roadmap=roadmap, transition="submit"
        )

    assert [message.to for message in mail.outbox] == [["assigned@test.org"]]


def test_a_review_tells_the_members_in_spanish_who_changed_it(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    roadmap.status = RoadmapStatus.IN_REVIEW
    roadmap.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=facilitator, roadmap=roadmap, transition="request_changes"
        )

    [message] = mail.outbox
    assert message.to == [bolivia_member.email]
    assert message.subject == "Hoja de ruta de Bolivia: Cambios solicitados"
    assert "Fabio Facil" in message.body


def test_nothing_is_sent_when_the_change_rolls_back(
    roadmap, bolivia_member, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.roadmap_status_change(
            user=bolivia_member, roadmap=roadmap, transition="submit"
        )
        raise RuntimeError("the request failed after the change")

    assert callbacks == []
    assert mail.outbox == []
    roadmap.refresh_from_db()
    assert roadmap.status == RoadmapStatus.DRAFT


def test_a_notice_for_a_deleted_roadmap_sends_nothing(roadmap, bolivia_member):
    roadmap_id = roadmap.pk
    roadmap.delete()

    result = roadmap_status_notice_send.delay(
        roadmap_id=roadmap_id, status=RoadmapStatus.IN_REVIEW
    )

    assert result.get() == 0
    assert mail.outbox == []


def test_an_unreachable_mail_server_does_not_undo_the_change(
    settings, roadmap, bolivia_member, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = UNREACHABLE

    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=bolivia_member, roadmap=roadmap, transition="submit"
        )

    roadmap.refresh_from_db()
    assert roadmap.status == RoadmapStatus.IN_REVIEW
    assert mail.outbox == []


def _comment(capture, **fields):
    with capture(execute=True):
        return services.comment_create(base_url=BASE_URL, **fields)


def test_a_members_new_thread_tells_the_facilitators_with_a_link(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    base_factories.ParticipantFactory(delegation=bolivia)  # a colleague: not told

    _comment(
        django_capture_on_commit_callbacks,
        user=bolivia_member,
        roadmap=roadmap,
        section="indicators",
        body="Is the 2024 baseline right?",
    )

    [message] = mail.outbox
    assert message.to == [facilitator.email]
    assert message.subject == "Berta Bolivia commented on the roadmap of Bolivia"
    assert "Is the 2024 baseline right?" in message.body
    assert f"{BASE_URL}roadmaps/{roadmap.pk}/#comments-indicators" in message.body


def test_an_answer_tells_the_people_in_its_thread_and_never_its_author(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    spanish = base_factories.ParticipantFactory(
        delegation=bolivia, user__preferred_language="es", user__full_name="Sara"
    ).user
    bystander = base_factories.ParticipantFactory(delegation=bolivia).user
    thread = _comment(
        django_capture_on_commit_callbacks,
        user=facilitator,
        roadmap=roadmap,
        section="context",
        body="Add the 2023 survey.",
    )
    _comment(
        django_capture_on_commit_callbacks,
        user=spanish,
        roadmap=roadmap,
        section="context",
        body="¿Cuál encuesta?",
        parent=thread,
    )
    mail.outbox.clear()

    _comment(
        django_capture_on_commit_callbacks,
        user=bolivia_member,
        roadmap=roadmap,
        section="context",
        body="The national one.",
        parent=thread,
    )

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {facilitator.email, spanish.email}
    assert bystander.email not in by_address
    assert "Berta Bolivia respondió en un hilo" in by_address[spanish.email].body
    assert by_address[spanish.email].extra_headers["Content-Language"] == "es"


def test_a_facilitators_new_thread_tells_the_members(
    roadmap, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    _comment(
        django_capture_on_commit_callbacks,
        user=facilitator,
        roadmap=roadmap,
        section="activities",
        body="Cost the workshops.",
    )

    assert [message.to for message in mail.outbox] == [[bolivia_member.email]]
