"""What a delegation lets leave the app, and what a convening's exports
include."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, Delegation


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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("export settings")
        verbose_name_plural = _("export settings")

    def __str__(self):
        return str(self.convening)
