"""Institutional coordination, localization (territories) and the milestones
towards adoption."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
    """A stage of the NAP's path (roadmaps.nap_path): planned in the roadmap,
    then tracked after the convening with its dates, legal instrument and
    evidence (a link here, files as accompaniment attachments)."""

    kind = models.CharField(_("stage"), max_length=30, choices=MilestoneKind.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    revised_date = models.DateField(
        _("revised date"),
        null=True,
        blank=True,
        help_text=_("When the stage is now expected, if not on the planned date."),
    )
    achieved_date = models.DateField(_("achieved on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    legal_instrument = models.CharField(
        _("legal instrument"),
        max_length=200,
        blank=True,
        help_text=_("For example the decree or resolution number that adopted it."),
    )
    evidence_url = models.URLField(
        _("evidence (link)"),
        max_length=500,
        blank=True,
        help_text=_("A public page that shows it, e.g. the official gazette."),
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

    @property
    def expected_date(self):
        """When the stage is due: the revised date, else the planned one."""
        return self.revised_date or self.planned_date

    @property
    def is_open(self):
        return self.status not in {
            MilestoneStatus.ACHIEVED,
            MilestoneStatus.NOT_APPLICABLE,
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.achieved_date and self.status != MilestoneStatus.ACHIEVED:
            errors["achieved_date"] = _(
                "Only an achieved stage has a date achieved: set the status to "
                "“Achieved” or clear the date."
            )
        elif self.achieved_date and self.achieved_date > timezone.localdate():
            errors["achieved_date"] = _("The date achieved cannot be in the future.")
        if (
            self.revised_date
            and self.planned_date
            and self.revised_date == self.planned_date
        ):
            errors["revised_date"] = _(
                "The revised date is the planned date: leave it empty."
            )
        if self.kind and self.roadmap_id:
            twin = Milestone.objects.filter(
                roadmap_id=self.roadmap_id, kind=self.kind, deleted_at__isnull=True
            ).exclude(pk=self.pk)
            if twin.exists():
                errors["kind"] = _(
                    "The path already has this stage: update that one instead."
                )
        if errors:
            raise ValidationError(errors)
