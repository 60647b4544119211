"""Invitations: the e-mails that bring participants to set a password."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.models import Participant


class Invitation(models.Model):
    """One e-mail inviting a participant to set a password and sign in.

    A resend revokes the participant's earlier open invitations, so only the newest
    link works. The state an organizer sees is computed from the dates, never stored
    (see participants.invitations.selectors.invitation_states_for).
    """

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The random part of the link; the link also carries a signature and its age.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The address the link was sent to: it works only while the account still
    # has this address (an address changed after sending voids the link).
    email = models.EmailField(_("sent to"), blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The e-mail's journey (participants.invitations.emails): queued for the
    # worker, then either taken by the mail server or, after the retries, given
    # up with the server's reason, which the organizer sees before sending again.
    email_queued_at = models.DateTimeField(
        _("e-mail queued at"), null=True, blank=True, editable=False
    )
    email_sent_at = models.DateTimeField(
        _("e-mail sent at"), null=True, blank=True, editable=False
    )
    email_attempts = models.PositiveSmallIntegerField(
        _("e-mail attempts"), default=0, editable=False
    )
    email_failed_at = models.DateTimeField(
        _("e-mail failed at"), null=True, blank=True, editable=False
    )
    email_error = models.CharField(
        _("e-mail error"), max_length=200, blank=True, editable=False
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # Two organizers clicking at once must not leave two working links.
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_participant",
            )
        ]

    def __str__(self):
        return f"{self.participant.user} ({self.sent_at:%Y-%m-%d})"
