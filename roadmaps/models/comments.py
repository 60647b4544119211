"""Comments on a roadmap's sections and on their items."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import (
    Section,
)
from roadmaps.models.base import LONG_TEXT, Roadmap, long_text_check


class Comment(models.Model):
    """A remark on one section, or on one item of it; replies point at the first
    comment of a thread."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=30, choices=Section.choices)
    # The item of that section a thread is about ("indicator-12"), if any.
    item_key = models.CharField(_("about the item"), max_length=40, blank=True)
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
    body = models.TextField(
        _("comment"), max_length=LONG_TEXT, validators=[long_text_check]
    )
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
