"""Delegations and their members (Participant)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from academy.enums import Sector
from academy.models.convenings import Convening, ConveningRole


class DelegationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Delegations whose page the user may open: staff of its convening or member.

        Other participants of the same convening see the delegation list (country,
        size) through the convening page, never a delegation's own page.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(
                convening_id__in=ConveningRole.objects.filter(user=user).values(
                    "convening_id"
                )
            )
            | Q(members__user=user)
        ).distinct()


class Delegation(models.Model):
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    country = CountryField(_("country"))
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    # The facilitators who accompany this delegation (academy.team); the
    # accompaniment after the convening builds on this assignment.
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_delegations",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["convening", "country"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "country"], name="one_delegation_per_country"
            )
        ]

    def __str__(self):
        return str(self.country.name)

    def get_absolute_url(self):
        return reverse("cohort:delegation_detail", kwargs={"pk": self.pk})

    @property
    def code(self):
        """ISO 3166 alpha-3 code, as organizers and the command line name it."""
        return self.country.alpha3


class ParticipantQuerySet(models.QuerySet):
    def for_user(self, user):
        """Memberships the user may see listed: their convenings' staff see all,
        a participant sees the members of their own delegation."""
        if not user.is_authenticated:
            return self.none()
        staff_of = ConveningRole.objects.filter(user=user).values("convening_id")
        own_delegations = self.model.objects.filter(user=user).values("delegation_id")
        return self.filter(
            models.Q(convening_id__in=staff_of)
            | models.Q(delegation_id__in=own_delegations)
        )


class Participant(models.Model):
    """A person's membership in one delegation; one delegation per convening."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    # Copied from the delegation so the database enforces one delegation per convening.
    convening = models.ForeignKey(
        Convening,
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
        # The table kept its name when the model moved here from participants.
        db_table = "participants_participant"
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
