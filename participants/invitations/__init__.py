"""Invitations: invite one participant or everyone not yet invited, resend, accept,
ask for a new link; and the state organizers see for each participant.

``states`` says what an invitation can be, ``selectors`` reads, ``services``
changes, ``emails`` writes and delivers the message (through the worker's task in
``participants.tasks``). The names below are the ones the rest of the code uses.
"""

from participants.invitations.emails import invitation_email
from participants.invitations.selectors import (
    invitation_delivery_counts,
    invitation_for_token,
    invitation_state_counts,
    invitation_states_for,
    invitation_was_sent,
    undelivered_count,
)
from participants.invitations.services import (
    invitation_accept,
    invitation_request_new,
    invitation_resend_undelivered,
    invitation_send,
    invitation_send_all,
)
from participants.invitations.states import (
    NOT_INVITED,
    InvitationError,
    InvitationState,
    InvitationStatus,
    LinkInvalid,
    LinkProblem,
    LinkUnusable,
    base_url_of,
    invitation_max_age,
)

__all__ = [
    "NOT_INVITED",
    "InvitationError",
    "InvitationState",
    "InvitationStatus",
    "LinkInvalid",
    "LinkProblem",
    "LinkUnusable",
    "base_url_of",
    "invitation_accept",
    "invitation_delivery_counts",
    "invitation_email",
    "invitation_for_token",
    "invitation_max_age",
    "invitation_request_new",
    "invitation_resend_undelivered",
    "invitation_send",
    "invitation_send_all",
    "invitation_state_counts",
    "invitation_states_for",
    "invitation_was_sent",
    "undelivered_count",
]
