"""The organizer's side: the invitations page of a convening and its buttons."""

import datetime
import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from participants import invitations
from participants.models import Invitation
from tests import factories

BASE_URL = "http://testserver/"


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def invite(participant, sent_by=None):
    """Invite and deliver the e-mail, as a committed request would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return invitations.invitation_send(
            participant=participant, sent_by=sent_by, base_url=BASE_URL
        )


def list_url(convening):
    return reverse("participants:invitation_list", kwargs={"pk": convening.pk})


def send_url(participant):
    return reverse("participants:invitation_send", kwargs={"pk": participant.pk})


def send_all_url(convening):
    return reverse("participants:invitation_send_all", kwargs={"pk": convening.pk})


def test_organizer_sees_every_state_by_delegation(
    client, organizer, convening, bolivia, ecuador
):
    never = factories.ParticipantFactory(
        delegation=bolivia, user__full_name="Nora Never"
    )
    pending = factories.ParticipantFactory(
        delegation=bolivia, user__full_name="Paula Pending"
    )
    expired = factories.ParticipantFactory(
        delegation=ecuador, user__full_name="Ernesto Expired"
    )
    accepted = factories.ParticipantFactory(
        delegation=ecuador, user__full_name="Alba Accepted"
    )
    for person in (pending, expired, accepted):
        invite(person, sent_by=organizer)
    Invitation.objects.filter(participant=expired).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    invitations.invitation_accept(
        invitation=Invitation.objects.get(participant=accepted),
        password="Long-pass-9184",
    )
    client.force_login(organizer)

    response = client.get(list_url(convening))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Bolivia") < page.index("Nora Never") < page.index("Ecuador")
    assert page.index("Ecuador") < page.index("Alba Accepted")
    rows = {
        person: page[page.index(f'id="member-{person.pk}"') :].split("</tr>")[0]
        for person in (never, pending, expired, accepted)
    }
    assert "Not invited" in rows[never]
    assert "Invite Nora Never" in text_of(rows[never])
    assert 'badge text-bg-primary">Invited<' in rows[pending]
    assert "Resend" in rows[pending]
    assert "Expired" in rows[expired] and "Resend" in rows[expired]
    assert "Accepted" in rows[accepted]
    assert "Resend" not in rows[accepted] and "<form" not in rows[accepted]
    assert "3 of 4 people invited, 1 accepted." in page
    assert "1 link expired." in page
    assert "Invite everyone not yet invited (1)" in page


def test_organizer_sees_dates_in_the_convenings_time_zone(
    client, organizer, convening, bolivia
):
    person = factories.ParticipantFactory(delegation=bolivia)
    sent_at = datetime.datetime(2025, 6, 1, 15, 30, tzinfo=datetime.UTC)
    Invitation.objects.create(
        participant=person,
        sent_at=sent_at,
        expires_at=sent_at + datetime.timedelta(days=14),
    )
    client.force_login(organizer)

    page = client.get(list_url(convening)).content.decode()

    # America/Panama is UTC-5.
    assert "06/01/2025 10:30 a.m." in page
    assert "06/15/2025 10:30 a.m." in page


def test_empty_convening_shows_empty_state(client, organizer, convening):
    client.force_login(organizer)

    page = client.get(list_url(convening)).content.decode()

    assert 'class="empty-state"' in page
    assert "No delegations yet" in page


# The e-mail goes out when the service commits, before the answer: a real commit.
@pytest.mark.django_db(transaction=True)
def test_invite_button_sends_and_returns_to_the_list(
    client, organizer, spanish_participant, django_capture_on_commit_callbacks
):
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(spanish_participant))

    convening = spanish_participant.convening
    assert response.status_code == 302
    assert response["Location"] == (
        f"{list_url(convening)}#member-{spanish_participant.pk}"
    )
    assert [m.to for m in mail.outbox] == [["sofia@test.org"]]
    assert "24 de junio de 2025" in mail.outbox[0].body
    invitation = Invitation.objects.get()
    assert invitation.sent_by == organizer
    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to Sofía Suárez." in page


def test_resend_button_revokes_the_old_invitation(
    client, organizer, english_participant, django_capture_on_commit_callbacks
):
    first = invitations.invitation_send(
        participant=english_participant, sent_by=organizer, base_url=BASE_URL
    )
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_url(english_participant))

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(revoked_at=None).count() == 1
    assert len(mail.outbox) == 1


def test_resend_confirms_where_it_went_and_that_the_old_link_stopped(
    client, organizer, english_participant, django_capture_on_commit_callbacks
):
    invitations.invitation_send(
        participant=english_participant, sent_by=organizer, base_url=BASE_URL
    )
    client.force_login(organizer)
    address = english_participant.user.email

    with django_capture_on_commit_callbacks(execute=True):
        row = client.post(send_url(english_participant), HTTP_HX_REQUEST="true")
        page = client.post(send_url(english_participant), follow=True)

    said = f"Sent again to {address}. The link sent before no longer works."
    assert said in row.content.decode()
    assert said in page.content.decode()


def test_resend_after_acceptance_is_refused_with_a_message(
    client, organizer, english_participant, django_capture_on_commit_callbacks
):
    invitations.invitation_accept(
        invitation=invitations.invitation_send(
            participant=english_participant, sent_by=organizer, base_url=BASE_URL
        ),
        password="Long-pass-9184",
    )
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(english_participant), follow=True)

    assert mail.outbox == []
    assert Invitation.objects.count() == 1
    assert "already accepted the invitation" in response.content.decode()


def test_invite_button_goes_back_to_a_local_next_page_only(
    client, organizer, english_participant, ecuador
):
    client.force_login(organizer)
    delegation_page = reverse("cohort:delegation_detail", kwargs={"pk": ecuador.pk})

    local = client.post(send_url(english_participant), {"next": delegation_page})
    foreign = client.post(
        send_url(english_participant), {"next": "https://evil.example.com/"}
    )

    assert local["Location"] == delegation_page
    assert foreign["Location"].startswith(list_url(ecuador.convening))


# The e-mail goes out when the service commits, before the answer: a real commit.
@pytest.mark.django_db(transaction=True)
def test_invite_button_with_htmx_swaps_the_row(
    client, organizer, english_participant, django_capture_on_commit_callbacks
):
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(english_participant), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    row = response.content.decode()
    assert row.strip().startswith(f'<tr id="member-{english_participant.pk}">')
    assert "Invitation sent." in row
    assert 'badge text-bg-primary">Invited<' in row
    assert "Resend" in row
    assert "<html" not in row
    assert len(mail.outbox) == 1


# The e-mail goes out when the service commits, before the answer: a real commit.
@pytest.mark.django_db(transaction=True)
def test_invite_everyone_sends_only_to_those_not_invited(
    client, organizer, convening, bolivia, ecuador, django_capture_on_commit_callbacks
):
    already = factories.ParticipantFactory(delegation=bolivia)
    invitations.invitation_send(participant=already, sent_by=None, base_url=BASE_URL)
    mail.outbox.clear()
    fresh = [factories.ParticipantFactory(delegation=d) for d in (bolivia, ecuador)]
    fresh.append(factories.ParticipantFactory(delegation=ecuador))
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_all_url(convening), follow=True)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in fresh)
    assert Invitation.objects.count() == 4
    page = response.content.decode()
    assert "3 invitations sent." in page
    # Nobody left: no button that would invite nobody.
    assert "Invite everyone not yet invited" not in page
    assert "Everyone has been invited." in page


def test_invite_everyone_when_all_invited_says_so(
    client, organizer, convening, english_participant
):
    invitations.invitation_send(
        participant=english_participant, sent_by=None, base_url=BASE_URL
    )
    client.force_login(organizer)

    response = client.post(send_all_url(convening), follow=True)

    assert "Everyone has already been invited." in response.content.decode()
    assert Invitation.objects.count() == 1


def test_buttons_refuse_get(client, organizer, convening, english_participant):
    client.force_login(organizer)

    assert client.get(send_url(english_participant)).status_code == 405
    assert client.get(send_all_url(convening)).status_code == 405
    assert Invitation.objects.count() == 0


REFUSED = [
    "other_organizer",
    "other_facilitator",
    "facilitator",
    "bolivia_member",
    "ecuador_member",
]


def _requests(convening, participant):
    return [
        ("get", list_url(convening), {}),
        ("get", list_url(convening), {"HTTP_HX_REQUEST": "true"}),
        ("post", send_url(participant), {}),
        ("post", send_url(participant), {"HTTP_HX_REQUEST": "true"}),
        ("post", send_all_url(convening), {}),
    ]


@pytest.mark.parametrize("role", REFUSED)
def test_invitation_endpoints_are_404_for_other_roles(
    client, request, role, convening, english_participant
):
    client.force_login(request.getfixturevalue(role))

    for method, url, headers in _requests(convening, english_participant):
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 404, (method, url, headers)
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_invitation_endpoints_send_anonymous_to_sign_in(
    client, convening, english_participant
):
    for method, url, headers in _requests(convening, english_participant):
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("login") + "?next=")
    assert Invitation.objects.count() == 0


def test_organizer_of_another_convening_cannot_invite_here(
    client, other_organizer, english_participant
):
    other_convening = other_organizer.roles.get().convening
    other_delegation = factories.DelegationFactory(convening=other_convening)
    factories.ParticipantFactory(delegation=other_delegation)
    client.force_login(other_organizer)

    response = client.post(send_url(english_participant))
    own = client.get(list_url(other_convening))

    assert response.status_code == 404
    assert own.status_code == 200
    assert "Emma English" not in own.content.decode()


def test_unknown_ids_are_404(client, organizer):
    client.force_login(organizer)

    assert client.get(list_url_for_pk(999999)).status_code == 404
    assert (
        client.post(reverse("participants:invitation_send", args=[999999])).status_code
        == 404
    )


def list_url_for_pk(pk):
    return reverse("participants:invitation_list", kwargs={"pk": pk})


@pytest.mark.parametrize("size", [10, 60])
def test_invitation_page_query_count_is_constant(
    client, organizer, convening, size, django_assert_max_num_queries
):
    delegations = [
        factories.DelegationFactory(convening=convening, country=code)
        for code in ("BO", "CR", "EC", "PA")
    ]
    people = [
        factories.ParticipantFactory(delegation=delegations[n % 4]) for n in range(size)
    ]
    for person in people[: size // 2]:
        invitations.invitation_send(participant=person, sent_by=None, base_url=BASE_URL)
    for person in people[: size // 4]:
        invitations.invitation_accept(
            invitation=Invitation.objects.get(participant=person, revoked_at=None),
            password="Long-pass-9184",
        )
    client.force_login(organizer)

    # Session, user, convening, roles (2), delegations, members, states, and the
    # request's savepoint and release.
    with django_assert_max_num_queries(10):
        response = client.get(list_url(convening))

    assert response.status_code == 200
    assert response.content.decode().count('<tr id="member-') == size


def test_member_state_partial_for_the_delegation_page(convening, bolivia, organizer):
    waiting = factories.ParticipantFactory(delegation=bolivia)
    never = factories.ParticipantFactory(delegation=bolivia)
    invite(waiting)
    states = invitations.invitation_states_for(convening=convening, delegation=bolivia)

    def cell(member):
        with translation.override("en"):
            return text_of(
                render_to_string(
                    "participants/invitations/partials/member_state.html",
                    {"member": member, "states": states, "convening": convening},
                )
            )

    today = timezone.localtime(timezone=convening.zone).strftime("%m/%d/%Y")
    assert cell(waiting) == f"Invited sent {today}"
    assert cell(never) == "Not invited"


def test_invitation_page_in_spanish(client, organizer, convening, bolivia):
    factories.ParticipantFactory(delegation=bolivia)
    organizer.preferred_language = "es"
    organizer.save()
    client.force_login(organizer)

    response = client.get(list_url(convening))

    assert response.status_code == 200
    assert response["Content-Language"] == "es"
