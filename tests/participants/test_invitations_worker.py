"""Invitations through a real Celery worker on Redis and a real PostgreSQL: the
page answers at once, the worker delivers the e-mail, the page then says so.

Run with DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…; skipped (or
failed under REQUIRE_SERVICES=1) without them.
"""

import time

import pytest
from django.urls import reverse

from config.celery import app
from participants import invitations
from participants.invitations import InvitationState
from participants.models import Invitation
from tests import factories

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mail_folder(tmp_path, monkeypatch):
    """The worker writes each e-mail it sends as a file in this folder."""
    folder = tmp_path / "mail"
    folder.mkdir()
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{folder}")
    return folder


@pytest.fixture
def mail_worker(postgres, mail_folder, request):
    """A real worker, taking every task sent without a queue of its own."""
    queue = request.getfixturevalue("celery_worker")
    saved = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield queue
    app.conf.task_default_queue = saved


def wait_for_state(person, states, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = invitations.invitation_states_for(convening=person.convening)[
            person.pk
        ]
        if status.state in states:
            return status
        time.sleep(0.2)
    pytest.fail(f"the invitation never reached {states}: {status.state}")


def test_an_invitation_sent_from_the_page_is_delivered_by_the_worker(
    client, organizer, bolivia, mail_worker, mail_folder
):
    person = factories.ParticipantFactory(
        delegation=bolivia,
        user__email="wanda@test.org",
        user__full_name="Wanda Worker",
        user__preferred_language="es",
    )
    client.force_login(organizer)

    response = client.post(
        reverse("participants:invitation_send", kwargs={"pk": person.pk}),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    row = response.content.decode()
    assert (
        "Invitation queued: the e-mail goes out in a moment." in row
        or "Invitation sent." in row
    )
    status = wait_for_state(person, {InvitationState.PENDING})
    assert status.email_error == ""
    invitation = Invitation.objects.get(participant=person)
    assert invitation.email_attempts == 1
    assert invitation.email_sent_at is not None
    [written] = list(mail_folder.iterdir())
    message = written.read_text()
    assert "To: wanda@test.org" in message
    assert "Hola Wanda Worker" in message
    assert "/invitations/accept/" in message
    page = client.get(
        reverse("participants:invitation_list", kwargs={"pk": person.convening.pk})
    ).content.decode()
    assert 'badge text-bg-primary">Invited<' in page
