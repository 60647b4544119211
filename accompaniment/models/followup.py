"""The follow-up log of a delegation after the convening."""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from academy.enums import Module
from accompaniment.enums import (
    PENDING,
    ActionStatus,
    EngagementKind,
    EngagementStatus,
    Modality,
    OwnerSide,
    Visibility,
)

LONG_TEXT = 20_000


class FollowUpEntry(models.Model):
    """What engagements and action items share: who sees them, a version each
    save raises (a save based on an older one is refused), who made them, and
    their history."""

    visibility = models.CharField(
        _("who sees it"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.DELEGATION,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_shared(self):
        return self.visibility == Visibility.DELEGATION


class Engagement(FollowUpEntry):
    """A contact with a delegation: a call, a mission, a workshop, a note…"""

    delegation = models.ForeignKey(
        "academy.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    kind = models.CharField(_("type"), max_length=20, choices=EngagementKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EngagementStatus.choices,
        default=EngagementStatus.HELD,
    )
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    modality = models.CharField(
        _("modality"), max_length=12, choices=Modality.choices, default=Modality.VIRTUAL
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Academy modules (academy.enums.Module) the engagement worked on.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators present"),
        related_name="engagements_facilitated",
        blank=True,
    )
    participants = models.ManyToManyField(
        "academy.Participant",
        verbose_name=_("participants present"),
        related_name="engagements",
        blank=True,
    )
    summary = models.TextField(
        _("summary"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    agreements = models.TextField(
        _("agreements"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    # Keys of the roadmap items it concerns ("outcome-12"; roadmaps' Item.key).
    roadmap_items = models.JSONField(
        _("roadmap items concerned"), default=list, blank=True
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="engagement_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.starts_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("accompaniment:engagement_update", kwargs={"pk": self.pk})

    @property
    def topic_labels(self):
        labels = dict(Module.choices)
        return [labels[topic] for topic in self.topics if topic in labels]


class ActionItem(FollowUpEntry):
    """Something agreed: who does it (organizers' side or the delegation's),
    by when, and where it stands."""

    delegation = models.ForeignKey(
        "academy.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("agreed in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=300)
    owner_side = models.CharField(
        _("whose action"),
        max_length=12,
        choices=OwnerSide.choices,
        default=OwnerSide.DELEGATION,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
    )

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("accompaniment:action_item_update", kwargs={"pk": self.pk})

    @property
    def owner_side_is_delegation(self):
        """Members may move their delegation's own actions along."""
        return self.owner_side == OwnerSide.DELEGATION

    @property
    def status_choices(self):
        return ActionStatus.choices

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def is_overdue_on(self, today: datetime.date) -> bool:
        return (
            self.status in PENDING and self.due_on is not None and self.due_on < today
        )


def attachments_storage():
    """Where engagements' files go: ``STORAGES["attachments"]`` (private)."""
    return storages["attachments"]


class Attachment(models.Model):
    """A file of an engagement (minutes, a draft decree, a presentation), the
    evidence of a stage of the NAP path (the published decree) or of an
    indicator update (the survey behind a figure): one of the three. Never at a
    public URL: downloads go through a view that checks permission."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
    )
    milestone = models.ForeignKey(
        "roadmaps.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.CASCADE,
        related_name="evidence_files",
        null=True,
        blank=True,
    )
    update = models.ForeignKey(
        "accompaniment.IndicatorUpdate",
        verbose_name=_("indicator update"),
        on_delete=models.CASCADE,
        related_name="evidence_files",
        null=True,
        blank=True,
    )
    file = models.FileField(_("file"), storage=attachments_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=100, editable=False)
    size_bytes = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                name="attachment_of_one_thing",
                condition=(
                    Q(engagement__isnull=False)
                    & Q(milestone__isnull=True)
                    & Q(update__isnull=True)
                )
                | (
                    Q(engagement__isnull=True)
                    & Q(milestone__isnull=False)
                    & Q(update__isnull=True)
                )
                | (
                    Q(engagement__isnull=True)
                    & Q(milestone__isnull=True)
                    & Q(update__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accompaniment:attachment_download", kwargs={"pk": self.pk})

    @property
    def delegation(self):
        if self.engagement_id:
            return self.engagement.delegation
        if self.update_id:
            return self.update.delegation
        return self.milestone.roadmap.delegation

    @property
    def is_shared(self):
        # The evidence of a stage or of an update is the delegation's own.
        return self.engagement.is_shared if self.engagement_id else True

    @property
    def is_evidence(self):
        """Evidence of a stage of the NAP path."""
        return self.milestone_id is not None

    @property
    def is_update_evidence(self):
        return self.update_id is not None

    def page_url(self) -> str:
        """Where the file is listed: its engagement, its update, or its stage of
        the path."""
        if self.engagement_id:
            return self.engagement.get_absolute_url() + "#attachments"
        if self.update_id:
            return self.update.get_absolute_url() + "#evidence"
        delegation = self.delegation
        return (
            reverse("accompaniment:nap_path", kwargs={"pk": delegation.pk})
            + f"#stage-{self.milestone.kind}"
        )


class SentReminder(models.Model):
    """A reminder e-mail that went out: the row is written in the same
    transaction as the sending, under a unique key per condition and person, so
    that a task run twice, or two schedulers at once, send it once."""

    key = models.CharField(max_length=120)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "recipient"], name="one_reminder_per_key_and_person"
            )
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient_id}"


class FollowUpSettings(models.Model):
    """A convening's own thresholds for the follow-up (organizers set them on
    the follow-up board); without a row, the project's defaults apply."""

    convening = models.OneToOneField(
        "academy.Convening",
        on_delete=models.CASCADE,
        related_name="followup_settings",
    )
    quiet_days = models.PositiveSmallIntegerField(
        _("days without contact before a delegation is flagged"),
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("days before a due date to remind the person in charge"),
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self):
        return str(self.convening)

    @classmethod
    def for_convening(cls, convening_id: int) -> "FollowUpSettings":
        """The convening's thresholds, or the defaults (unsaved) when it has none."""
        found = cls.objects.filter(convening_id=convening_id).first()
        return found or cls(
            convening_id=convening_id,
            quiet_days=settings.FOLLOWUP_QUIET_DAYS,
            due_soon_days=settings.REMINDER_DUE_SOON_DAYS,
        )
