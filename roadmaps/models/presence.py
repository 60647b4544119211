"""Who has a roadmap open right now, and where (the editor's heartbeat)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import Section


class Presence(models.Model):
    """One person's open editor on one roadmap, refreshed by a heartbeat every
    few seconds; older than ``roadmaps.presence.present_for()`` means gone. Kept in
    the database (not a per-process cache) so that every web worker of the
    embedded default sees the same people."""

    roadmap = models.ForeignKey(
        "roadmaps.Roadmap", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    section = models.CharField(
        _("section"), max_length=30, choices=Section.choices, blank=True
    )
    # The item whose form is open ("outcome-12"), if any.
    editing = models.CharField(_("editing"), max_length=40, blank=True)
    seen_at = models.DateTimeField(_("seen at"), db_index=True)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "user"], name="one_presence_per_person_and_roadmap"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.roadmap} – {self.section or '—'}"
