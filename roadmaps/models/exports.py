"""PDF reports requested by someone and rendered by a worker."""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import (
    ROADMAP_KINDS,
    ExportBundle,
    ExportKind,
    ExportStatus,
)
from roadmaps.models.base import Roadmap


def exports_storage():
    """Where rendered PDFs go: ``STORAGES["exports"]`` (a private folder or bucket)."""
    return storages["exports"]


class Export(models.Model):
    """A PDF report requested by someone and rendered by a worker.

    The file is never served from a public URL: downloads go through a view that
    checks permission (see ``roadmaps.views.exports``).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
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
    # "es", "en", or "es,en" (both versions, one after the other).
    language = models.CharField(_("language"), max_length=5)
    bundle = models.CharField(
        _("delivered as"),
        max_length=3,
        choices=ExportBundle.choices,
        default=ExportBundle.PDF,
    )
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
    # What the roadmap was when the export was asked for: its version, status
    # and revision counters (roadmaps.exports.roadmap_content_key). An export
    # of the same content and language is offered again instead of rendered.
    content_key = models.CharField(max_length=200, blank=True, editable=False)
    # When its file was last downloaded: what was used recently is kept
    # (roadmaps.exports.exports_cleanup).
    downloaded_at = models.DateTimeField(
        _("last downloaded"), null=True, blank=True, editable=False
    )
    # Requests answered with this export's file instead of a new rendering.
    reuse_count = models.PositiveIntegerField(_("reused"), default=0)
    last_reused_at = models.DateTimeField(_("last reused"), null=True, blank=True)
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
                    Q(kind__in=ROADMAP_KINDS, roadmap__isnull=False)
                    | (~Q(kind__in=ROADMAP_KINDS) & Q(roadmap__isnull=True))
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
    def poll_after_ms(self) -> int:
        """When the progress fragment asks again: often at first (a reused or
        quick export is ready within a second), then every two seconds."""
        waited = (timezone.now() - self.requested_at).total_seconds()
        return 250 if waited < 5 else 1000 if waited < 30 else 2000

    @property
    def languages(self) -> list[str]:
        return [code for code in self.language.split(",") if code]

    @property
    def content_type(self) -> str:
        return (
            "application/zip" if self.bundle == ExportBundle.ZIP else "application/pdf"
        )

    @property
    def is_finished(self):
        return self.shown_status in {ExportStatus.READY, ExportStatus.FAILED}
