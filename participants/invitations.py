"""Invitations: invite one participant or everyone not yet invited, resend, accept,
ask for a new link; and the state organizers see for each participant.

A link works once, until it expires (``settings.INVITATION_MAX_AGE_DAYS``, 14 days
by default) or a newer invitation replaces it. E-mails leave only after the
transaction commits, so a rolled-back invitation never reaches anyone.
"""

import datetime
import logging
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import FilteredRelation, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from academy.models import Participant
from accounts.models import User
from participants import tokens
from participants.models import Invitation

logger = logging.getLogger(__name__)

# Asking for a new link again within this time sends nothing: nobody can flood a
# participant's mailbox through the public form.
REQUEST_COOLDOWN = datetime.timedelta(minutes=10)
EMAIL_TEMPLATES = "participants/invitations/emails/"


class InvitationState(models.TextChoices):
    NOT_INVITED = "not_invited", _("Not invited")
    PENDING = "pending", _("Invited")
    EXPIRED = "expired", _("Expired")
    ACCEPTED = "accepted", _("Accepted")
    UNDELIVERED = "undelivered", _("Not delivered")


class LinkProblem(models.TextChoices):
    EXPIRED = "expired", _("expired")
    USED = "used", _("already used")
    REPLACED = "replaced", _("replaced by a newer invitation")


@dataclass(frozen=True)
class InvitationStatus:
    state: InvitationState
    sent_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    accepted_at: datetime.datetime | None = None
    email_error: str = ""

    @property
    def can_invite(self):
        return self.state == InvitationState.NOT_INVITED

    @property
    def can_resend(self):
        return self.state in (
            InvitationState.PENDING,
            InvitationState.EXPIRED,
            InvitationState.UNDELIVERED,
        )


NOT_INVITED = InvitationStatus(InvitationState.NOT_INVITED)


class InvitationError(Exception):
    """An organizer's action that cannot be done; the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LinkInvalid(Exception):
    """Not one of our links, or its invitation no longer exists."""


class LinkUnusable(Exception):
    """A genuine link that cannot be used any more; ``problem`` says why."""

    def __init__(self, problem: LinkProblem):
        super().__init__(problem)
        self.problem = problem


def invitation_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


def base_url_of(request) -> str:
    """The site's address as the request reached it (Host checked by Django)."""
    return request.build_absolute_uri("/")


# Reads
# ------------------------------------------------------------------------------


def _status(
    *, sent_at, expires_at, accepted_at, email_failed_at, email_error, now
) -> InvitationStatus:
    if sent_at is None:
        return NOT_INVITED
    if accepted_at is not None:
        state = InvitationState.ACCEPTED
    elif email_failed_at is not None:
        state = InvitationState.UNDELIVERED
    elif expires_at <= now:
        state = InvitationState.EXPIRED
    else:
        state = InvitationState.PENDING
    return InvitationStatus(
        state, sent_at, expires_at, accepted_at, email_error=email_error or ""
    )


def invitation_states_for(*, convening, delegation=None) -> dict[int, InvitationStatus]:
    """{participant_id: InvitationStatus} for every participant of the convening
    (or of one of its delegations), in one query.

    Revoked invitations are history: the state comes from the accepted one if
    any, else from the newest open one.
    """
    participants = Participant.objects.filter(convening=convening)
    if delegation is not None:
        participants = participants.filter(delegation=delegation)
    rows = (
        participants.annotate(
            live=FilteredRelation(
                "invitations", condition=Q(invitations__revoked_at__isnull=True)
            )
        )
        .order_by("pk", "live__sent_at")
        .values_list(
            "pk",
            "live__sent_at",
            "live__expires_at",
            "live__accepted_at",
            "live__email_failed_at",
            "live__email_error",
        )
    )
    now = timezone.now()
    states = {}
    for participant_id, sent_at, *dates, failed_at, error in rows:
        known = states.get(participant_id)
        if known is not None and known.state == InvitationState.ACCEPTED:
            continue
        expires_at, accepted_at = dates
        states[participant_id] = _status(
            sent_at=sent_at,
            expires_at=expires_at,
            accepted_at=accepted_at,
            email_failed_at=failed_at,
            email_error=error,
            now=now,
        )
    return states


