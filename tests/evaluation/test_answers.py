"""Answering a survey: saved as one goes, submitted once, only while open,
only by the convening's participants; anonymous answers name nobody."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluation.models import Answer, Response
from evaluation.services import answer_save, response_of, response_submit
from tests import factories


def _first(survey):
    return survey.questions.order_by("position").first()


def test_anonymous_response_stores_no_person(pre, bolivia_member, bolivia):
    question = _first(pre)
    right = question.choices.get(is_correct=True)
    answer_save(survey=pre, user=bolivia_member, question=question, value=right.pk)

    response = Response.objects.get()
    assert response.participant_id is None
    assert response.delegation_id == bolivia.pk
    # Nothing on the response or its answers holds the user's id or e-mail.
    stored = {
        name: value
        for name, value in Response.objects.values().get().items()
        if value is not None
    }
    assert bolivia_member.pk not in {
        v for k, v in stored.items() if k not in ("id", "survey_id", "delegation_id")
    }
    assert bolivia_member.email not in str(stored)
    assert list(Answer.objects.values_list("response_id", flat=True)) == [response.pk]
    # The person still finds their own response through their key.
    assert response_of(survey=pre, user=bolivia_member) == response


def test_named_response_points_at_the_participant(feedback, bolivia_member):
    answer_save(
        survey=feedback, user=bolivia_member, question=_first(feedback), value="4"
    )
    response = Response.objects.get()
    assert response.participant.user == bolivia_member
    assert response.answers.get().scale == 4


def test_the_same_person_has_the_same_key_in_pre_and_post(pre, post, bolivia_member):
    for survey in (pre, post):
        question = _first(survey)
        answer_save(
            survey=survey,
            user=bolivia_member,
            question=question,
            value=question.choices.first().pk,
        )
    keys = set(Response.objects.values_list("respondent_key", flat=True))
    assert len(keys) == 1


def test_a_cleared_answer_is_removed(feedback, bolivia_member):
    question = _first(feedback)
    answer_save(survey=feedback, user=bolivia_member, question=question, value="3")
    answer_save(survey=feedback, user=bolivia_member, question=question, value="")
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("value", ["0", "6", "many"])
def test_a_scale_answer_outside_1_to_5_is_refused(feedback, bolivia_member, value):
    with pytest.raises(ValidationError, match="from 1 to 5"):
        answer_save(
            survey=feedback, user=bolivia_member, question=_first(feedback), value=value
        )
    assert Answer.objects.count() == 0


def test_an_option_of_another_question_is_refused(pre, post, bolivia_member):
    foreign = _first(post).choices.first()
    with pytest.raises(ValidationError, match="options shown"):
        answer_save(
            survey=pre, user=bolivia_member, question=_first(pre), value=foreign.pk
        )


def test_submitting_needs_every_required_answer(feedback, bolivia_member):
    with pytest.raises(ValidationError) as refused:
        response_submit(survey=feedback, user=bolivia_member)
    assert list(refused.value.error_dict) == [f"q{_first(feedback).pk}"]

    answer_save(
        survey=feedback, user=bolivia_member, question=_first(feedback), value="5"
    )
    response = response_submit(survey=feedback, user=bolivia_member)
    assert response.submitted_at is not None


def test_answers_cannot_change_after_submitting(feedback, bolivia_member):
    answer_save(
        survey=feedback, user=bolivia_member, question=_first(feedback), value="5"
    )
    response_submit(survey=feedback, user=bolivia_member)

    with pytest.raises(ValidationError, match="submitted your answers already"):
        answer_save(
            survey=feedback, user=bolivia_member, question=_first(feedback), value="1"
        )
    with pytest.raises(ValidationError, match="submitted your answers already"):
        response_submit(survey=feedback, user=bolivia_member)
    assert Answer.objects.get().scale == 5
    assert Response.objects.count() == 1


def test_a_closed_survey_takes_no_answer(feedback, bolivia_member):
    feedback.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    feedback.opens_at = feedback.closes_at - datetime.timedelta(days=1)
    feedback.save()
    with pytest.raises(ValidationError, match="closed"):
        answer_save(
            survey=feedback, user=bolivia_member, question=_first(feedback), value="5"
        )
    assert Response.objects.count() == 0


def test_a_survey_not_open_yet_takes_no_answer(feedback, bolivia_member):
    feedback.opens_at = timezone.now() + datetime.timedelta(hours=1)
    feedback.save()
    with pytest.raises(ValidationError, match="not open yet"):
        response_submit(survey=feedback, user=bolivia_member)


def test_someone_outside_the_convening_cannot_answer(feedback, other_organizer):
    outsider_member = factories.ParticipantFactory().user
    for user in (other_organizer, outsider_member):
        with pytest.raises(PermissionDenied):
            answer_save(
                survey=feedback, user=user, question=_first(feedback), value="5"
            )
    assert Response.objects.count() == 0
