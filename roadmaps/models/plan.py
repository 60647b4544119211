"""Institutional coordination, localization (territories) and the milestones
towards adoption."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmaps.enums import (
    Frequency,
    MilestoneKind,
    MilestoneStatus,
    Section,
    TerritoryLevel,
)
from roadmaps.models.base import LONG_TEXT, Item, Roadmap, long_text_check


class Coordination(models.Model):
    """How institutions work together on the plan: one per roadmap."""

    roadmap = models.OneToOneField(
        Roadmap, on_delete=models.CASCADE, related_name="coordination", editable=False
    )
    lead_institution = models.CharField(
        _("lead institution"), max_length=200, blank=True
    )
    coordination_body = models.CharField(
        _("coordination body"), max_length=200, blank=True
    )
    members = models.TextField(
        _("member institutions"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )
    civil_society_seats = models.PositiveSmallIntegerField(
        _("civil-society seats"), null=True, blank=True
    )
    meeting_frequency = models.CharField(
        _("meeting frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    section = Section.COORDINATION
    parent_field = None
    deleted_at = None

    class Meta:
        verbose_name = _("coordination")
        verbose_name_plural = _("coordination")

    def __str__(self):
        return self.coordination_body or str(_("Coordination"))

    @property
    def key(self):
        return f"coordination-{self.pk}"

    @property
    def anchor(self):
        return f"item-{self.key}"


class Territory(Item):
    name = models.CharField(_("territory"), max_length=200)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=TerritoryLevel.choices,
        default=TerritoryLevel.PROVINCE,
    )
    local_actors = models.TextField(
        _("local actors"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )
    local_actions = models.TextField(
        _("local actions"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )

    history = HistoricalRecords()
    section = Section.LOCALIZATION

    class Meta(Item.Meta):
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self):
        return self.name


class Milestone(Item):
    kind = models.CharField(
        _("milestone"), max_length=30, choices=MilestoneKind.choices
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )

    history = HistoricalRecords()
    section = Section.MILESTONES

    class Meta(Item.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.get_kind_display()
