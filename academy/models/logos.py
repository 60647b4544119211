"""The logos of a convening's organizers, shown on the cover of its reports."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def logos_storage():
    """Where logos go: ``STORAGES["logos"]`` (a private folder or bucket).

    Never a public URL: the organizers' page shows them through a view, and
    the PDF renderer is handed their bytes (common.pdf), never a URL."""
    return storages["logos"]


def logo_file_name(*, convening_id: int, extension: str) -> str:
    """A name of our own: the uploaded one may say anything."""
    return f"{convening_id}/{uuid.uuid4().hex}.{extension}"


class ConveningLogo(models.Model):
    convening = models.ForeignKey(
        "academy.Convening",
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="logos",
    )
    # The text alternative a screen reader speaks (bilingual: academy/translation.py).
    name = models.CharField(_("organization"), max_length=200)
    file = models.FileField(_("file"), storage=logos_storage, max_length=200)
    content_type = models.CharField(max_length=40, editable=False)
    size_bytes = models.PositiveIntegerField(editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("academy:convening_logo", kwargs={"pk": self.pk})

    def read(self) -> bytes:
        """The file's bytes, from the logos storage as configured now."""
        with logos_storage().open(self.file.name, "rb") as handle:
            return handle.read()
