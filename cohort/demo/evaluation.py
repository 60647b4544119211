"""The demo's evaluation of the Panama convening: the roll call of its
sessions and the rule of its certificates; an anonymous pre- and
post-assessment with knowledge questions per module, a named session
feedback survey, all answered the way a real cohort answers (most people
know more after, two never took the post-assessment, a few skipped the
feedback), and an overall evaluation open from the day the demo is loaded so
that a participant can try answering."""

import datetime
import random

from django.utils import timezone

from academy.enums import AttendanceStatus, Module
from academy.models import Attendance, Participant
from academy.services import attendance_changed
from evaluation.enums import QuestionKind, SurveyKind
from evaluation.models import (
    Answer,
    CertificateRule,
    Choice,
    Question,
    Response,
    Survey,
)
from evaluation.respondents import respondent_key

# (module, kind, question es, question en, [(option es, option en, correct)])
KNOWLEDGE = [
    (
        Module.THEORY_OF_CHANGE,
        QuestionKind.SINGLE,
        "Una teoría de cambio expresa…",
        "A theory of change states…",
        [
            (
                "cómo y por qué las acciones llevan al cambio buscado",
                "how and why the actions lead to the change sought",
                True,
            ),
            (
                "la lista de actividades y su costo",
                "the list of activities and their cost",
                False,
            ),
            (
                "qué instituciones están a cargo",
                "which institutions are in charge",
                False,
            ),
        ],
    ),
    (
        Module.GENDER_BUDGETING,
        QuestionKind.SINGLE,
        "¿Qué pide el presupuesto sensible al género a un PAN?",
        "What does gender-responsive budgeting ask of a NAP?",
        [
            (
                "Que cada acción tenga recursos costeados y su fuente identificada",
                "That each action has costed resources and a known source",
                True,
            ),
            (
                "Una partida aparte solo para mujeres",
                "A separate budget line for women only",
                False,
            ),
            (
                "Nada: el presupuesto viene después de la adopción",
                "Nothing: the budget comes after adoption",
                False,
            ),
        ],
    ),
    (
        Module.MONITORING_EVALUATION,
        QuestionKind.MULTIPLE,
        "Un buen indicador de resultado tiene… (marque todas las que correspondan)",
        "A good outcome indicator has… (tick all that apply)",
        [
            ("una línea de base", "a baseline", True),
            ("una meta con fecha", "a target with a date", True),
            ("un medio de verificación", "a means of verification", True),
            (
                "la descripción de las actividades",
                "a description of the activities",
                False,
            ),
        ],
    ),
    (
        Module.LOCALIZATION,
        QuestionKind.SINGLE,
        "Localizar un PAN significa que…",
        "Localizing a NAP means that…",
        [
            (
                "autoridades locales y organizaciones de mujeres planifican y "
                "ejecutan acciones en su territorio",
                "local authorities and women's organizations plan and carry out "
                "actions in their territory",
                True,
            ),
            (
                "el plan se traduce a los idiomas locales",
                "the plan is translated into local languages",
                False,
            ),
            (
                "la capital envía el plan a las provincias",
                "the capital sends the plan to the provinces",
                False,
            ),
        ],
    ),
    (
        Module.INSTITUTIONAL_COORDINATION,
        QuestionKind.SINGLE,
        "¿Quién debería integrar el mecanismo de coordinación del PAN?",
        "Who should sit on the NAP's coordination body?",
        [
            (
                "Instituciones del Estado y organizaciones de la sociedad civil, "
                "incluidas las de mujeres",
                "State institutions and civil-society organizations, women's "
                "organizations included",
                True,
            ),
            ("Solo el ministerio que lidera", "Only the lead ministry", False),
            ("Solo la cooperación internacional", "Only the donors", False),
        ],
    ),
]
CONFIDENCE = (
    "Me siento capaz de diseñar el marco de resultados de nuestro PAN.",
    "I feel able to design our NAP's results framework.",
)
COMMENTS = [
    "Más tiempo para trabajar en la hoja de ruta con la delegación.",
    "Los ejemplos de otros países fueron lo más útil.",
    "More practice with costing and funding sources, please.",
    "Ojalá hubiera materiales en lenguaje sencillo para las provincias.",
    "The session on indicators should come earlier in the programme.",
    "",
]


