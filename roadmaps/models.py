"""A delegation's NAP roadmap. The roadmap issue fills in its parts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import RoadmapStatus


class RoadmapQuerySet(models.QuerySet):
    def for_user(self, user):
        from academy.models import Delegation

        return self.filter(delegation__in=Delegation.objects.for_user(user))


class Roadmap(models.Model):
    delegation = models.OneToOneField(
        "academy.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="roadmap",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RoadmapStatus.choices,
        default=RoadmapStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self):
        return str(_("Roadmap of %(delegation)s") % {"delegation": self.delegation})
