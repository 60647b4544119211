"""Reference indicators: the SDG and global WPS indicators a roadmap's
indicator can say it measures, shipped with the app (roadmaps/reference_data/),
and the entries organizers add for their own convening. The same reference on
two countries' indicators lines them up in the comparison and the exports."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import IATI_VOCABULARY, ReferenceFramework


class ReferenceIndicatorQuerySet(models.QuerySet):
    def for_convening(self, convening_id):
        """The entries shipped with the app and the convening's own."""
        return self.filter(Q(convening=None) | Q(convening_id=convening_id))


class ReferenceIndicator(models.Model):
    convening = models.ForeignKey(
        "academy.Convening",
        on_delete=models.CASCADE,
        related_name="reference_indicators",
        null=True,
        blank=True,
        editable=False,
        help_text="Empty for the entries shipped with the app.",
    )
    framework = models.CharField(
        _("framework"),
        max_length=20,
        choices=ReferenceFramework.choices,
        default=ReferenceFramework.CONVENING,
        editable=False,
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("As the source writes it, e.g. 5.5.1 or NAP-3."),
    )
    title = models.CharField(_("title"), max_length=500)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the indicator is defined, e.g. a plan or a report."),
    )
    position = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("reference indicator")
        verbose_name_plural = _("reference indicators")
        ordering = ["framework", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                condition=Q(convening=None),
                name="reference_shipped_code_unique",
            ),
            models.UniqueConstraint(
                fields=["convening", "code"],
                condition=Q(convening__isnull=False),
                name="reference_convening_code_unique",
                violation_error_message=_(
                    "This convening already has a reference indicator with this code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(convening=None, framework__in=["sdg", "wps_global"])
                | Q(convening__isnull=False, framework="convening"),
                name="reference_own_entries_belong_to_a_convening",
            ),
        ]

    def __str__(self):
        return f"{self.label} — {self.title}"

    @property
    def label(self) -> str:
        """The code with its framework, e.g. "SDG 5.5.1"."""
        prefix = {"sdg": "SDG", "wps_global": "WPS"}.get(self.framework, "")
        return f"{prefix} {self.code}".strip()

    @property
    def sort_key(self) -> tuple:
        """Meta.ordering's, for entries already loaded."""
        return (self.framework, self.position, self.code)

    @property
    def iati_vocabulary(self) -> str:
        return IATI_VOCABULARY[self.framework]

    @property
    def shipped(self) -> bool:
        return self.convening_id is None

    def clean(self):
        self.code = (self.code or "").strip()
        if self.code and not self.code.isprintable():
            raise ValidationError({"code": _("Write the code on one line.")})