def _survey(convening, kind, title_es, title_en, opens_at, closes_at, anonymous):
    survey, new = Survey.objects.get_or_create(
        convening=convening,
        kind=kind,
        title_en=title_en,
        defaults={
            "title_es": title_es,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "anonymous": anonymous,
            "introduction_es": "Le toma unos cinco minutos.",
            "introduction_en": "It takes about five minutes.",
        },
    )
    return survey, new


def _assessment_questions(survey):
    for position, (module, kind, text_es, text_en, options) in enumerate(KNOWLEDGE, 1):
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            module=module,
            text_es=text_es,
            text_en=text_en,
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                position=n,
                text_es=es,
                text_en=en,
                is_correct=correct,
            )
            for n, (es, en, correct) in enumerate(options, 1)
        )
    Question.objects.create(
        survey=survey,
        position=len(KNOWLEDGE) + 1,
        kind=QuestionKind.LIKERT,
        module=Module.STRATEGIC_DESIGN,
        text_es=CONFIDENCE[0],
        text_en=CONFIDENCE[1],
    )


def _respond(survey, participant, moment, answers):
    """``answers``: {question: scale, text or [choices]}."""
    response = Response.objects.create(
        survey=survey,
        respondent_key=respondent_key(
            convening_id=survey.convening_id, user_id=participant.user_id
        ),
        participant=None if survey.anonymous else participant,
        delegation=participant.delegation,
        language=participant.user.preferred_language,
        started_at=moment,
        updated_at=moment,
        submitted_at=moment + datetime.timedelta(minutes=6),
    )
    for question, value in answers.items():
        if value in ("", None, []):
            continue
        answer = Answer.objects.create(
            response=response,
            question=question,
            scale=value if question.kind == QuestionKind.LIKERT else None,
            text=value if question.kind == QuestionKind.TEXT else "",
        )
        if question.has_choices:
            answer.choices.set(value)


def _knowledge_answers(survey, rng, know):
    """Answers of someone who knows each thing with probability ``know``."""
    answers = {}
    for question in survey.questions.prefetch_related("choices"):
        options = list(question.choices.all())
        right = [c for c in options if c.is_correct]
        if question.kind == QuestionKind.LIKERT:
            answers[question] = min(5, max(1, round(rng.gauss(1 + 4 * know, 0.8))))
        elif rng.random() < know:
            answers[question] = right
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question] = right[:-1] + [options[-1]]
        else:
            answers[question] = [rng.choice([c for c in options if not c.is_correct])]
    return answers


def _attendance_load(convening, people, rng) -> None:
    """The roll call of every session, as a real cohort's: most people
    present, a few late, one or two away now and then; and the rule of the
    certificates (80 %), so that a handful do not qualify, each for a reason
    the certificates page states."""
    if Attendance.objects.filter(session__convening=convening).exists():
        return
    sessions = list(convening.sessions.order_by("starts_at"))
    marks = []
    for index, person in enumerate(people):
        away = 0.25 if index % 7 == 2 else 0.04  # three people miss a lot
        for session in sessions:
            draw = rng.random()
            status = (
                AttendanceStatus.ABSENT
                if draw < away
                else AttendanceStatus.LATE
                if draw < away + 0.08
                else AttendanceStatus.PRESENT
            )
            marks.append(Attendance(session=session, participant=person, status=status))
    Attendance.objects.bulk_create(marks)
    attendance_changed(convening_id=convening.pk)  # as the roll-call services do
    CertificateRule.objects.get_or_create(
        convening=convening,
        defaults={
            "min_attendance_percent": 80,
            "signatory_name": "Mónica Aguilar Reyes",
            "signatory_title": "Coordinadora de la Academia PAN",
        },
    )


