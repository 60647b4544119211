"""People: the user account (e-mail login), membership in a delegation, invitations."""

import uuid

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import Language
from participants.enums import Sector


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=Language.choices,
        default=Language.SPANISH,
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ParticipantQuerySet(models.QuerySet):
    def for_user(self, user):
        """Memberships the user may see listed: their convenings' staff see all,
        a participant sees the members of their own delegation."""
        if not user.is_authenticated:
            return self.none()
        from academy.models import ConveningRole

        staff_of = ConveningRole.objects.filter(user=user).values("convening_id")
        own_delegations = self.model.objects.filter(user=user).values("delegation_id")
        return self.filter(
            models.Q(convening_id__in=staff_of)
            | models.Q(delegation_id__in=own_delegations)
        )


class Participant(models.Model):
    """A person's membership in one delegation; one delegation per convening."""

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    delegation = models.ForeignKey(
        "academy.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    # Copied from the delegation so the database enforces one delegation per convening.
    convening = models.ForeignKey(
        "academy.Convening",
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="participants",
        editable=False,
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "convening"], name="one_delegation_per_convening"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.delegation})"

    def save(self, *args, **kwargs):
        self.convening_id = self.delegation.convening_id
        super().save(*args, **kwargs)


class Invitation(models.Model):
    """One e-mail inviting a participant to set a password and sign in.

    A resend revokes the participant's earlier open invitations, so only the newest
    link works. The state an organizer sees is computed from the dates, never stored
    (see participants.invitations.invitation_states_for).
    """

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The random part of the link; the link also carries a signature and its age.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sent_by = models.ForeignKey(
        User,
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
    # Set when the mail server refused the e-mail: the organizer sees it and
    # sends it again (participants.invitations._emails_send).
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
