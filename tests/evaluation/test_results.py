"""What the results pages and the report read: counts, means, distributions,
feedback per session, knowledge gain paired person by person."""

from academy.enums import Module
from evaluation.results import knowledge_gain, session_feedback, survey_results
from evaluation.services import answer_save, response_submit
from tests import factories


def _answer_all(survey, user, picks):
    """``picks``: per question in order, "right", "wrong" or a value."""
    for question, pick in zip(
        survey.questions.order_by("position"), picks, strict=True
    ):
        if pick in ("right", "wrong"):
            choice = question.choices.get(is_correct=pick == "right")
            pick = choice.pk
        answer_save(survey=survey, user=user, question=question, value=pick)
    return response_submit(survey=survey, user=user)


def _member(delegation, name):
    return factories.ParticipantFactory(
        delegation=delegation, user__full_name=name
    ).user


def test_survey_results_count_submitted_responses_only(feedback, bolivia):
    people = [_member(bolivia, f"P{n}") for n in range(4)]
    _answer_all(feedback, people[0], ["5", "More practice"])
    _answer_all(feedback, people[1], ["4", ""])
    _answer_all(feedback, people[2], ["4", "=HYPERLINK()"])
    scale = feedback.questions.order_by("position").first()
    answer_save(survey=feedback, user=people[3], question=scale, value="1")  # begun

    results = survey_results(survey=feedback)

    assert (results.submitted, results.begun) == (3, 1)
    useful, change = results.questions
    assert useful.answered == 3
    assert useful.mean == 4.33
    assert [(b.count, b.share) for b in useful.bars] == [
        (0, 0.0),
        (0, 0.0),
        (0, 0.0),
        (2, 66.7),
        (1, 33.3),
    ]
    assert change.texts == ["More practice", "=HYPERLINK()"]


def test_choice_results_show_the_share_right(pre, bolivia):
    people = [_member(bolivia, f"P{n}") for n in range(4)]
    for person, first in zip(people, ["right", "right", "right", "wrong"], strict=True):
        _answer_all(pre, person, [first, "wrong"])

    first, second = survey_results(survey=pre).questions

    assert first.correct_share == 75.0
    assert [(b.label, b.count, b.correct) for b in first.bars] == [
        ("Right", 3, True),
        ("Wrong", 1, False),
    ]
    assert second.correct_share == 0.0


def test_session_feedback_is_the_mean_per_session(feedback, bolivia):
    for score in ("5", "2"):
        _answer_all(feedback, _member(bolivia, score), [score, ""])
    [row] = session_feedback(convening=feedback.convening)
    assert (row.session.title, row.mean, row.answers) == ("Budgets", 3.5, 2)


def test_knowledge_gain_pairs_each_person_before_and_after(pre, post, bolivia, ecuador):
    ana, bea = _member(bolivia, "Ana"), _member(bolivia, "Bea")
    eva, solo = _member(ecuador, "Eva"), _member(ecuador, "Solo")
    # Questions: gender budgeting, then theory of change.
    _answer_all(pre, ana, ["wrong", "wrong"])
    _answer_all(post, ana, ["right", "right"])
    _answer_all(pre, bea, ["right", "wrong"])
    _answer_all(post, bea, ["right", "right"])
    _answer_all(pre, eva, ["wrong", "right"])
    _answer_all(post, eva, ["wrong", "right"])
    _answer_all(pre, solo, ["wrong", "wrong"])  # no post: not paired

    gain = knowledge_gain(convening=pre.convening)

    assert (gain.overall.pairs, gain.unpaired) == (3, 1)
    assert (gain.overall.before, gain.overall.after) == (33.3, 83.3)
    assert gain.overall.change == 50.0
    modules = {g.label: (g.pairs, g.before, g.after) for g in gain.by_module}
    assert modules == {
        str(Module.GENDER_BUDGETING.label): (3, 33.3, 66.7),
        str(Module.THEORY_OF_CHANGE.label): (3, 33.3, 100.0),
    }
    delegations = {g.label: (g.pairs, g.before, g.after) for g in gain.by_delegation}
    assert delegations == {"Bolivia": (2, 25.0, 100.0), "Ecuador": (1, 50.0, 50.0)}


def test_results_read_a_constant_number_of_queries(
    pre, post, feedback, bolivia, django_assert_max_num_queries
):
    def grow(count):
        for n in range(count):
            person = _member(bolivia, f"Grown {n}")
            _answer_all(pre, person, ["right", "wrong"])
            _answer_all(post, person, ["right", "right"])
            _answer_all(feedback, person, ["4", f"Text {n}"])

    grow(2)
    with django_assert_max_num_queries(8):
        survey_results(survey=feedback)
    with django_assert_max_num_queries(12):
        knowledge_gain(convening=pre.convening)
    grow(18)
    with django_assert_max_num_queries(8):
        assert survey_results(survey=feedback).submitted == 20
    with django_assert_max_num_queries(12):
        assert knowledge_gain(convening=pre.convening).overall.pairs == 20
