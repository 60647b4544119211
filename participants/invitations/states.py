"""What an invitation can be, as an organizer or the invited person sees it, and
the refusals the invitation services raise."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Asking for a new link again within this time sends nothing: nobody can flood a
# participant's mailbox through the public form.
REQUEST_COOLDOWN = datetime.timedelta(minutes=10)


class InvitationState(models.TextChoices):
    NOT_INVITED = "not_invited", _("Not invited")
    # Queued for the worker; the mail server has not taken the e-mail yet.
    SENDING = "sending", _("Sending")
    PENDING = "pending", _("Invited")
    EXPIRED = "expired", _("Expired")
    ACCEPTED = "accepted", _("Accepted")
    UNDELIVERED = "undelivered", _("Not delivered")


class LinkProblem(models.TextChoices):
    EXPIRED = "expired", _("expired")
    USED = "used", _("already used")
    REPLACED = "replaced", _("replaced by a newer invitation")
    ADDRESS_CHANGED = (
        "address_changed",
        _("sent to an address the account no longer has"),
    )


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
            InvitationState.SENDING,
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
    """A genuine link that cannot be used any more; ``problem`` says why, and
    ``language`` is the invitee's, when known, for the page that says so."""

    def __init__(self, problem: LinkProblem, language: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.language = language


def invitation_max_age() -> datetime.timedelta:
    days = settings.INVITATION_MAX_AGE_DAYS
    return datetime.timedelta(days=days)


def base_url_of(request) -> str:
    """The site's address as the request reached it (Host checked by Django)."""
    return request.build_absolute_uri("/")
