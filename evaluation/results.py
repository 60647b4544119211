"""What a survey's answers say: per question (counts, mean, distribution, the
free texts), per session (feedback means), and the knowledge gained per
module and per delegation (pre- against post-assessment, each person paired
with themselves through their pseudonymous key).

Only submitted responses count. Each function reads a fixed number of queries
whatever the number of answers; the figures are plain Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.utils.translation import gettext as _

from academy.enums import Module
from academy.models import Delegation, Session
from evaluation.enums import CHOICE_KINDS, Likert, QuestionKind, SurveyKind
from evaluation.models import Answer, Question, Response, Survey
from evaluation.selectors import questions_of


@dataclass
class Bar:
    label: str
    count: int
    share: float  # 0–100, of the people who answered the question
    correct: bool = False


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    mean: float | None = None
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    correct_share: float | None = None  # knowledge questions: % right


@dataclass
class SurveyResults:
    survey: Survey
    submitted: int
    begun: int
    questions: list[QuestionResult]


def _answers(responses) -> tuple[list[dict], dict[int, list[int]]]:
    """The answers of ``responses`` (a queryset) as rows, and the options
    chosen per answer: two queries."""
    rows = list(
        Answer.objects.filter(response__in=responses).values(
            "pk", "question_id", "response_id", "scale", "text"
        )
    )
    chosen = defaultdict(list)
    for answer_id, choice_id in Answer.choices.through.objects.filter(
        answer__response__in=responses
    ).values_list("answer_id", "choice_id"):
        chosen[answer_id].append(choice_id)
    return rows, chosen


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def is_right(question: Question, chosen) -> bool:
    return set(chosen) == question.correct_ids()


def survey_results(*, survey: Survey) -> SurveyResults:
    questions = questions_of(survey=survey)
    submitted = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    begun = Response.objects.filter(survey=survey, submitted_at__isnull=True).count()
    rows, chosen = _answers(submitted)
    by_question = defaultdict(list)
    for row in rows:
        by_question[row["question_id"]].append(row)
    results = []
    for question in questions:
        answers = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(answers))
        if question.kind == QuestionKind.LIKERT:
            scores = [a["scale"] for a in answers]
            result.mean = round(mean(scores), 2) if scores else None
            result.bars = [
                Bar(
                    point.label,
                    scores.count(point.value),
                    _share(scores.count(point.value), len(scores)),
                )
                for point in Likert
            ]
        elif question.kind in CHOICE_KINDS:
            counts = defaultdict(int)
            right = 0
            for answer in answers:
                for choice_id in chosen.get(answer["pk"], []):
                    counts[choice_id] += 1
                right += is_right(question, chosen.get(answer["pk"], []))
            result.bars = [
                Bar(
                    c.text,
                    counts[c.pk],
                    _share(counts[c.pk], len(answers)),
                    c.is_correct,
                )
                for c in question.choices.all()
            ]
            if question.correct_ids():
                result.correct_share = _share(right, len(answers))
        else:
            result.texts = [a["text"] for a in answers]
        results.append(result)
    return SurveyResults(survey, submitted.count(), begun, results)


@dataclass
class SessionFeedback:
    session: Session
    mean: float | None
    answers: int


def session_feedback(*, convening) -> list[SessionFeedback]:
    """Per session of the convening, the mean of the scale answers given to
    questions about it (in any survey), over submitted responses."""
    scores = defaultdict(list)
    for session_id, scale in Answer.objects.filter(
        question__survey__convening=convening,
        question__session__isnull=False,
        question__kind=QuestionKind.LIKERT,
        response__submitted_at__isnull=False,
    ).values_list("question__session_id", "scale"):
        scores[session_id].append(scale)
    return [
        SessionFeedback(
            s,
            round(mean(scores[s.pk]), 2) if scores[s.pk] else None,
            len(scores[s.pk]),
        )
        for s in convening.sessions.all()
    ]


@dataclass
class Gain:
    label: str
    pairs: int
    before: float | None  # % right, mean over the paired people
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass
class KnowledgeGain:
    by_module: list[Gain]
    by_delegation: list[Gain]
    overall: Gain
    unpaired: int  # people who answered one of the two only


def _scores(convening, kind) -> dict[str, dict]:
    """{respondent key: {"delegation": id, "modules": {module: [right, asked]}}}
    over the submitted responses to the convening's surveys of ``kind``; an
    unanswered knowledge question counts as wrong."""
    surveys = Survey.objects.filter(convening=convening, kind=kind)
    knowledge = defaultdict(list)  # survey id -> [questions with a right answer]
    questions = (
        Question.objects.filter(survey__in=surveys, kind__in=CHOICE_KINDS)
        .select_related("session")
        .prefetch_related("choices")
    )
    for question in questions:
        if question.correct_ids():
            knowledge[question.survey_id].append(question)
    responses = Response.objects.filter(survey__in=surveys, submitted_at__isnull=False)
    rows, chosen = _answers(responses)
    picked = {
        (r["response_id"], r["question_id"]): chosen.get(r["pk"], []) for r in rows
    }
    people = {}
    for response in responses.values(
        "pk", "survey_id", "respondent_key", "delegation_id"
    ):
        person = people.setdefault(
            response["respondent_key"],
            {
                "delegation": response["delegation_id"],
                "modules": defaultdict(lambda: [0, 0]),
            },
        )
        for question in knowledge[response["survey_id"]]:
            tally = person["modules"][question.topic]
            tally[0] += is_right(
                question, picked.get((response["pk"], question.pk), [])
            )
            tally[1] += 1
    return people


def _percent(tallies) -> float | None:
    right = sum(t[0] for t in tallies)
    asked = sum(t[1] for t in tallies)
    return 100 * right / asked if asked else None


def _gain(label, pairs: list[tuple[float | None, float | None]]) -> Gain:
    pairs = [(b, a) for b, a in pairs if b is not None and a is not None]
    if not pairs:
        return Gain(label, 0, None, None)
    return Gain(
        label,
        len(pairs),
        round(mean(b for b, _a in pairs), 1),
        round(mean(a for _b, a in pairs), 1),
    )


def knowledge_gain(*, convening) -> KnowledgeGain:
    """Pre- against post-assessment, over the people who submitted both: the
    mean share of knowledge questions answered right, before and after, per
    module (of the question, or of its session), per delegation and overall."""
    before = _scores(convening, SurveyKind.PRE_ASSESSMENT)
    after = _scores(convening, SurveyKind.POST_ASSESSMENT)
    paired = sorted(before.keys() & after.keys())
    unpaired = len(before.keys() ^ after.keys())
    modules = sorted(
        {m for key in paired for m in before[key]["modules"]}
        & {m for key in paired for m in after[key]["modules"]}
    )
    labels = dict(Module.choices)
    by_module = [
        _gain(
            labels.get(module, _("No module")),
            [
                (
                    _percent([before[k]["modules"][module]])
                    if module in before[k]["modules"]
                    else None,
                    _percent([after[k]["modules"][module]])
                    if module in after[k]["modules"]
                    else None,
                )
                for k in paired
            ],
        )
        for module in modules
    ]
    delegations = {d.pk: d for d in Delegation.objects.filter(convening=convening)}
    by_delegation = []
    for delegation in delegations.values():
        keys = [k for k in paired if after[k]["delegation"] == delegation.pk]
        by_delegation.append(
            _gain(
                str(delegation.country.name),
                [
                    (
                        _percent(before[k]["modules"].values()),
                        _percent(after[k]["modules"].values()),
                    )
                    for k in keys
                ],
            )
        )
    overall = _gain(
        _("All participants"),
        [
            (
                _percent(before[k]["modules"].values()),
                _percent(after[k]["modules"].values()),
            )
            for k in paired
        ],
    )
    return KnowledgeGain(by_module, by_delegation, overall, unpaired)
