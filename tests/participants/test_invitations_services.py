import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone, translation

from participants import invitations
from participants.invitations import InvitationState
from participants.models import Invitation
from tests import factories
from tests.participants.conftest import accept_path

BASE_URL = "https://academy.example.org/"


def send(participant, sent_by=None):
    return invitations.invitation_send(
        participant=participant, sent_by=sent_by, base_url=BASE_URL
    )


def test_invitation_send_emails_spanish_participant_in_spanish(
    spanish_participant, organizer, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = send(spanish_participant, sent_by=organizer)
        # The recipient's language was only borrowed for the e-mail.
        assert translation.get_language() == "en"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sofia@test.org"]
    assert "24 de junio de 2025" in message.body
    assert "June" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="es">' in html
    assert "24 de junio de 2025" in html
    assert "Olga Organizer" in message.body
    path = accept_path(message)
    assert message.body.count(BASE_URL.rstrip("/") + path) == 1
    assert BASE_URL.rstrip("/") + path in html
    assert invitation.sent_by == organizer


def test_invitation_subject_shows_quotes_and_brackets_as_typed(
    english_participant, django_capture_on_commit_callbacks
):
    convening = english_participant.delegation.convening
    convening.name_en = 'Academia "WPS" <2026> & more'
    convening.save()

    with django_capture_on_commit_callbacks(execute=True):
        send(english_participant)

    assert mail.outbox[0].subject == (
        'Your invitation to Academia "WPS" <2026> & more — NAP Academy'
    )


def test_invitation_send_emails_english_participant_in_english(
    english_participant, django_capture_on_commit_callbacks
):
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        send(english_participant)

    message = mail.outbox[0]
    assert message.to == ["emma@test.org"]
    assert message.subject == "Your invitation to Academy Panama — NAP Academy"
    assert "Hello Emma English," in message.body
    assert "June 24, 2025" in message.body
    # The expiry says its time zone, and no "a.m.." ends a sentence.
    assert re.search(
        r"The link works once, until \w+ \d+ \w+ \d{4} at \d\d:\d\d "
        r"\(America/Panama\)\.",
        message.body,
    )
    assert ".." not in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
    assert accept_path(message).startswith("/invitations/accept/")


def test_invitation_send_waits_for_commit(english_participant):
    send(english_participant)

    # The test transaction never commits, so nothing may have left.
    assert mail.outbox == []
    assert Invitation.objects.count() == 1


def test_invitation_send_expires_after_the_configured_days(
    english_participant, settings
):
    settings.INVITATION_MAX_AGE_DAYS = 3

    invitation = send(english_participant)

    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=3)


def test_invitation_default_expiry_is_fourteen_days(english_participant):
    invitation = send(english_participant)

    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=14)


def test_invitation_resend_revokes_the_earlier_one(english_participant):
    first = send(english_participant)
    second = send(english_participant)

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert Invitation.objects.filter(revoked_at__isnull=True).get() == second


def test_invitation_send_refuses_after_acceptance(english_participant):
    invitation = send(english_participant)
    invitations.invitation_accept(invitation=invitation, password="Long-pass-9184")

    with pytest.raises(invitations.InvitationError):
        send(english_participant)
    assert Invitation.objects.count() == 1


def test_database_refuses_two_open_invitations(english_participant):
    now = timezone.now()
    Invitation.objects.create(
        participant=english_participant, sent_at=now, expires_at=now
    )

    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            participant=english_participant, sent_at=now, expires_at=now
        )


def test_invitation_send_all_invites_only_those_never_invited(
    convening, bolivia, ecuador, organizer, django_capture_on_commit_callbacks
):
    pending = factories.ParticipantFactory(delegation=bolivia)
    expired = factories.ParticipantFactory(delegation=bolivia)
    accepted = factories.ParticipantFactory(delegation=ecuador)
    fresh = [factories.ParticipantFactory(delegation=ecuador) for _ in range(3)]
    fresh.append(factories.ParticipantFactory(delegation=bolivia))
    factories.ParticipantFactory()  # another convening
    send(pending)
    Invitation.objects.filter(participant=send(expired).participant).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    invitations.invitation_accept(invitation=send(accepted), password="Long-pass-9184")

    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )

    assert sorted(i.participant_id for i in sent) == sorted(p.pk for p in fresh)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in fresh)
    assert Invitation.objects.count() == 3 + 4
    assert all(i.sent_by == organizer for i in sent)


