"""Surveys and their questions, open now unless told otherwise."""

import datetime

from django.utils import timezone

from evaluation.enums import QuestionKind, SurveyKind
from evaluation.models import Choice, Question, Survey


def survey(convening, kind=SurveyKind.PRE_ASSESSMENT, *, anonymous=False, **fields):
    now = timezone.now()
    fields.setdefault("title_en", f"{SurveyKind(kind).label} survey")
    fields.setdefault("opens_at", now - datetime.timedelta(days=1))
    fields.setdefault("closes_at", now + datetime.timedelta(days=7))
    return Survey.objects.create(
        convening=convening, kind=kind, anonymous=anonymous, **fields
    )


def question(survey, kind=QuestionKind.LIKERT, text="How useful was it?", **fields):
    position = survey.questions.count() + 1
    return Question.objects.create(
        survey=survey, kind=kind, text_en=text, position=position, **fields
    )


def knowledge_question(survey, module, options=("Right", "Wrong"), correct=(0,), **f):
    """A one-choice question whose options at ``correct`` are right."""
    created = question(
        survey,
        QuestionKind.SINGLE,
        text=f"What is true of {module}?",
        module=module,
        **f,
    )
    for position, text in enumerate(options):
        Choice.objects.create(
            question=created,
            text_en=text,
            position=position + 1,
            is_correct=position in correct,
        )
    return created


def choice_of(question, text):
    return question.choices.get(text_en=text)