def undelivered_count(*, invitations) -> int:
    """How many of these invitations' e-mails the mail server refused."""
    return Invitation.objects.filter(
        pk__in=[invitation.pk for invitation in invitations],
        email_failed_at__isnull=False,
    ).count()


def invitation_for_token(*, token: str) -> Invitation:
    """The open invitation a link points to.

    Raises LinkInvalid for a link we did not make, LinkUnusable when it expired,
    was used, or was replaced by a newer invitation.
    """
    try:
        key = tokens.token_read(token, max_age=invitation_max_age())
    except tokens.TokenExpired as error:
        raise LinkUnusable(LinkProblem.EXPIRED) from error
    except tokens.TokenInvalid as error:
        raise LinkInvalid from error
    invitation = (
        Invitation.objects.select_related(
            "participant__user", "participant__delegation__convening"
        )
        .filter(key=key)
        .first()
    )
    if invitation is None or not invitation.participant.user.is_active:
        raise LinkInvalid
    _check_open(invitation, now=timezone.now())
    return invitation


def _check_open(invitation, *, now):
    if invitation.accepted_at is not None:
        raise LinkUnusable(LinkProblem.USED)
    if invitation.revoked_at is not None:
        raise LinkUnusable(LinkProblem.REPLACED)
    if invitation.expires_at <= now:
        raise LinkUnusable(LinkProblem.EXPIRED)


# Writes
# ------------------------------------------------------------------------------