def test_invitation_send_all_twice_sends_nothing_more(
    convening, english_participant, organizer, django_capture_on_commit_callbacks
):
    invitations.invitation_send_all(
        convening=convening, sent_by=organizer, base_url=BASE_URL
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )

    assert sent == []
    assert mail.outbox == []


def test_invitation_states_for_covers_every_state(
    convening, bolivia, ecuador, django_capture_on_commit_callbacks
):
    never = factories.ParticipantFactory(delegation=bolivia)
    pending = factories.ParticipantFactory(delegation=bolivia)
    expired = factories.ParticipantFactory(delegation=ecuador)
    accepted = factories.ParticipantFactory(delegation=ecuador)
    with django_capture_on_commit_callbacks(execute=True):
        send(pending)
        send(pending)  # the revoked first one must not count
        old = send(expired)
    Invitation.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = send(accepted)
    done = invitations.invitation_accept(
        invitation=invitation, password="Long-pass-9184"
    )

    states = invitations.invitation_states_for(convening=convening)

    assert {pk: status.state for pk, status in states.items()} == {
        never.pk: InvitationState.NOT_INVITED,
        pending.pk: InvitationState.PENDING,
        expired.pk: InvitationState.EXPIRED,
        accepted.pk: InvitationState.ACCEPTED,
    }
    assert states[never.pk].sent_at is None
    newest = Invitation.objects.filter(participant=pending, revoked_at=None).get()
    assert states[pending.pk].sent_at == newest.sent_at
    assert states[pending.pk].expires_at == newest.expires_at
    assert states[accepted.pk].accepted_at is not None
    assert done == accepted.user
    assert states[pending.pk].can_resend and states[expired.pk].can_resend
    assert states[never.pk].can_invite
    assert not states[accepted.pk].can_resend


def test_invitation_states_for_one_delegation(convening, bolivia, ecuador):
    member = factories.ParticipantFactory(delegation=bolivia)
    factories.ParticipantFactory(delegation=ecuador)

    states = invitations.invitation_states_for(convening=convening, delegation=bolivia)

    assert list(states) == [member.pk]


@pytest.mark.parametrize("size", [10, 60])
def test_invitation_states_for_is_one_query(
    convening, bolivia, size, django_assert_num_queries
):
    people = factories.ParticipantFactory.create_batch(size, delegation=bolivia)
    for person in people[::2]:
        send(person)

    with django_assert_num_queries(1):
        states = invitations.invitation_states_for(convening=convening)

    assert len(states) == size


def test_invitation_accept_sets_password_and_closes_the_link(english_participant):
    invitation = send(english_participant)

    user = invitations.invitation_accept(
        invitation=invitation, password="Long-pass-9184"
    )

    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert user.check_password("Long-pass-9184")
    with pytest.raises(invitations.LinkUnusable) as unusable:
        invitations.invitation_accept(invitation=invitation, password="Other-7741-x")
    assert unusable.value.problem == invitations.LinkProblem.USED


def test_invitation_request_new_resends_an_expired_invitation(
    english_participant, django_capture_on_commit_callbacks
):
    old = send(english_participant)
    Invitation.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=20),
        expires_at=timezone.now() - datetime.timedelta(days=6),
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_request_new(
            email=" EMMA@test.org ", base_url=BASE_URL
        )

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["emma@test.org"]]
    old.refresh_from_db()
    assert old.revoked_at is not None


@pytest.mark.parametrize("case", ["unknown", "never_invited", "accepted", "just_sent"])
def test_invitation_request_new_sends_nothing_when_not_due(
    english_participant, case, django_capture_on_commit_callbacks
):
    email = "emma@test.org"
    if case == "unknown":
        email = "nobody@test.org"
    elif case == "accepted":
        invitations.invitation_accept(
            invitation=send(english_participant), password="Long-pass-9184"
        )
    elif case == "just_sent":
        send(english_participant)

    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_request_new(email=email, base_url=BASE_URL)

    assert sent == 0
    assert mail.outbox == []
