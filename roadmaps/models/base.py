"""The roadmap itself and what every editable item shares.

Every editable row carries ``version``; services save it with a conditional
``UPDATE … WHERE version = …`` so a save made from a stale version is refused
instead of overwriting someone else's work. Items are deleted softly
(``deleted_at``) so that a delete can be undone from the history with the
item's children intact. Dotted codes (1, 1.2, 1.2.3) are never stored: they are
derived from the order of the living siblings (see ``roadmaps.selectors``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from academy.enums import NapStatus
from roadmaps.enums import (
    RoadmapStatus,
)
from roadmaps.nap_path import nap_status_of

validate_quarter = RegexValidator(
    r"^(19|20|21)\d{2}-Q[1-4]$",
    _("Write a quarter as year and quarter, for example 2025-Q3."),
)
validate_currency = RegexValidator(
    r"^[A-Z]{3}$", _("Use a three-letter ISO currency code, for example USD.")
)
year_validators = [MinValueValidator(1990)]

# A long text of a roadmap (a context analysis, a statement, a comment) holds at
# most this many characters: some eight pages, more than any report needs, and
# a bound on the work a PDF export can be asked for.
LONG_TEXT = 20_000
long_text_check = MaxLengthValidator(LONG_TEXT)

# The Roadmap's revision counter each kind of row counts its changes in.
# Pillars, outcomes and outputs share one: a move of any of them renumbers the
# codes of everything below it.
REVISION_FIELDS = {
    "pillar": "structure_revision",
    "outcome": "structure_revision",
    "output": "structure_revision",
    "indicator": "indicators_revision",
    "activity": "activities_revision",
    "coordination": "coordination_revision",
    "territory": "territories_revision",
    "milestone": "milestones_revision",
    "comment": "comments_revision",
}
REVISION_FIELD_NAMES = sorted(set(REVISION_FIELDS.values()))


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
    context_analysis = models.TextField(
        _("context analysis"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )
    plan_start_year = models.PositiveSmallIntegerField(
        _("plan starts in"), null=True, blank=True, validators=year_validators
    )
    plan_end_year = models.PositiveSmallIntegerField(
        _("plan ends in"), null=True, blank=True, validators=year_validators
    )
    toc_if = models.TextField(
        _("if …"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )
    toc_then = models.TextField(
        _("then …"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )
    toc_because = models.TextField(
        _("because …"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Revisions of the rows under the roadmap, one per kind (REVISION_FIELDS):
    # the services add one in the transaction of every change, and the editor
    # caches its parts under them (roadmaps/fragments.py). Never in a form, never
    # in the history: a restore must not take them back.
    structure_revision = models.PositiveBigIntegerField(default=0, editable=False)
    indicators_revision = models.PositiveBigIntegerField(default=0, editable=False)
    activities_revision = models.PositiveBigIntegerField(default=0, editable=False)
    coordination_revision = models.PositiveBigIntegerField(default=0, editable=False)
    territories_revision = models.PositiveBigIntegerField(default=0, editable=False)
    milestones_revision = models.PositiveBigIntegerField(default=0, editable=False)
    comments_revision = models.PositiveBigIntegerField(default=0, editable=False)

    objects = RoadmapQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=REVISION_FIELD_NAMES)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self):
        return str(_("Roadmap of %(delegation)s") % {"delegation": self.delegation})

    def get_absolute_url(self):
        return reverse("roadmaps:roadmap_editor", kwargs={"pk": self.pk})

    def clean(self):
        if (
            self.plan_start_year
            and self.plan_end_year
            and self.plan_end_year < self.plan_start_year
        ):
            raise ValidationError(
                {"plan_end_year": _("The plan cannot end before it starts.")}
            )

    @property
    def is_final(self):
        return self.status == RoadmapStatus.FINAL

    # The NAP status is read off the milestones (roadmaps.nap_path), never
    # stored. Lists read it for many roadmaps in one query
    # (roadmaps.selectors.roadmaps_nap_status_read).
    @property
    def nap_status(self) -> str:
        if "_nap_status" not in self.__dict__:
            # Milestone is defined after Roadmap (roadmaps.models.plan).
            Milestone = self._meta.apps.get_model("roadmaps", "Milestone")
            self._nap_status = nap_status_of(
                Milestone.objects.filter(roadmap=self, deleted_at__isnull=True).only(
                    "kind", "status"
                )
            )
        return self._nap_status

    def nap_status_read_from(self, milestones) -> None:
        """Take the NAP status from these milestones (all the living ones of
        this roadmap, already loaded) instead of querying them."""
        self._nap_status = nap_status_of(milestones)

    def get_nap_status_display(self) -> str:
        return NapStatus(self.nap_status).label


class Item(models.Model):
    """A versioned, orderable, softly deletable part of a roadmap."""

    # Every part points at its roadmap, so one query per kind loads a whole tree
    # and the history of a roadmap can be filtered without joins.
    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="+", editable=False
    )
    position = models.PositiveIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The section of the editor the item is edited in, and the parent's field.
    section = ""
    parent_field = None

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def key(self):
        return f"{self._meta.model_name}-{self.pk}"

    @property
    def anchor(self):
        return f"item-{self.key}"

    @property
    def parent_id(self):
        return getattr(self, f"{self.parent_field}_id") if self.parent_field else None
