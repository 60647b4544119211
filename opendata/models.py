"""What a delegation lets leave the app, and what a convening's exports
include."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, Delegation
from roadmaps.models.base import validate_currency


class DataSharing(models.Model):
    """A delegation's choices about its results framework (none until it
    makes them: nothing is shared by default)."""

    delegation = models.OneToOneField(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="data_sharing",
    )
    share_results = models.BooleanField(
        _("our results framework may leave the app"),
        default=False,
        help_text=_(
            "In the convening's exports (JSON, XLSX, IATI) and its data for "
            "funders and researchers. Your own exports of your roadmap are "
            "always yours."
        ),
    )
    share_with_cohort = models.BooleanField(
        _("the other delegations may compare our roadmap with theirs"),
        default=False,
        help_text=_(
            "Our outcomes, indicators, budget per pillar and completeness on the "
            "cohort's comparison page, which delegations that share see too."
        ),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("data sharing")
        verbose_name_plural = _("data sharing")

    def __str__(self):
        return str(self.delegation)


class ExportSettings(models.Model):
    """A convening's organizers' choices about its exports."""

    convening = models.OneToOneField(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="export_settings",
    )
    include_internal_notes = models.BooleanField(
        _("exports include internal notes"),
        default=False,
        help_text=_(
            "The notes kept on the NAP path's stages. Off unless you turn it on."
        ),
    )
    common_currency = models.CharField(
        _("common currency"),
        max_length=3,
        default="USD",
        validators=[validate_currency],
        help_text=_("Budgets are compared in this currency."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("export settings")
        verbose_name_plural = _("export settings")

    def __str__(self):
        return str(self.convening)


class ExchangeRate(models.Model):
    """How much one unit of ``currency`` is worth in the convening's common
    currency, as of a date the comparison states."""

    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="exchange_rates",
    )
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency]
    )
    rate = models.DecimalField(
        _("rate"),
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text=_("Units of the common currency for one unit of this one."),
    )
    as_of = models.DateField(_("as of"))

    class Meta:
        ordering = ["convening", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "currency"], name="one_rate_per_currency"
            )
        ]

    def __str__(self):
        return f"{self.currency} {self.rate_text} ({self.as_of})"

    @property
    def rate_text(self) -> str:
        """The rate without trailing zeros: 0.1449, not 0.14490000."""
        return format(self.rate.normalize(), "f")


class ApiToken(models.Model):
    """A person's key to the read API (opendata.api), scoped as they are."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("begins with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