def _invitations_create(*, participants, sent_by, now) -> list[Invitation]:
    """A new invitation for each participant, in two queries: their open
    invitations are revoked first (one open invitation per participant)."""
    Invitation.objects.filter(
        participant__in=participants, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    return Invitation.objects.bulk_create(
        [
            Invitation(
                participant=participant,
                sent_by=sent_by,
                sent_at=now,
                expires_at=now + invitation_max_age(),
            )
            for participant in participants
        ]
    )


@transaction.atomic
def invitation_send(
    *, participant: Participant, sent_by: User | None, base_url: str
) -> Invitation:
    """Invite one participant, or invite them again.

    Side effects: revokes the participant's open invitations (their links stop
    working); after commit, e-mails the new link in the participant's language.
    Raises InvitationError when the participant has already accepted.
    """
    participant = Participant.objects.select_for_update(of=("self",)).get(
        pk=participant.pk
    )
    if Invitation.objects.filter(
        participant=participant, accepted_at__isnull=False
    ).exists():
        raise InvitationError(
            _("This person has already accepted the invitation and can sign in.")
        )
    [invitation] = _invitations_create(
        participants=[participant], sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=[invitation], base_url=base_url)
    return invitation


@transaction.atomic
def invitation_send_all(
    *, convening, sent_by: User | None, base_url: str
) -> list[Invitation]:
    """Invite every participant of the convening who has never been invited.

    Participants with a pending, expired or accepted invitation are left alone
    (resend those one by one). Side effects: after commit, one e-mail per new
    invitation, each in its recipient's language.
    """
    # Lock the convening's participants so a concurrent single invitation waits.
    list(
        Participant.objects.select_for_update()
        .filter(convening=convening)
        .values_list("pk", flat=True)
    )
    never_invited = Participant.objects.filter(convening=convening).exclude(
        pk__in=Invitation.objects.filter(participant__convening=convening).values(
            "participant_id"
        )
    )
    invitations = _invitations_create(
        participants=list(never_invited), sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=invitations, base_url=base_url)
    return invitations


@transaction.atomic
def invitation_resend_undelivered(
    *, convening, sent_by: User | None, base_url: str
) -> list[Invitation]:
    """Invite again everyone of the convening whose e-mail was not delivered.

    Side effects: as invitation_send for each (the undelivered link is revoked,
    a new one e-mailed after commit).
    """
    undelivered = Invitation.objects.filter(
        participant__convening=convening,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        email_failed_at__isnull=False,
    )
    participants = list(
        Participant.objects.select_for_update(of=("self",))
        .filter(pk__in=undelivered.values("participant_id"))
        .order_by("pk")
    )
    invitations = _invitations_create(
        participants=participants, sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=invitations, base_url=base_url)
    return invitations


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """The invited person chose a password (already validated by the form).

    Side effects: sets the password; marks the invitation accepted, so its link
    stops working. Raises LinkUnusable if the link was used or replaced meanwhile.
    """
    invitation = Invitation.objects.select_for_update(of=("self",)).get(
        pk=invitation.pk
    )
    now = timezone.now()
    _check_open(invitation, now=now)
    user = invitation.participant.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_request_new(*, email: str, base_url: str) -> int:
    """Someone whose link expired or was used asks for a new one.

    A fresh invitation goes to each membership of that address that was invited
    and has not accepted, unless a link went out in the last REQUEST_COOLDOWN.
    Everyone else gets nothing, and the caller answers the same in every case so
    addresses cannot be probed. Side effects: as invitation_send for each one.
    Returns how many invitations were sent.
    """
    participants = list(
        Participant.objects.select_for_update(of=("self",)).filter(
            user__email__iexact=email.strip(), user__is_active=True
        )
    )
    if not participants:
        return 0
    live = list(
        Invitation.objects.filter(participant__in=participants, revoked_at__isnull=True)
    )
    accepted = {i.participant_id for i in live if i.accepted_at is not None}
    newest = {}
    for invitation in live:
        if invitation.accepted_at is None:
            newest[invitation.participant_id] = invitation
    now = timezone.now()
    due = [
        participant
        for participant in participants
        if participant.pk not in accepted
        and participant.pk in newest
        and newest[participant.pk].sent_at <= now - REQUEST_COOLDOWN
    ]
    created = _invitations_create(participants=due, sent_by=None, now=now)
    _emails_after_commit(invitations=created, base_url=base_url)
    return len(created)


# E-mail
# ------------------------------------------------------------------------------


def _emails_after_commit(*, invitations, base_url):
    if not invitations:
        return
    # robust: whatever goes wrong while sending, the invitations are saved.
    transaction.on_commit(
        partial(
            _emails_send,
            invitation_ids=[invitation.pk for invitation in invitations],
            base_url=base_url,
        ),
        robust=True,
    )


def _emails_send(*, invitation_ids, base_url):
    """Send each invitation's e-mail over one connection. One the mail server
    refuses (or all of them, if it cannot be reached) is marked undelivered with
    the reason: the organizer sees it and sends it again."""
    invitations = Invitation.objects.filter(
        pk__in=invitation_ids, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related(
        "participant__user", "participant__delegation__convening", "sent_by"
    )
    pending = [
        (invitation, invitation_email(invitation=invitation, base_url=base_url))
        for invitation in invitations
    ]
    if not pending:
        return
    failed = {}
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:
        logger.exception("Could not reach the mail server for invitations")
        failed = {invitation.pk: _reason(error) for invitation, _message in pending}
    else:
        try:
            for invitation, message in pending:
                try:
                    connection.send_messages([message])
                except Exception as error:
                    logger.exception("Invitation %s was not sent", invitation.pk)
                    failed[invitation.pk] = _reason(error)
        finally:
            connection.close()
    now = timezone.now()
    for invitation_id, reason in failed.items():
        Invitation.objects.filter(pk=invitation_id).update(
            email_failed_at=now, email_error=reason
        )
    logger.info(
        "Sent %d invitation e-mail(s), %d failed",
        len(pending) - len(failed),
        len(failed),
    )


def _reason(error: Exception) -> str:
    """What the mail server said, short enough to show an organizer."""
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 200 else text[:199] + "…"


def invitation_email(
    *, invitation: Invitation, base_url: str
) -> EmailMultiAlternatives:
    """The invitation message, in the recipient's preferred language."""
    participant = invitation.participant
    user = participant.user
    token = tokens.token_make(key=invitation.key)
    context = {
        "invitation": invitation,
        "user": user,
        "participant": participant,
        "delegation": participant.delegation,
        "convening": participant.delegation.convening,
        "sent_by": invitation.sent_by,
        "accept_url": urljoin(
            base_url, reverse("participants:invitation_accept", kwargs={"token": token})
        ),
        "request_url": urljoin(
            base_url, reverse("participants:invitation_request_new")
        ),
    }
    with translation.override(user.preferred_language):
        subject = " ".join(
            render_to_string(
                EMAIL_TEMPLATES + "invitation_subject.txt", context
            ).split()
        )
        text = render_to_string(EMAIL_TEMPLATES + "invitation.txt", context)
        html = render_to_string(EMAIL_TEMPLATES + "invitation.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