def demo_evaluation_load(*, convening, today=None) -> None:
    """Create the demo's attendance, surveys and answers once; does nothing
    after."""
    today = today or timezone.localdate()
    zone = convening.zone
    start = datetime.datetime.combine(convening.start_date, datetime.time(8), zone)
    end = datetime.datetime.combine(convening.end_date, datetime.time(18), zone)
    people = list(
        Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .order_by("pk")
    )
    rng = random.Random(2025)
    _attendance_load(convening, people, random.Random(24))
    pre, new = _survey(
        convening,
        SurveyKind.PRE_ASSESSMENT,
        "Evaluación inicial de conocimientos",
        "Knowledge pre-assessment",
        start - datetime.timedelta(days=7),
        start + datetime.timedelta(hours=1),
        True,
    )
    if new:
        _assessment_questions(pre)
        post, _created = _survey(
            convening,
            SurveyKind.POST_ASSESSMENT,
            "Evaluación final de conocimientos",
            "Knowledge post-assessment",
            end - datetime.timedelta(hours=2),
            end + datetime.timedelta(days=7),
            True,
        )
        _assessment_questions(post)
        for index, person in enumerate(people):
            before = rng.uniform(0.25, 0.6)
            _respond(
                pre,
                person,
                start - datetime.timedelta(days=2, minutes=index * 7),
                _knowledge_answers(pre, rng, before),
            )
            if index % 12 != 5:  # two people never took the post-assessment
                _respond(
                    post,
                    person,
                    end - datetime.timedelta(minutes=90 - index * 3),
                    _knowledge_answers(post, rng, min(0.95, before + 0.35)),
                )
        _feedback_load(convening, people, rng, start, end)
    _survey(
        convening,
        SurveyKind.OVERALL,
        "Evaluación general de la Academia",
        "Overall evaluation of the Academy",
        datetime.datetime.combine(today, datetime.time(0), zone),
        datetime.datetime.combine(
            today + datetime.timedelta(days=30), datetime.time(23, 59), zone
        ),
        False,
    )
    overall = Survey.objects.get(convening=convening, kind=SurveyKind.OVERALL)
    if not overall.questions.exists():
        Question.objects.create(
            survey=overall,
            position=1,
            kind=QuestionKind.LIKERT,
            text_es="La Academia respondió a las necesidades de mi delegación.",
            text_en="The Academy met my delegation's needs.",
        )
        Question.objects.create(
            survey=overall,
            position=2,
            kind=QuestionKind.TEXT,
            required=False,
            text_es="¿Qué acompañamiento necesitan ahora?",
            text_en="What accompaniment do you need now?",
        )


def _feedback_load(convening, people, rng, start, end):
    feedback, _new = _survey(
        convening,
        SurveyKind.SESSION_FEEDBACK,
        "Valoración de las sesiones",
        "Session feedback",
        start,
        end + datetime.timedelta(days=3),
        False,
    )
    questions = []
    for position, session in enumerate(convening.sessions.order_by("starts_at"), 1):
        questions.append(
            Question.objects.create(
                survey=feedback,
                position=position,
                kind=QuestionKind.LIKERT,
                session=session,
                text_es=f"¿Qué tan útil fue «{session.title_es}»?",
                text_en=f"How useful was “{session.title_en}”?",
            )
        )
    comment = Question.objects.create(
        survey=feedback,
        position=len(questions) + 1,
        kind=QuestionKind.TEXT,
        required=False,
        text_es="¿Qué cambiarían en la próxima edición?",
        text_en="What would you change in the next edition?",
    )
    liking = {q.pk: rng.uniform(3.4, 4.7) for q in questions}
    for index, person in enumerate(people):
        if index % 8 == 3:  # three people have not answered yet
            continue
        answers = {
            q: min(5, max(1, round(rng.gauss(liking[q.pk], 0.7)))) for q in questions
        }
        answers[comment] = COMMENTS[index % len(COMMENTS)]
        _respond(feedback, person, end + datetime.timedelta(minutes=index), answers)
