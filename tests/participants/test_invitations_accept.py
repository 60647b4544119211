"""The public side: the e-mailed link, the password form, the pages of a link
that no longer works, and asking for a new one."""

import datetime
import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from participants import invitations, tokens
from participants.models import Invitation
from tests.participants.conftest import accept_path

BASE_URL = "http://testserver/"
PASSWORD = "Quiet-harbour-5821"


def send(participant, capture):
    with capture(execute=True):
        invitation = invitations.invitation_send(
            participant=participant, sent_by=None, base_url=BASE_URL
        )
    return invitation, accept_path(mail.outbox[-1])


@pytest.fixture
def sent(english_participant, django_capture_on_commit_callbacks):
    return send(english_participant, django_capture_on_commit_callbacks)


def choose_password(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_accept_page_asks_for_a_password(client, sent):
    invitation, path = sent

    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Accept your invitation" in page
    assert "Welcome, Emma English." in page
    assert "emma@test.org" in page
    assert 'name="new_password1"' in page
    assert response["Referrer-Policy"] == "same-origin"


def test_accept_sets_password_and_signs_in(client, sent, english_participant):
    invitation, path = sent

    response = choose_password(client, path)

    assert response.status_code == 302
    assert response["Location"] == reverse("cohort:home")
    user = english_participant.user
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    home = client.get("/").content.decode()
    assert "Welcome, Emma. Your password is set and you are signed in." in home


def test_accept_applies_password_validators(client, sent, english_participant):
    invitation, path = sent

    response = choose_password(client, path, password="12345678")

    assert response.status_code == 200
    page = response.content.decode()
    assert "This password is too common." in page
    assert "This password is entirely numeric." in page
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert "_auth_user_id" not in client.session


def test_accept_refuses_mismatched_passwords(client, sent):
    invitation, path = sent

    response = client.post(
        path, {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"}
    )

    assert response.status_code == 200
    assert "The two password fields didn" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_reused_link_shows_clear_page_and_offers_a_new_one(client, sent):
    invitation, path = sent
    choose_password(client, path)
    client.logout()

    response = client.get(path)
    again = choose_password(client, path, password="Another-pass-7713")

    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation link was already used" in page
    assert f'action="{reverse("participants:invitation_request_new")}"' in page
    assert 'name="email"' in page
    assert again.status_code == 410
    invitation.participant.user.refresh_from_db()
    assert invitation.participant.user.check_password(PASSWORD)


def test_expired_invitation_shows_clear_page_and_offers_a_new_one(client, sent):
    invitation, path = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get(path)
    posted = choose_password(client, path)

    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation link has expired" in page
    assert "Send me a new link" in page
    assert posted.status_code == 410
    assert "_auth_user_id" not in client.session


class SignerFifteenDaysAgo(tokens.InvitationSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 15 * 24 * 60 * 60)


def test_link_older_than_max_age_has_expired(client, sent):
    invitation, _path = sent
    token = tokens.token_make(key=invitation.key, signer=SignerFifteenDaysAgo())

    response = client.get(
        reverse("participants:invitation_accept", kwargs={"token": token})
    )

    assert response.status_code == 410
    assert "This invitation link has expired" in response.content.decode()


def test_shorter_max_age_setting_expires_links_sooner(client, sent, settings):
    invitation, _path = sent
    settings.INVITATION_MAX_AGE_DAYS = 20
    token = tokens.token_make(key=invitation.key, signer=SignerFifteenDaysAgo())
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=5)
    )
    accept_url = reverse("participants:invitation_accept", kwargs={"token": token})

    assert client.get(accept_url).status_code == 200
    settings.INVITATION_MAX_AGE_DAYS = 14
    assert client.get(accept_url).status_code == 410


def test_resend_replaces_the_old_link(
    client, sent, english_participant, django_capture_on_commit_callbacks
):
    first, old_path = sent
    _second, new_path = send(english_participant, django_capture_on_commit_callbacks)

    old = client.get(old_path)
    new = client.get(new_path)

    assert old.status_code == 410
    assert "This invitation link was replaced" in old.content.decode()
    assert new.status_code == 200
    assert new_path != old_path


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "0123456789abcdef0123456789abcdef:1abcde:forged",
    ],
)
def test_invalid_link_is_a_clear_404(client, sent, token):
    response = client.get(
        reverse("participants:invitation_accept", kwargs={"token": token})
    )

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_altered_link_is_a_clear_404(client, sent):
    _invitation, path = sent

    response = client.get(path[:-3] + "AAA/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_link_signed_for_another_purpose_is_a_404(client, sent):
    invitation, _path = sent
    token = signing.TimestampSigner(salt="something.else").sign(invitation.key.hex)

    response = client.get(
        reverse("participants:invitation_accept", kwargs={"token": token})
    )

    assert response.status_code == 404


def test_link_of_removed_participant_is_a_404(client, sent, english_participant):
    _invitation, path = sent
    english_participant.delete()

    assert client.get(path).status_code == 404


def test_asking_for_a_new_link_sends_a_fresh_invitation(
    client, sent, django_capture_on_commit_callbacks
):
    invitation, old_path = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=15),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:invitation_request_new"), {"email": "Emma@Test.org"}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:invitation_request_done")
    assert [message.to for message in mail.outbox] == [["emma@test.org"]]
    new_path = accept_path(mail.outbox[0])
    assert client.get(new_path).status_code == 200
    assert client.get(old_path).status_code == 410


