"""Building surveys: questions and options, their order, a copy from another
convening, and what stays once people have answered."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from academy.enums import Module
from evaluation.enums import QuestionKind, SurveyKind
from evaluation.models import Answer, Question, Survey
from evaluation.selectors import dates_shifted
from evaluation.services import (
    answer_save,
    question_delete,
    question_move,
    question_save,
    survey_copy,
    survey_delete,
    survey_save,
)
from tests import factories

OPTIONS = [
    {"id": None, "text_es": "Sí", "text_en": "Yes", "is_correct": True},
    {"id": None, "text_es": "No", "text_en": "No", "is_correct": False},
]


def _data(**fields):
    return {
        "kind": QuestionKind.SINGLE,
        "text_es": "¿Es cierto?",
        "text_en": "Is it true?",
        "required": True,
        "session": None,
        "module": Module.LOCALIZATION,
        **fields,
    }


def test_a_question_is_saved_with_its_options_in_both_languages(feedback):
    question, answered = question_save(survey=feedback, data=_data(), choices=OPTIONS)
    assert answered == 0
    assert question.position == 3
    assert [(c.text_es, c.text_en, c.is_correct) for c in question.choices.all()] == [
        ("Sí", "Yes", True),
        ("No", "No", False),
    ]


def test_a_choice_question_needs_two_options(feedback):
    with pytest.raises(ValidationError, match="at least two options"):
        question_save(survey=feedback, data=_data(), choices=OPTIONS[:1])
    assert feedback.questions.count() == 2


def test_a_one_choice_question_has_one_correct_option(feedback):
    both = [dict(o, is_correct=True) for o in OPTIONS]
    with pytest.raises(ValidationError, match="at most one correct"):
        question_save(survey=feedback, data=_data(), choices=both)


def test_a_session_of_another_convening_is_refused(feedback):
    foreign = factories.SessionFactory()
    with pytest.raises(ValidationError):
        question_save(survey=feedback, data=_data(session=foreign), choices=OPTIONS)


def test_an_answered_question_keeps_its_answers_and_its_chosen_options(
    pre, bolivia_member
):
    question = pre.questions.order_by("position").first()
    chosen = question.choices.get(is_correct=True)
    answer_save(survey=pre, user=bolivia_member, question=question, value=chosen.pk)
    rows = [
        {"id": c.pk, "text_es": "", "text_en": c.text_en, "is_correct": c.is_correct}
        for c in question.choices.all()
    ]
    rows[0]["text_en"] = "Right, reworded"

    saved, answered = question_save(
        survey=pre, question=question, data=_data(text_en="Reworded"), choices=rows
    )

    assert answered == 1
    assert saved.text_en == "Reworded"
    assert list(Answer.objects.get().choices.values_list("text_en", flat=True)) == [
        "Right, reworded"
    ]
    with pytest.raises(ValidationError, match="Someone chose an option"):
        question_save(
            survey=pre, question=question, data=_data(), choices=rows[1:] + OPTIONS[1:]
        )
    with pytest.raises(ValidationError, match="its kind stays"):
        question_save(
            survey=pre,
            question=question,
            data=_data(kind=QuestionKind.TEXT),
            choices=[],
        )
    with pytest.raises(ValidationError, match="1 person answered"):
        question_delete(question=question)
    assert question.choices.count() == 2


def test_questions_move_up_and_down(feedback):
    first, second = feedback.questions.order_by("position")
    question_move(question=second, offset=-1)
    assert list(feedback.questions.values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    question_move(question=second, offset=-1)  # at the top already
    question_move(question=second, offset=1)
    assert list(feedback.questions.values_list("position", "pk")) == [
        (1, first.pk),
        (2, second.pk),
    ]


def test_removing_a_question_closes_ranks(feedback):
    first, second = feedback.questions.order_by("position")
    question_delete(question=first)
    assert list(feedback.questions.values_list("position", "pk")) == [(1, second.pk)]


def test_a_survey_with_answers_is_kept_and_stays_named_or_anonymous(
    feedback, bolivia_member, organizer
):
    answer_save(
        survey=feedback,
        user=bolivia_member,
        question=feedback.questions.first(),
        value="3",
    )
    with pytest.raises(ValidationError, match="1 person has answered"):
        survey_delete(survey=feedback)
    with pytest.raises(ValidationError) as refused:
        survey_save(
            convening=feedback.convening,
            user=organizer,
            survey=feedback,
            data={"anonymous": True},
        )
    assert "anonymous" in refused.value.error_dict
    feedback.refresh_from_db()
    assert feedback.anonymous is False


def test_a_copy_takes_texts_questions_and_options_and_moves_the_dates(
    pre, feedback, organizer
):
    later = factories.ConveningFactory(
        start_date=pre.convening.start_date + datetime.timedelta(days=365),
        end_date=pre.convening.end_date + datetime.timedelta(days=365),
    )
    for source in (pre, feedback):
        opens_at, closes_at = dates_shifted(source=source, convening=later)
        assert opens_at - source.opens_at == datetime.timedelta(days=365)
        copy = survey_copy(
            source=source,
            convening=later,
            user=organizer,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        assert (copy.convening, copy.kind, copy.title_en, copy.anonymous) == (
            later,
            source.kind,
            source.title_en,
            source.anonymous,
        )
        assert copy.copied_from == source
        assert [
            (q.text_en, q.kind, q.topic, q.session_id, q.correct_ids() != frozenset())
            for q in copy.questions.prefetch_related("choices")
        ] == [
            (q.text_en, q.kind, q.topic, None, q.correct_ids() != frozenset())
            for q in source.questions.prefetch_related("choices")
        ]
    assert Survey.objects.filter(convening=later).count() == 2
    # The session-feedback question keeps the session's module.
    copied = Question.objects.get(survey__convening=later, kind=QuestionKind.LIKERT)
    assert copied.module == Module.THEORY_OF_CHANGE
    assert Survey.objects.get(convening=later, kind=SurveyKind.PRE_ASSESSMENT)
