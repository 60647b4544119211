"""The record of changes to who runs a convening."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import Role, TeamAction
from academy.models.convenings import Convening
from academy.models.people import Delegation


class TeamChange(models.Model):
    """One change to who runs a convening, or to who may create convenings
    (``convening`` empty): who made it and when. Written by academy.team."""

    convening = models.ForeignKey(
        Convening,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_changes",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("change"), max_length=20, choices=TeamAction.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("team change")
        verbose_name_plural = _("team changes")

    def __str__(self):
        return f"{self.person} – {self.get_action_display()}"
