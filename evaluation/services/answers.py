"""Answering a survey: each answer saved as the person goes, the response
submitted once, and only while the survey is open, only by a participant of
its convening."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from academy.models import Participant
from evaluation.enums import QuestionKind
from evaluation.models import Answer, Question, Response, Survey
from evaluation.respondents import respondent_key

TEXT_LIMIT = 5000


class SurveyNotOpen(ValidationError):
    pass


def _participant(survey: Survey, user) -> Participant:
    participant = (
        Participant.objects.filter(convening_id=survey.convening_id, user=user)
        .select_related("delegation")
        .first()
    )
    if participant is None:
        raise PermissionDenied
    return participant


def response_of(*, survey: Survey, user) -> Response | None:
    """The person's response to ``survey``, begun or submitted, or None."""
    key = respondent_key(convening_id=survey.convening_id, user_id=user.pk)
    return Response.objects.filter(survey=survey, respondent_key=key).first()


def _open_check(survey: Survey) -> None:
    now = timezone.now()
    if now < survey.opens_at:
        raise SurveyNotOpen(_("This survey is not open yet."))
    if now >= survey.closes_at:
        raise SurveyNotOpen(_("This survey closed: answers are no longer taken."))


def _response_for(survey: Survey, user) -> Response:
    participant = _participant(survey, user)
    key = respondent_key(convening_id=survey.convening_id, user_id=user.pk)
    fields = {
        "delegation": participant.delegation,
        "participant": None if survey.anonymous else participant,
        "language": translation.get_language() or "",
    }
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                survey=survey, respondent_key=key, defaults=fields
            )
    except IntegrityError:  # the same person's other tab made it meanwhile
        response = Response.objects.get(survey=survey, respondent_key=key)
    if response.is_submitted:
        raise ValidationError(
            _("You submitted your answers already: they can no longer change.")
        )
    return response


def _clean(question: Question, value):
    """The answer's value as stored, or None when the person cleared it."""
    if value in (None, "", []):
        return None
    if question.kind == QuestionKind.LIKERT:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            raise ValidationError(_("Choose a point from 1 to 5."))
        return number
    if question.kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > TEXT_LIMIT:
            raise ValidationError(
                _("Keep the answer under %(limit)d characters.") % {"limit": TEXT_LIMIT}
            )
        return text or None
    values = value if isinstance(value, list | tuple) else [value]
    valid = {str(c.pk): c.pk for c in question.choices.all()}
    if any(str(v) not in valid for v in values):
        raise ValidationError(_("Choose among the options shown."))
    chosen = sorted({valid[str(v)] for v in values})
    if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
        raise ValidationError(_("Choose one option."))
    return chosen


@transaction.atomic
def answer_save(*, survey: Survey, user, question: Question, value) -> Response:
    """Keep the person's answer to one question (or clear it when ``value`` is
    empty), starting their response if needed. Refused when the survey is not
    open, when the person is not a participant of its convening
    (PermissionDenied), or after they submitted. No other side effect."""
    if question.survey_id != survey.pk:
        raise PermissionDenied
    _open_check(survey)
    cleaned = _clean(question, value)
    response = _response_for(survey, user)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.is_submitted:
        raise ValidationError(
            _("You submitted your answers already: they can no longer change.")
        )
    if cleaned is None:
        Answer.objects.filter(response=response, question=question).delete()
    else:
        answer, _created = Answer.objects.get_or_create(
            response=response, question=question
        )
        answer.scale = cleaned if question.kind == QuestionKind.LIKERT else None
        answer.text = cleaned if question.kind == QuestionKind.TEXT else ""
        answer.save()
        answer.choices.set(cleaned if question.has_choices else [])
    response.updated_at = timezone.now()
    response.save(update_fields=["updated_at"])
    return response


def missing_required(*, survey: Survey, response: Response | None) -> list[Question]:
    """The required questions the response leaves unanswered, in order."""
    answered = (
        set(response.answers.values_list("question_id", flat=True))
        if response
        else set()
    )
    return [q for q in survey.questions.filter(required=True) if q.pk not in answered]


def answers_save(*, survey: Survey, user, answers: dict) -> dict:
    """Keep every answer of a page sent whole (without JavaScript):
    ``answers`` is {question: value}. Each valid answer is kept even when
    another is refused; returns {question id: message} for those refused."""
    errors = {}
    for question, value in answers.items():
        try:
            answer_save(survey=survey, user=user, question=question, value=value)
        except SurveyNotOpen:
            raise
        except ValidationError as error:
            errors[question.pk] = error.messages[0]
    return errors


@transaction.atomic
def response_submit(*, survey: Survey, user) -> Response:
    """Submit the person's response: refused while a required question is
    unanswered (the error names each), after closing, or when submitted
    already. No other side effect."""
    _open_check(survey)
    response = _response_for(survey, user)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.is_submitted:
        raise ValidationError(_("You submitted your answers already."))
    missing = missing_required(survey=survey, response=response)
    if missing:
        raise ValidationError(
            {
                f"q{question.pk}": _("This question needs an answer.")
                for question in missing
            }
        )
    response.submitted_at = timezone.now()
    response.save(update_fields=["submitted_at"])
    return response
