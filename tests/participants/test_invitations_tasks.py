"""The invitation e-mail task: queued only once the invitation is committed,
retried while the mail server cannot be reached, then recorded as not delivered;
a task whose invitation is gone does nothing."""

import pytest
from django.core import mail
from django.db import transaction

from common.mail import MAIL_RETRIES
from config.celery import app
from participants import invitations
from participants.invitations import InvitationState
from participants.models import Invitation
from participants.tasks import invitation_email_send
from tests import factories

BASE_URL = "http://testserver/"
REFUSING = "tests.participants.mail_backends.RefusingBackend"
UNREACHABLE = "tests.participants.mail_backends.UnreachableBackend"


@pytest.fixture
def person(bolivia):
    return factories.ParticipantFactory(delegation=bolivia, user__email="ana@test.org")


@pytest.fixture
def as_on_a_worker():
    """Tasks still run here, but as a worker runs them: a failed attempt is
    retried (at once: in this process the pause is skipped) instead of final."""
    saved = {
        key: app.conf.get(key) for key in ("task_always_eager", "task_eager_propagates")
    }
    app.conf.update(task_always_eager=False, task_eager_propagates=False)
    yield
    app.conf.update(saved)


def invite(person, capture):
    """An invitation whose task has not run yet, and the captured callbacks."""
    with capture() as callbacks:
        invitation = invitations.invitation_send(
            participant=person, sent_by=None, base_url=BASE_URL
        )
    return invitation, callbacks


def run_task(invitation):
    return invitation_email_send.apply(
        kwargs={"invitation_id": invitation.pk, "base_url": BASE_URL}
    )


def state_of(person):
    return invitations.invitation_states_for(convening=person.convening)[
        person.pk
    ].state


def test_an_unreachable_server_is_retried_then_recorded_as_not_delivered(
    settings, person, as_on_a_worker, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = UNREACHABLE
    invitation, _callbacks = invite(person, django_capture_on_commit_callbacks)
    assert state_of(person) == InvitationState.SENDING

    run_task(invitation)

    invitation.refresh_from_db()
    assert invitation.email_attempts == 1 + MAIL_RETRIES
    assert invitation.email_sent_at is None
    assert invitation.email_failed_at is not None
    assert (
        invitation.email_error
        == "ConnectionRefusedError: [Errno 111] Connection refused"
    )
    assert state_of(person) == InvitationState.UNDELIVERED
    assert mail.outbox == []


def test_a_refused_address_is_not_retried(
    settings, bolivia, as_on_a_worker, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    refused = factories.ParticipantFactory(
        delegation=bolivia, user__email="refused@test.org"
    )
    invitation, _callbacks = invite(refused, django_capture_on_commit_callbacks)

    run_task(invitation)

    invitation.refresh_from_db()
    assert invitation.email_attempts == 1
    assert "5.1.1 No such user" in invitation.email_error
    assert state_of(refused) == InvitationState.UNDELIVERED


def test_a_server_back_before_the_last_retry_delivers(
    settings, person, as_on_a_worker, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.participants.mail_backends import UnreachableBackend

    failures = iter(range(2))

    def open_twice_refused(backend):
        if next(failures, None) is not None:
            raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(UnreachableBackend, "open", open_twice_refused)
    settings.EMAIL_BACKEND = UNREACHABLE
    invitation, _callbacks = invite(person, django_capture_on_commit_callbacks)

    run_task(invitation)

    invitation.refresh_from_db()
    assert invitation.email_attempts == 3
    assert invitation.email_failed_at is None
    assert invitation.email_sent_at is not None
    assert state_of(person) == InvitationState.PENDING
    assert [m.to for m in mail.outbox] == [["ana@test.org"]]


def test_a_task_for_a_deleted_invitation_does_nothing(
    person, django_capture_on_commit_callbacks
):
    invitation, _callbacks = invite(person, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).delete()

    result = run_task(invitation)

    assert result.get() is False
    assert mail.outbox == []


def test_a_task_delivered_twice_sends_one_e_mail(
    person, django_capture_on_commit_callbacks
):
    invitation, _callbacks = invite(person, django_capture_on_commit_callbacks)

    first, second = run_task(invitation), run_task(invitation)

    assert (first.get(), second.get()) == (True, False)
    assert len(mail.outbox) == 1


def test_nothing_is_queued_when_the_transaction_rolls_back(
    person, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitations.invitation_send(participant=person, sent_by=None, base_url=BASE_URL)
        raise RuntimeError("the request failed after the invitation")

    assert callbacks == []
    assert mail.outbox == []
    assert Invitation.objects.count() == 0


@pytest.fixture
def broker_down(monkeypatch):
    """The broker cannot be reached (nothing listens on port 9)."""
    from tests.conftest import _reset_celery_connections

    down = "redis://127.0.0.1:9/0"
    # Celery reads CELERY_BROKER_URL from the environment before its settings.
    monkeypatch.setenv("CELERY_BROKER_URL", down)
    saved = {
        key: app.conf.get(key)
        for key in ("broker_url", "task_always_eager", "broker_connection_timeout")
    }
    app.conf.update(
        broker_url=down, task_always_eager=False, broker_connection_timeout=1
    )
    _reset_celery_connections(app)
    yield
    app.conf.update(saved)
    _reset_celery_connections(app)


def test_an_invitation_the_queue_cannot_take_is_marked_not_delivered(
    person, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send(participant=person, sent_by=None, base_url=BASE_URL)

    assert state_of(person) == InvitationState.UNDELIVERED
    assert "OperationalError" in Invitation.objects.get().email_error


def test_the_page_says_sending_until_the_mail_server_took_the_e_mail(
    client, organizer, person, django_capture_on_commit_callbacks
):
    invitation, callbacks = invite(person, django_capture_on_commit_callbacks)
    client.force_login(organizer)
    url = f"/convenings/{person.convening.pk}/invitations/"

    waiting = client.get(url).content.decode()
    for callback in callbacks:
        callback()
    delivered = client.get(url).content.decode()

    assert '<span class="badge text-bg-info">Sending</span>' in waiting
    assert "1 e-mail is being sent." in " ".join(waiting.split())
    assert '<span class="badge text-bg-primary">Invited</span>' in delivered
    assert "being sent" not in delivered
    assert [m.to for m in mail.outbox] == [["ana@test.org"]]