@pytest.mark.parametrize(
    "email", ["emma@test.org", "nobody@test.org", "organizer@test.org"]
)
def test_asking_for_a_new_link_answers_the_same_for_any_address(
    client, sent, organizer, email
):
    # Emma's link was just sent: asking again at once sends nothing either.
    response = client.post(
        reverse("participants:invitation_request_new"), {"email": email}
    )
    done = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:invitation_request_done")
    assert done.status_code == 200
    assert "If this address belongs to someone invited" in done.content.decode()


def test_asking_for_a_new_link_form_page(client, db):
    response = client.get(reverse("participants:invitation_request_new"))
    bad = client.post(
        reverse("participants:invitation_request_new"), {"email": "not an address"}
    )

    assert response.status_code == 200
    assert "Ask for a new invitation link" in response.content.decode()
    assert bad.status_code == 200
    assert "Enter a valid email address." in bad.content.decode()


def test_accept_page_speaks_the_invitees_language_as_the_e_mail_did(client, sent):
    # Emma's saved language is English; a browser asking for Spanish does not
    # change the language her e-mail and its link's page speak.
    _invitation, path = sent

    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")

    assert response["Content-Language"] == "en"
    assert "Accept your invitation" in response.content.decode()


def test_a_link_sent_before_the_address_changed_cannot_take_the_account(
    client, organizer, english_participant, django_capture_on_commit_callbacks
):
    """The pre-hijack: an organizer invites an address they control, then gives
    the account someone else's address. The first link must set nothing."""
    _invitation, attacker_path = send(
        english_participant, django_capture_on_commit_callbacks
    )
    client.force_login(organizer)
    page = client.post(
        reverse("participants:participant_update", args=[english_participant.pk]),
        {
            "full_name": "Emma English",
            "email": "victim@example.org",
            "delegation": english_participant.delegation_id,
            "sector": english_participant.sector,
            "organization": "",
            "position": "",
            "preferred_language": "en",
        },
        follow=True,
    )
    assert (
        "The e-mail address changed: the invitation links sent to the old address "
        "no longer work. Send a new invitation."
    ) in page.content.decode()
    client.logout()

    refused = choose_password(client, attacker_path)

    assert refused.status_code == 410
    assert "This invitation was sent to another address" in refused.content.decode()
    user = english_participant.user
    user.refresh_from_db()
    assert user.email == "victim@example.org"
    assert not user.has_usable_password()
    assert not Invitation.objects.filter(
        participant=english_participant, revoked_at__isnull=True, accepted_at=None
    ).exists()
    # A new invitation goes to the new address, and only that link works.
    _invitation, path = send(english_participant, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["victim@example.org"]
    assert choose_password(client, path).status_code == 302


def test_a_link_voids_itself_when_the_address_changes_however_it_changes(
    client, sent, english_participant
):
    """Even an address changed around the services (support, a script) voids it."""
    _invitation, path = sent
    english_participant.user.email = "someone.else@example.org"
    english_participant.user.save()

    response = choose_password(client, path)

    assert response.status_code == 410
    english_participant.user.refresh_from_db()
    assert not english_participant.user.check_password(PASSWORD)


def test_a_used_link_says_so_in_the_invitees_language(
    client, spanish_participant, django_capture_on_commit_callbacks
):
    invitation, path = send(spanish_participant, django_capture_on_commit_callbacks)
    choose_password(client, path)
    client.logout()

    # An English-speaking browser (a shared office computer) opens Sofía's link.
    response = client.get(path, headers={"accept-language": "en"})

    assert response.status_code == 410
    assert "Este enlace de invitación ya se utilizó" in response.content.decode()
    assert response["Content-Language"] == "es"


def test_an_expired_link_says_so_in_the_invitees_language(
    client, settings, spanish_participant, django_capture_on_commit_callbacks
):
    _invitation, path = send(spanish_participant, django_capture_on_commit_callbacks)
    settings.INVITATION_MAX_AGE_DAYS = 0

    response = client.get(path, headers={"accept-language": "en"})

    assert response.status_code == 410
    assert response["Content-Language"] == "es"


def test_the_link_pages_keep_a_language_the_visitor_chose(
    client, settings, spanish_participant, django_capture_on_commit_callbacks
):
    _invitation, path = send(spanish_participant, django_capture_on_commit_callbacks)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(path)

    assert "Accept your invitation" in response.content.decode()
    assert response["Content-Language"] == "en"
