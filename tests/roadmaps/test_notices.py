"""The review notice: each member of the delegation hears of a status change by
e-mail, in their own language, once the change is committed (roadmaps/notices.py,
the task in roadmaps/tasks.py)."""

import pytest
from django.core import mail
from django.db import transaction

from roadmaps import services
from roadmaps.enums import RoadmapStatus
from roadmaps.tasks import roadmap_status_notice_send
from tests import factories as base_factories

UNREACHABLE = "tests.participants.mail_backends.UnreachableBackend"


@pytest.fixture(autouse=True)
def _notices_in_process(in_process_tasks):
    """Notices are sent in this process, whatever CELERY_BROKER_URL says."""


def test_status_change_mails_each_member_in_their_language(
    roadmap, bolivia, bolivia_member, facilitator, django_capture_on_commit_callbacks
):
    spanish = base_factories.ParticipantFactory(
        delegation=bolivia, user__preferred_language="es", user__full_name="Sara"
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=bolivia_member, roadmap=roadmap, transition="submit"
        )
    roadmap.refresh_from_db()
    assert roadmap.status == RoadmapStatus.IN_REVIEW
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {bolivia_member.email, spanish.email}
    assert by_address[bolivia_member.email].subject == "Roadmap of Bolivia: In review"
    assert by_address[bolivia_member.email].extra_headers["Content-Language"] == "en"
    assert by_address[spanish.email].extra_headers["Content-Language"] == "es"
    assert "The roadmap of the delegation of Bolivia is now: In review." in (
        by_address[bolivia_member.email].body
    )


def test_the_notice_names_who_changed_the_status_in_spanish(
    roadmap, bolivia, bolivia_member, django_capture_on_commit_callbacks
):
    bolivia_member.preferred_language = "es"
    bolivia_member.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_status_change(
            user=bolivia_member, roadmap=roadmap, transition="submit"
        )

    [message] = mail.outbox
    assert message.subject == "Hoja de ruta de Bolivia: En revisión"
    assert "Berta Bolivia" in message.body


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
