"""What people answered.

A named survey's response points at the person (``participant``); an
anonymous one does not: it holds only ``respondent_key``, a keyed hash of the
convening and the person (evaluation.respondents) that the app recomputes to
find a person's own response and to pair a pre- with a post-assessment, and
that nobody can turn back into a name without the server's secret key.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.models import Delegation, Participant
from evaluation.models.surveys import Choice, Question, Survey


class Response(models.Model):
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent_key = models.CharField(max_length=64, editable=False)
    # Empty on an anonymous survey's responses, always.
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    # Kept on anonymous responses too: knowledge gain is read per delegation.
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["survey", "started_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="one_response_per_person"
            )
        ]

    def __str__(self):
        return f"{self.survey} – {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        # A question with answers is never deleted (evaluation.services).
        on_delete=models.PROTECT,
        related_name="answers",
    )
    scale = models.PositiveSmallIntegerField(_("scale"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    choices = models.ManyToManyField(
        Choice, verbose_name=_("options"), blank=True, related_name="answers"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["response", "question"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5),
                name="answer_scale_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.response_id} – {self.question_id}"


class SurveyReminder(models.Model):
    """A reminder e-mailed to someone who had not answered a named survey."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="reminders"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["survey", "-sent_at"]
        verbose_name = _("survey reminder")
        verbose_name_plural = _("survey reminders")

    def __str__(self):
        return f"{self.survey} – {self.participant}"
