"""Surveys an organizer builds for a convening: their questions and the
options of a choice question."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import Module
from academy.models import Convening, Session
from evaluation.enums import CHOICE_KINDS, QuestionKind, SurveyKind, SurveyState


class SurveyQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class Survey(models.Model):
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the survey is for and how long it takes."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Answers are kept without the person's name; a pseudonymous key still "
            "pairs each person's answers before and after."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["convening", "opens_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluation:survey_detail", kwargs={"pk": self.pk})

    def state_at(self, moment) -> str:
        if moment < self.opens_at:
            return SurveyState.DRAFT
        if moment >= self.closes_at:
            return SurveyState.CLOSED
        return SurveyState.OPEN

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN

    def get_state_display(self):
        return SurveyState(self.state).label


class Question(models.Model):
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_("The session this question is about (session feedback)."),
    )
    module = models.CharField(
        _("Academy module"),
        max_length=40,
        choices=Module.choices,
        blank=True,
        help_text=_("Knowledge gain is compared per module."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def topic(self) -> str:
        """The module the question is about: its own, or its session's."""
        if self.module:
            return self.module
        return self.session.module if self.session_id else ""

    @property
    def topic_label(self) -> str:
        return Module(self.topic).label if self.topic else ""

    def correct_ids(self) -> frozenset:
        """The options that are right (a knowledge question has some); reads
        the prefetched options."""
        return frozenset(c.pk for c in self.choices.all() if c.is_correct)


class Choice(models.Model):
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("option"), max_length=300)
    is_correct = models.BooleanField(_("correct answer"), default=False)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text
