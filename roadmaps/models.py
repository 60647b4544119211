"""A delegation's NAP roadmap: a results framework drafted by its members.

Every editable row carries ``version``; services save it with a conditional
``UPDATE … WHERE version = …`` so a save made from a stale version is refused
instead of overwriting someone else's work. Items are deleted softly
(``deleted_at``) so that a delete can be undone from the history with the
item's children intact. Dotted codes (1, 1.2, 1.2.3) are never stored: they are
derived from the order of the living siblings (see ``roadmaps.selectors``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from academy.enums import NapStatus
from roadmaps.enums import (
    ExportKind,
    ExportStatus,
    Frequency,
    FundingStatus,
    MilestoneKind,
    MilestoneStatus,
    RoadmapStatus,
    Section,
    StandardPillar,
    TerritoryLevel,
)

validate_quarter = RegexValidator(
    r"^(19|20|21)\d{2}-Q[1-4]$",
    _("Write a quarter as year and quarter, for example 2025-Q3."),
)
validate_currency = RegexValidator(
    r"^[A-Z]{3}$", _("Use a three-letter ISO currency code, for example USD.")
)
year_validators = [MinValueValidator(1990)]


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
    context_analysis = models.TextField(_("context analysis"), blank=True)
    nap_status = models.CharField(
        _("NAP status"),
        max_length=20,
        choices=NapStatus.choices,
        default=NapStatus.NONE,
    )
    plan_start_year = models.PositiveSmallIntegerField(
        _("plan starts in"), null=True, blank=True, validators=year_validators
    )
    plan_end_year = models.PositiveSmallIntegerField(
        _("plan ends in"), null=True, blank=True, validators=year_validators
    )
    toc_if = models.TextField(_("if …"), blank=True)
    toc_then = models.TextField(_("then …"), blank=True)
    toc_because = models.TextField(_("because …"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()
    history = HistoricalRecords()

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
    description = models.TextField(_("description"), blank=True)

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
    statement = models.TextField(_("statement"))
    assumptions = models.TextField(_("assumptions"), blank=True)

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
    statement = models.TextField(_("statement"))
    assumptions = models.TextField(_("assumptions"), blank=True)

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
    statement = models.TextField(_("statement"))
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
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    responsible_institution = models.CharField(
        _("responsible institution"), max_length=200, blank=True
    )
    disaggregation = models.CharField(
        _("disaggregation"),
        max_length=200,
        blank=True,
        help_text=_("For example: sex, age, ethnicity, territory, disability."),
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

    def clean(self):
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
    statement = models.TextField(_("activity"))
    lead_institution = models.CharField(
        _("lead institution"), max_length=200, blank=True
    )
    partners = models.TextField(_("partners"), blank=True)
    civil_society_role = models.TextField(_("role of civil society"), blank=True)
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
    members = models.TextField(_("member institutions"), blank=True)
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
    local_actors = models.TextField(_("local actors"), blank=True)
    local_actions = models.TextField(_("local actions"), blank=True)

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
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    section = Section.MILESTONES

    class Meta(Item.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.get_kind_display()


class Comment(models.Model):
    """A remark on one section; replies point at the first comment of a thread."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=30, choices=Section.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="replies",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]


# The editable kinds, by the name used in URLs and templates.
ITEM_MODELS = {
    "roadmap": Roadmap,
    "pillar": Pillar,
    "outcome": Outcome,
    "output": Output,
    "indicator": Indicator,
    "activity": Activity,
    "coordination": Coordination,
    "territory": Territory,
    "milestone": Milestone,
}


def exports_storage():
    """Where rendered PDFs go: ``STORAGES["exports"]`` (a private folder or bucket)."""
    return storages["exports"]


class Export(models.Model):
    """A PDF report requested by someone and rendered by a worker.

    The file is never served from a public URL: downloads go through a view that
    checks permission (see ``roadmaps.views.exports``).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ExportKind.choices)
    convening = models.ForeignKey(
        "academy.Convening",
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("roadmap"),
        on_delete=models.CASCADE,
        related_name="exports",
        null=True,
        blank=True,
    )
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    roadmap_version = models.PositiveIntegerField(
        _("roadmap version"), null=True, blank=True
    )
    file = models.FileField(
        _("file"), storage=exports_storage, max_length=255, blank=True
    )
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    render_seconds = models.FloatField(_("rendering time"), null=True, blank=True)
    total_seconds = models.FloatField(_("total time"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=ExportKind.ROADMAP, roadmap__isnull=False)
                    | Q(kind=ExportKind.COHORT, roadmap__isnull=True)
                ),
                name="export_roadmap_matches_kind",
            )
        ]

    def __str__(self):
        return self.filename or f"{self.kind}-{self.pk}"

    def get_absolute_url(self):
        return reverse("roadmaps:export_detail", kwargs={"pk": self.pk})

    def file_open(self):
        """The stored PDF, read from the exports storage as configured now
        (a FileField resolves a callable storage once, at import)."""
        return exports_storage().open(self.file.name, "rb")

    @property
    def is_stalled(self):
        """Rendering for longer than a worker may run: the worker stopped."""
        limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
        return (
            self.status == ExportStatus.RENDERING
            and self.started_at is not None
            and timezone.now() - self.started_at > limit
        )

    @property
    def shown_status(self):
        """The status to show: a stalled rendering is a failure to the reader."""
        return ExportStatus.FAILED if self.is_stalled else ExportStatus(self.status)

    @property
    def is_waiting_too_long(self):
        """Still queued because the broker was down, or for longer than usual."""
        return self.status == ExportStatus.QUEUED and (
            bool(self.error)
            or timezone.now() - self.requested_at > settings.EXPORT_STALE_AFTER
        )

    @property
    def is_finished(self):
        return self.shown_status in {ExportStatus.READY, ExportStatus.FAILED}
