"""Certificates of participation: the rule of a convening, the certificates
issued (records: a code, a date, the PDF and its SHA-256, revoked with a
reason, never deleted), the batches that issue them and every verification
of a code."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, Participant, Session
from common.enums import Language
from evaluation.enums import BatchStatus


def certificates_storage():
    """Where certificates go: ``STORAGES["certificates"]`` (private)."""
    return storages["certificates"]


class CertificateRule(models.Model):
    convening = models.OneToOneField(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="certificate_rule",
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        help_text=_(
            "Of the convening's sessions held so far; present and late count as "
            "attended."
        ),
    )
    required_sessions = models.ManyToManyField(
        Session,
        verbose_name=_("sessions everyone must attend"),
        blank=True,
        related_name="+",
    )
    require_post_assessment = models.BooleanField(
        _("the post-assessment must be answered"), default=False
    )
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("signatory's position"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate rule")
        verbose_name_plural = _("certificate rules")

    def __str__(self):
        return str(self.convening)


class Certificate(models.Model):
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    # As printed: the record stays true if the account changes or goes.
    holder_name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(
        _("file"), storage=certificates_storage, max_length=200, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["convening", "holder_name", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # A batch run twice issues nothing new; a revoked one may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_participant",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.holder_name} – {self.code}"

    def get_absolute_url(self):
        return reverse("evaluation:certificate_verify", kwargs={"code": self.code})

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class CertificateBatch(models.Model):
    """One click on "Issue certificates": its progress and the ZIP of every
    valid certificate of the convening once done."""

    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BatchStatus.choices,
        default=BatchStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("to issue"), default=0)
    done = models.PositiveIntegerField(_("issued"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seconds = models.FloatField(_("time taken"), null=True, blank=True)
    zip_file = models.FileField(
        _("ZIP file"), storage=certificates_storage, max_length=200, blank=True
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["convening", "-requested_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self):
        return f"{self.convening} – {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_running(self) -> bool:
        return self.status in (BatchStatus.QUEUED, BatchStatus.RUNNING)


class Verification(models.Model):
    """Someone asked the public verification page about a code."""

    code = models.CharField(max_length=64)
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verifications",
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    limited = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self):
        return f"{self.code} – {self.at:%Y-%m-%d %H:%M}"
