"""Tracking the roadmap's indicators against their targets: the reporting
periods of each indicator, the updates a delegation submits for a period (with
a value per disaggregation category) and the categories themselves."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accompaniment.enums import StandardCategory, UpdateStatus
from accompaniment.models.followup import LONG_TEXT
from roadmaps.enums import Dimension

VALUE = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class DisaggregationCategory(models.Model):
    """A category an indicator's values are broken down by: one of the standard
    ones (women, men…; under 18, 18–29…) or one of the roadmap's own (a
    territory, an institution). Rows, so that values add up per category and
    line up across periods."""

    roadmap = models.ForeignKey(
        "roadmaps.Roadmap", on_delete=models.CASCADE, related_name="+"
    )
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=Dimension.choices
    )
    code = models.CharField(
        max_length=20, choices=StandardCategory.choices, blank=True, editable=False
    )
    name = models.CharField(_("category"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["dimension", "position", "pk"]
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "dimension", "code", "name"],
                name="category_once_per_roadmap",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return str(StandardCategory(self.code).label) if self.code else self.name


class ReportingPeriod(models.Model):
    """A period an indicator reports on, generated from its frequency and the
    plan's years (accompaniment.periods), with its target. Organizers lock it
    once reported: no update is added or changed after."""

    indicator = models.ForeignKey(
        "roadmaps.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target_value = models.DecimalField(_("target"), **VALUE)
    locked_at = models.DateTimeField(_("locked on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "starts_on", "ends_on"], name="period_once"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return "{} – {}".format(
            date_format(self.starts_on, "SHORT_DATE_FORMAT"),
            date_format(self.ends_on, "SHORT_DATE_FORMAT"),
        )

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def delegation(self):
        return self.indicator.roadmap.delegation


class IndicatorUpdate(models.Model):
    """What a delegation reports for a period: a value (none for a qualitative
    indicator; numerator and denominator for a percentage), a value per
    category, a narrative, the date it is true on and its evidence."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=UpdateStatus.choices,
        default=UpdateStatus.DRAFT,
    )
    value = models.DecimalField(_("value"), **VALUE)
    numerator = models.DecimalField(_("numerator"), **VALUE)
    denominator = models.DecimalField(_("denominator"), **VALUE)
    narrative = models.TextField(_("narrative"), blank=True, max_length=LONG_TEXT)
    as_of = models.DateField(_("as of"))
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_comment = models.TextField(
        _("comment"), blank=True, max_length=LONG_TEXT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["as_of", "pk"]
        verbose_name = _("indicator update")
        verbose_name_plural = _("indicator updates")

    def __str__(self):
        return str(_("Update of %(period)s") % {"period": self.period})

    def get_absolute_url(self):
        return reverse("accompaniment:update_detail", kwargs={"pk": self.pk})

    @property
    def delegation(self):
        return self.period.indicator.roadmap.delegation

    @property
    def is_editable(self) -> bool:
        """The member may still change it (before review, or returned)."""
        return self.status in {UpdateStatus.DRAFT, UpdateStatus.RETURNED}


class UpdateValue(models.Model):
    """An update's value for one category (women, 18–29, a province…)."""

    update = models.ForeignKey(
        IndicatorUpdate, on_delete=models.CASCADE, related_name="values"
    )
    category = models.ForeignKey(
        DisaggregationCategory, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["category__dimension", "category__position", "category_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "category"], name="one_value_per_category"
            )
        ]

    def __str__(self):
        return f"{self.category}: {self.value}"
