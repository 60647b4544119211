"""The result tree: pillars, outcomes, outputs, indicators and activities."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmaps.enums import (
    Dimension,
    Frequency,
    FundingStatus,
    Measure,
    Section,
    StandardPillar,
)
from roadmaps.models.base import (
    LONG_TEXT,
    Item,
    Roadmap,
    long_text_check,
    validate_currency,
    validate_quarter,
    year_validators,
)


class Pillar(Item):
    standard = models.CharField(
        _("standard pillar"),
        max_length=20,
        choices=StandardPillar.choices,
        blank=True,
        editable=False,
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty on a standard pillar to keep its usual name."),
    )
    description = models.TextField(
        _("description"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )

    history = HistoricalRecords()
    section = Section.RESULTS

    class Meta(Item.Meta):
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.standard and not self.name.strip():
            raise ValidationError({"name": _("Give the national pillar a name.")})

    @property
    def title(self):
        if self.name:
            return self.name
        return str(StandardPillar(self.standard).label) if self.standard else ""


class Outcome(Item):
    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, related_name="outcomes", editable=False
    )
    statement = models.TextField(
        _("statement"), max_length=LONG_TEXT, validators=[long_text_check]
    )
    assumptions = models.TextField(
        _("assumptions"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )

    history = HistoricalRecords()
    section = Section.RESULTS
    parent_field = "pillar"

    class Meta(Item.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.statement


class Output(Item):
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="outputs", editable=False
    )
    statement = models.TextField(
        _("statement"), max_length=LONG_TEXT, validators=[long_text_check]
    )
    assumptions = models.TextField(
        _("assumptions"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )

    history = HistoricalRecords()
    section = Section.RESULTS
    parent_field = "outcome"

    class Meta(Item.Meta):
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self):
        return self.statement


class Indicator(Item):
    """Measures an outcome or an output (exactly one of them)."""

    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
        editable=False,
    )
    output = models.ForeignKey(
        Output,
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
        editable=False,
    )
    statement = models.TextField(
        _("statement"), max_length=LONG_TEXT, validators=[long_text_check]
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=year_validators
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=year_validators
    )
    means_of_verification = models.TextField(
        _("means of verification"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    responsible_institution = models.CharField(
        _("responsible institution"), max_length=200, blank=True
    )
    measure = models.CharField(
        _("measure"), max_length=20, choices=Measure.choices, default=Measure.NUMBER
    )
    ascending = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_(
            "Untick for an indicator that should go down, e.g. cases of violence."
        ),
    )
    cumulative = models.BooleanField(
        _("cumulative"),
        default=False,
        help_text=_(
            "Each period's actual is the sum of its approved updates (e.g. people "
            "trained); otherwise the latest approved value."
        ),
    )
    dimensions = models.JSONField(
        _("disaggregated by"),
        default=list,
        blank=True,
        help_text=_("The values are reported for each category of these."),
    )
    reference = models.ForeignKey(
        "roadmaps.ReferenceIndicator",
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
        verbose_name=_("reference indicator"),
        help_text=_(
            "The SDG, global WPS or convening indicator this one measures: the "
            "same reference lines countries up in the comparison and the exports."
        ),
    )
    disaggregation = models.CharField(
        _("other disaggregation"),
        max_length=200,
        blank=True,
        help_text=_("For example: ethnicity, disability."),
    )

    history = HistoricalRecords()
    section = Section.INDICATORS

    class Meta(Item.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome__isnull=False) & Q(output__isnull=True))
                | (Q(outcome__isnull=True) & Q(output__isnull=False)),
                name="indicator_measures_one_result",
            )
        ]

    def __str__(self):
        return self.statement

    @property
    def dimension_labels(self) -> list[str]:
        return [Dimension(code).label for code in self.dimensions]

    def clean(self):
        self._reference_check()
        if set(self.dimensions or []) - set(Dimension.values):
            raise ValidationError({"dimensions": _("Choose among the listed ones.")})
        if (
            self.measure == Measure.QUALITATIVE and self.baseline_value is not None
        ) or (self.measure == Measure.QUALITATIVE and self.target_value is not None):
            raise ValidationError(
                {
                    "measure": _(
                        "A qualitative indicator has no baseline or target value: "
                        "describe them in the statement or the means of verification."
                    )
                }
            )
        if (
            self.baseline_year
            and self.target_year
            and self.target_year < self.baseline_year
        ):
            raise ValidationError(
                {
                    "target_year": _(
                        "The target year (%(target)s) is before the baseline year "
                        "(%(baseline)s)."
                    )
                    % {"target": self.target_year, "baseline": self.baseline_year}
                }
            )

    def _reference_check(self):
        """An organizer's own entry serves only its own convening's roadmaps."""
        reference = self.reference
        if reference is None or reference.convening_id is None:
            return
        convening_id = (
            Roadmap.objects.filter(pk=self.roadmap_id)
            .values_list("delegation__convening_id", flat=True)
            .first()
        )
        if reference.convening_id != convening_id:
            raise ValidationError(
                {"reference": _("Choose a reference indicator of this convening.")}
            )

    @property
    def parent_field(self):
        return "outcome" if self.outcome_id else "output"

    @property
    def is_complete(self):
        return (
            self.baseline_value is not None
            and self.baseline_year is not None
            and self.target_value is not None
            and self.target_year is not None
            and bool(self.means_of_verification.strip())
        )


class Activity(Item):
    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="activities", editable=False
    )
    statement = models.TextField(
        _("activity"), max_length=LONG_TEXT, validators=[long_text_check]
    )
    lead_institution = models.CharField(
        _("lead institution"), max_length=200, blank=True
    )
    partners = models.TextField(
        _("partners"), blank=True, max_length=LONG_TEXT, validators=[long_text_check]
    )
    civil_society_role = models.TextField(
        _("role of civil society"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[long_text_check],
    )
    start_quarter = models.CharField(
        _("start quarter"),
        max_length=7,
        blank=True,
        validators=[validate_quarter],
        help_text=_("For example 2025-Q3."),
    )
    end_quarter = models.CharField(
        _("end quarter"),
        max_length=7,
        blank=True,
        validators=[validate_quarter],
        help_text=_("For example 2026-Q2."),
    )
    cost = models.DecimalField(
        _("cost estimate"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("A cost cannot be negative."))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", validators=[validate_currency]
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    funding_status = models.CharField(
        _("funding status"),
        max_length=10,
        choices=FundingStatus.choices,
        default=FundingStatus.GAP,
    )

    history = HistoricalRecords()
    section = Section.ACTIVITIES
    parent_field = "output"

    class Meta(Item.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.statement

    def clean(self):
        # Quarters written as YYYY-Qn compare correctly as strings.
        if (
            self.start_quarter
            and self.end_quarter
            and validate_quarter.regex.match(self.start_quarter)
            and validate_quarter.regex.match(self.end_quarter)
            and self.end_quarter < self.start_quarter
        ):
            raise ValidationError(
                {
                    "end_quarter": _(
                        "The end quarter (%(end)s) is before the start quarter "
                        "(%(start)s)."
                    )
                    % {"end": self.end_quarter, "start": self.start_quarter}
                }
            )

    @property
    def is_complete(self):
        return bool(
            self.lead_institution.strip()
            and self.start_quarter
            and self.end_quarter
            and self.cost is not None
        )
