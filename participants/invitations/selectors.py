"""Reading invitations: the state organizers see for each participant, how the
e-mails fared, and the invitation an e-mailed link points to."""

from django.db.models import Count, FilteredRelation, Q
from django.utils import timezone

from academy.models import Participant
from participants import tokens
from participants.invitations.states import (
    NOT_INVITED,
    InvitationState,
    InvitationStatus,
    LinkInvalid,
    LinkProblem,
    LinkUnusable,
    invitation_max_age,
)
from participants.models import Invitation


def _status(
    *,
    sent_at,
    expires_at,
    accepted_at,
    email_queued_at,
    email_sent_at,
    email_failed_at,
    email_error,
    now,
) -> InvitationStatus:
    if sent_at is None:
        return NOT_INVITED
    if accepted_at is not None:
        state = InvitationState.ACCEPTED
    elif email_failed_at is not None:
        state = InvitationState.UNDELIVERED
    elif email_queued_at is not None and email_sent_at is None:
        state = InvitationState.SENDING
    elif expires_at <= now:
        state = InvitationState.EXPIRED
    else:
        state = InvitationState.PENDING
    # While the worker still retries, the last error is no verdict: not shown.
    shown_error = (email_error or "") if state == InvitationState.UNDELIVERED else ""
    return InvitationStatus(
        state, sent_at, expires_at, accepted_at, email_error=shown_error
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
            "live__email_queued_at",
            "live__email_sent_at",
            "live__email_failed_at",
            "live__email_error",
        )
    )
    now = timezone.now()
    states = {}
    for participant_id, sent_at, expires_at, accepted_at, *email in rows:
        known = states.get(participant_id)
        if known is not None and known.state == InvitationState.ACCEPTED:
            continue
        queued_at, email_sent_at, failed_at, error = email
        states[participant_id] = _status(
            sent_at=sent_at,
            expires_at=expires_at,
            accepted_at=accepted_at,
            email_queued_at=queued_at,
            email_sent_at=email_sent_at,
            email_failed_at=failed_at,
            email_error=error,
            now=now,
        )
    return states


def invitation_state_counts(*, states: dict[int, InvitationStatus]) -> dict:
    """The figures above the invitations page, from invitation_states_for():
    everyone, those invited (an e-mail not delivered was not got; one still
    sending counts), and how many are in each state."""
    counts = {state: 0 for state in InvitationState}
    for status in states.values():
        counts[status.state] += 1
    total = len(states)
    return {
        "total": total,
        "invited": total
        - counts[InvitationState.NOT_INVITED]
        - counts[InvitationState.UNDELIVERED],
        "accepted": counts[InvitationState.ACCEPTED],
        "expired": counts[InvitationState.EXPIRED],
        "sending": counts[InvitationState.SENDING],
        "undelivered": counts[InvitationState.UNDELIVERED],
        "not_invited": counts[InvitationState.NOT_INVITED],
    }


def invitation_delivery_counts(*, invitations) -> dict[str, int]:
    """How these invitations' e-mails fared, in one query: ``sent`` (the mail
    server took them), ``sending`` (still with the worker) and ``undelivered``
    (the mail server refused them or could not be reached)."""
    return Invitation.objects.filter(
        pk__in=[invitation.pk for invitation in invitations]
    ).aggregate(
        sent=Count("pk", filter=Q(email_sent_at__isnull=False)),
        undelivered=Count("pk", filter=Q(email_failed_at__isnull=False)),
        sending=Count(
            "pk", filter=Q(email_sent_at__isnull=True, email_failed_at__isnull=True)
        ),
    )


def undelivered_count(*, invitations) -> int:
    """How many of these invitations' e-mails could not be delivered."""
    return invitation_delivery_counts(invitations=invitations)["undelivered"]


def invitation_for_token(*, token: str) -> Invitation:
    """The open invitation a link points to.

    Raises LinkInvalid for a link we did not make, LinkUnusable when it expired,
    was used, or was replaced by a newer invitation.
    """
    try:
        key = tokens.token_read(token, max_age=invitation_max_age())
    except tokens.TokenExpired as error:
        # Genuine but old: still say so in the invitee's language.
        invitee = (
            Invitation.objects.filter(key=tokens.token_read(token, max_age=None))
            .values_list("participant__user__preferred_language", flat=True)
            .first()
        )
        raise LinkUnusable(LinkProblem.EXPIRED, language=invitee or "") from error
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
    try:
        invitation_check_open(invitation=invitation, now=timezone.now())
    except LinkUnusable as unusable:
        unusable.language = invitation.participant.user.preferred_language
        raise
    return invitation


def invitation_check_open(*, invitation: Invitation, now) -> None:
    """Raise LinkUnusable unless the invitation's link still works. A link works
    only for the address it was sent to: whoever got it at an address the
    account no longer has cannot set the account's password."""
    sent_to = invitation.email.lower()
    if sent_to and sent_to != invitation.participant.user.email.lower():
        raise LinkUnusable(LinkProblem.ADDRESS_CHANGED)
    if invitation.accepted_at is not None:
        raise LinkUnusable(LinkProblem.USED)
    if invitation.revoked_at is not None:
        raise LinkUnusable(LinkProblem.REPLACED)
    if invitation.expires_at <= now:
        raise LinkUnusable(LinkProblem.EXPIRED)


def invitation_was_sent(*, participant: Participant) -> bool:
    """Whether the participant was invited before: a new invitation is then a
    resend, and the earlier link stops working."""
    return Invitation.objects.filter(participant=participant).exists()
