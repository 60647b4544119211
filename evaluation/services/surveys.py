"""Building a survey: its details, its questions and their options, a copy of
an earlier convening's survey."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation.enums import CHOICE_KINDS, QuestionKind
from evaluation.models import Answer, Choice, Question, Survey

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SURVEY_FIELDS = ["kind", "opens_at", "closes_at", "anonymous"] + [
    f"{name}_{code}" for name in ("title", "introduction") for code in LANGUAGES
]
QUESTION_FIELDS = ["kind", "required", "session", "module"] + [
    f"{name}_{code}" for name in ("text", "help_text") for code in LANGUAGES
]


@transaction.atomic
def survey_save(*, convening, user, data: dict, survey: Survey | None = None) -> Survey:
    """Create a survey of ``convening`` or change ``survey`` from ``data`` (the
    form's cleaned data). Whether a survey is anonymous cannot change once
    someone has answered: the answers already kept say or hide who gave them.
    No other side effect."""
    if survey is None:
        survey = Survey(convening=convening, created_by=user)
    elif (
        data.get("anonymous", survey.anonymous) != survey.anonymous
        and survey.responses.exists()
    ):
        raise ValidationError(
            {
                "anonymous": _(
                    "People have answered already: the survey stays as it was "
                    "(anonymous or named)."
                )
            }
        )
    for name in SURVEY_FIELDS:
        if name in data:
            setattr(survey, name, data[name])
    if survey.closes_at <= survey.opens_at:
        raise ValidationError({"closes_at": _("A survey closes after it opens.")})
    survey.save()
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey) -> None:
    """Delete a survey nobody has answered; one with answers is kept."""
    count = survey.responses.count()
    if count:
        raise ValidationError(
            ngettext(
                "%(count)d person has answered: the survey is kept.",
                "%(count)d people have answered: the survey is kept.",
                count,
            )
            % {"count": count}
        )
    survey.delete()


@transaction.atomic
def survey_copy(
    *, source: Survey, convening, user, opens_at, closes_at, sessions=None
) -> Survey:
    """A new survey of ``convening`` with ``source``'s texts, questions and
    options, open between the dates given. A question about a session of
    another convening is about its copy when ``sessions`` maps it ({old id:
    new Session}, as when an edition is copied), else keeps only its module.
    No other side effect."""
    sessions = sessions or {}
    data = {name: getattr(source, name) for name in SURVEY_FIELDS}
    data.update(opens_at=opens_at, closes_at=closes_at)
    copy = survey_save(convening=convening, user=user, data=data)
    copy.copied_from = source if source.convening_id != convening.pk else None
    copy.save(update_fields=["copied_from"])
    same_convening = source.convening_id == convening.pk
    for question in source.questions.prefetch_related("choices"):
        new = Question.objects.create(
            survey=copy,
            position=question.position,
            **{
                name: getattr(question, name)
                for name in QUESTION_FIELDS
                if name != "session"
            },
            session=question.session
            if same_convening
            else sessions.get(question.session_id),
        )
        if not question.module and question.session_id and new.session is None:
            new.module = question.session.module
            new.save(update_fields=["module"])
        Choice.objects.bulk_create(
            Choice(
                question=new,
                position=choice.position,
                is_correct=choice.is_correct,
                **{
                    f"text_{code}": getattr(choice, f"text_{code}")
                    for code in LANGUAGES
                },
            )
            for choice in question.choices.all()
        )
    return copy


def _choices_check(kind: str, choices: list[dict]) -> None:
    if kind not in CHOICE_KINDS:
        return
    if len(choices) < 2:
        raise ValidationError(_("A choice question needs at least two options."))
    correct = sum(1 for c in choices if c["is_correct"])
    if kind == QuestionKind.SINGLE and correct > 1:
        raise ValidationError(
            _("A one-choice question has at most one correct option.")
        )


@transaction.atomic
def question_save(
    *, survey: Survey, data: dict, choices: list[dict], question: Question | None = None
) -> tuple[Question, int]:
    """Add a question to ``survey`` or change ``question``, with its options
    (``choices``: dicts of ``id`` (None for a new one), ``text_es``,
    ``text_en``, ``is_correct``, in order). Returns the question and how many
    answers it already had: the answers are kept when the text changes (the
    page warns), but an option someone chose is never removed, and the kind
    of an answered question never changes. No other side effect."""
    if data.get("session") and data["session"].convening_id != survey.convening_id:
        raise ValidationError({"session": _("Choose a session of this convening.")})
    answered = question.answers.count() if question else 0
    if question is None:
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = Question(survey=survey, position=(last or 0) + 1)
    elif answered and data.get("kind", question.kind) != question.kind:
        raise ValidationError(
            {"kind": _("People have answered this question: its kind stays.")}
        )
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(question, name, data[name])
    kind = question.kind
    _choices_check(kind, choices if kind in CHOICE_KINDS else [])
    question.save()
    _choices_sync(question, choices if kind in CHOICE_KINDS else [])
    return question, answered


def _choices_sync(question: Question, choices: list[dict]) -> None:
    existing = {c.pk: c for c in question.choices.all()}
    kept = {c["id"] for c in choices if c.get("id") in existing}
    removed = [pk for pk in existing if pk not in kept]
    chosen = Answer.choices.through.objects.filter(choice_id__in=removed)
    if chosen.exists():
        raise ValidationError(
            _("Someone chose an option you removed: it stays. Change its text instead.")
        )
    Choice.objects.filter(pk__in=removed).delete()
    for position, data in enumerate(choices, start=1):
        choice = existing.get(data.get("id")) or Choice(question=question)
        choice.position = position
        choice.is_correct = data["is_correct"]
        for code in LANGUAGES:
            setattr(choice, f"text_{code}", data.get(f"text_{code}", ""))
        choice.save()


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Remove a question nobody has answered; the others close ranks."""
    count = question.answers.count()
    if count:
        raise ValidationError(
            ngettext(
                "%(count)d person answered this question: it is kept.",
                "%(count)d people answered this question: it is kept.",
                count,
            )
            % {"count": count}
        )
    survey = question.survey
    question.delete()
    _positions_write(list(survey.questions.all()))


def _positions_write(questions: list[Question]) -> None:
    """Number the questions 1, 2, … in the order given (only those that move)."""
    for position, question in enumerate(questions, start=1):
        if question.position != position:
            Question.objects.filter(pk=question.pk).update(position=position)


@transaction.atomic
def question_move(*, question: Question, offset: int) -> None:
    """Move a question up (``offset=-1``) or down (``+1``) in its survey."""
    Survey.objects.select_for_update().filter(pk=question.survey_id).first()
    questions = list(question.survey.questions.all())
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = max(0, min(len(questions) - 1, index + offset))
    questions.insert(target, questions.pop(index))
    _positions_write(questions)
