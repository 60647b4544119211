from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyKind(models.TextChoices):
    PRE_ASSESSMENT = "pre", _("Pre-assessment")
    POST_ASSESSMENT = "post", _("Post-assessment")
    SESSION_FEEDBACK = "feedback", _("Session feedback")
    OVERALL = "overall", _("Overall evaluation")
    FOLLOW_UP = "follow_up", pgettext_lazy("survey kind", "Follow-up")


# The kinds whose knowledge questions are compared, before and after.
ASSESSMENTS = (SurveyKind.PRE_ASSESSMENT, SurveyKind.POST_ASSESSMENT)


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale from 1 to 5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Likert(models.IntegerChoices):
    """The five labelled points of every scale question."""

    STRONGLY_DISAGREE = 1, _("1 – Strongly disagree")
    DISAGREE = 2, _("2 – Disagree")
    NEUTRAL = 3, _("3 – Neither agree nor disagree")
    AGREE = 4, _("4 – Agree")
    STRONGLY_AGREE = 5, _("5 – Strongly agree")


class SurveyState(models.TextChoices):
    """Where a survey stands, read off its dates (never stored)."""

    DRAFT = "draft", _("Not open yet")
    OPEN = "open", pgettext_lazy("survey state", "Open")
    CLOSED = "closed", pgettext_lazy("survey state", "Closed")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Issuing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
