"""An e-mail the mail server refuses is not a silent loss: the invitation is
marked "Not delivered" with the server's reason, the organizer is told at once
and sends it again."""

import pytest
from django.core import mail
from django.urls import reverse

from participants import invitations
from participants.invitations import InvitationState
from participants.models import Invitation
from tests import factories

BASE_URL = "http://testserver/"
REFUSING = "tests.participants.mail_backends.RefusingBackend"
UNREACHABLE = "tests.participants.mail_backends.UnreachableBackend"


@pytest.fixture
def people(bolivia):
    return [
        factories.ParticipantFactory(delegation=bolivia, user__email=email)
        for email in ("ana@test.org", "refused@test.org", "luis@test.org")
    ]


def _state(convening, participant):
    return invitations.invitation_states_for(convening=convening)[participant.pk]


def test_a_refused_address_is_marked_and_the_others_go_out(
    settings, convening, organizer, people, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@test.org", "luis@test.org"]
    assert invitations.undelivered_count(invitations=sent) == 1
    ana, refused, luis = people
    status = _state(convening, refused)
    assert status.state == InvitationState.UNDELIVERED
    assert status.can_resend
    assert "No such user" in status.email_error
    assert _state(convening, ana).state == InvitationState.PENDING


def test_an_unreachable_server_marks_every_invitation(
    settings, convening, organizer, people, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = UNREACHABLE
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )

    assert len(sent) == 3
    assert invitations.undelivered_count(invitations=sent) == 3
    assert all(
        "Connection refused" in _state(convening, person).email_error
        for person in people
    )


def test_sending_again_once_the_server_works_delivers(
    settings, convening, organizer, people, django_capture_on_commit_callbacks
):
    person = people[0]
    settings.EMAIL_BACKEND = UNREACHABLE
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send(
            participant=person, sent_by=organizer, base_url=BASE_URL
        )
    assert _state(convening, person).state == InvitationState.UNDELIVERED

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send(
            participant=person, sent_by=organizer, base_url=BASE_URL
        )

    assert _state(convening, person).state == InvitationState.PENDING
    assert [m.to for m in mail.outbox] == [[person.user.email]]
    # The undelivered one was replaced: its link does not work.
    assert Invitation.objects.filter(participant=person).count() == 2


# The organizer's pages: requests commit for real, as in production.


@pytest.mark.django_db(transaction=True)
def test_the_row_answer_already_says_not_delivered(client, settings, organizer, people):
    settings.EMAIL_BACKEND = UNREACHABLE
    client.force_login(organizer)
    person = people[0]

    response = client.post(
        reverse("participants:invitation_send", kwargs={"pk": person.pk}),
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert '<span class="badge text-bg-danger">Not delivered</span>' in body
    assert "The e-mail could not be sent (ConnectionRefusedError" in body
    assert "Resend<span" in body


@pytest.mark.django_db(transaction=True)
def test_invite_everyone_reports_what_did_not_go_out(
    client, settings, organizer, convening, people
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(organizer)
    url = reverse("participants:invitation_send_all", kwargs={"pk": convening.pk})

    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)

    page = response.content.decode()
    assert "2 invitations sent." in page
    assert "1 e-mail could not be sent" in page
    assert "1 e-mail could not be sent: see “Not delivered” below" in page
    assert "5.1.1 No such user" in page


@pytest.mark.django_db(transaction=True)
def test_in_spanish_too(client, settings, organizer, convening, people):
    settings.EMAIL_BACKEND = UNREACHABLE
    organizer.preferred_language = "es"
    organizer.save()
    client.force_login(organizer)
    url = reverse("participants:invitation_send_all", kwargs={"pk": convening.pk})

    page = client.post(url, follow=True).content.decode()

    assert "No entregada" in page
    assert "3 correos no se pudieron enviar" in page


def test_the_dashboard_does_not_count_an_undelivered_invitation_as_invited(
    client, settings, organizer, convening, people, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )
    client.force_login(organizer)

    page = client.get(
        f"/convenings/{convening.pk}/dashboard/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "0 accepted of 2 invited" in page
    assert '<span class="badge text-bg-danger">1 not delivered</span>' in page
    listing = client.get(
        reverse("participants:invitation_list", kwargs={"pk": convening.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "2 of 3 people invited, 0 accepted." in " ".join(listing.split())


@pytest.mark.django_db(transaction=True)
def test_the_undelivered_go_out_again_in_one_click(
    client, settings, organizer, convening, people
):
    settings.EMAIL_BACKEND = UNREACHABLE
    client.force_login(organizer)
    list_url = reverse("participants:invitation_list", kwargs={"pk": convening.pk})
    client.post(
        reverse("participants:invitation_send_all", kwargs={"pk": convening.pk})
    )
    page = client.get(list_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send the undelivered again (3)" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(
        reverse(
            "participants:invitation_resend_undelivered", kwargs={"pk": convening.pk}
        ),
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    page = response.content.decode()
    assert "3 invitations sent." in page
    assert "Send the undelivered again" not in page
    assert len(mail.outbox) == 3
    assert all(
        _state(convening, person).state == InvitationState.PENDING for person in people
    )
    # Each undelivered link was replaced by the new one.
    assert Invitation.objects.filter(revoked_at__isnull=False).count() == 3


def test_only_the_undelivered_are_sent_again(
    settings, convening, organizer, people, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send_all(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = invitations.invitation_resend_undelivered(
            convening=convening, sent_by=organizer, base_url=BASE_URL
        )

    assert [invitation.participant for invitation in again] == [people[1]]
    assert mail.outbox == []  # still refused by the server
    assert _state(convening, people[1]).state == InvitationState.UNDELIVERED
    assert _state(convening, people[0]).state == InvitationState.PENDING
