"""The evaluation's figures for `make bench`: a survey's results page read
with 24 and with 240 responses (its SQL count must not grow), and the
certificates of every participant of the bench cohort issued through the
Celery worker (per certificate and in total).

``surveys_load`` runs inside the cohort's load (bench/cohort.py); the other
functions need Django set up on the bench database and the worker running
(bench/run.py)."""

import datetime
import time

QUESTIONS = 5  # four scale questions and a free text
SMALL_ANSWERED = 24


def surveys_load(convening, participants) -> dict:
    """Two named feedback surveys with the same questions: one answered by
    the first 24 participants, one by all of them (bulk-written)."""
    from django.utils import timezone

    from evaluation.enums import QuestionKind, SurveyKind
    from evaluation.models import Answer, Question, Response, Survey
    from evaluation.respondents import respondent_key

    now = timezone.now()
    surveys = {}
    for answered in (SMALL_ANSWERED, len(participants)):
        survey = Survey.objects.create(
            convening=convening,
            kind=SurveyKind.SESSION_FEEDBACK,
            title_en=f"Feedback ({answered} answers)",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30),
        )
        questions = [
            Question.objects.create(
                survey=survey,
                position=n,
                kind=QuestionKind.TEXT if n == QUESTIONS else QuestionKind.LIKERT,
                text_en=f"Question {n}",
            )
            for n in range(1, QUESTIONS + 1)
        ]
        responses = Response.objects.bulk_create(
            Response(
                survey=survey,
                respondent_key=respondent_key(
                    convening_id=convening.pk, user_id=person.user_id
                ),
                participant=person,
                delegation_id=person.delegation_id,
                language="en",
                submitted_at=now,
            )
            for person in participants[:answered]
        )
        Answer.objects.bulk_create(
            Answer(
                response=response,
                question=question,
                scale=None if question.kind == QuestionKind.TEXT else 1 + i % 5,
                text=f"Answer {i}" if question.kind == QuestionKind.TEXT else "",
            )
            for i, response in enumerate(responses)
            for question in questions
        )
        surveys[answered] = survey.pk
    return surveys


def results_queries(survey_ids: dict, organizer_email: str) -> dict:
    """The results page's SQL count per number of responses, read through
    Django's test client in this process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email=organizer_email))
    counts = {}
    for answered, survey_id in survey_ids.items():
        url = f"/surveys/{survey_id}/results/"
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(f"GET {url} answered {status}")
        counts[answered] = len(queries.captured_queries)
    return counts


def certificates_issue(convening_id: int, organizer_email: str, timeout=900) -> dict:
    """Every participant's certificate, issued through the worker: the batch
    is queued as the page does, and its progress read until done."""
    from django.db import transaction

    from academy.models import Convening
    from accounts.models import User
    from evaluation.models import CertificateBatch, CertificateRule
    from evaluation.services import certificates_issue_request

    convening = Convening.objects.get(pk=convening_id)
    CertificateRule.objects.update_or_create(
        convening=convening, defaults={"min_attendance_percent": 0}
    )
    started = time.monotonic()
    with transaction.atomic():
        batch = certificates_issue_request(
            convening=convening,
            user=User.objects.get(email=organizer_email),
            base_url="https://academy.example/",
        )
    while True:
        batch = CertificateBatch.objects.get(pk=batch.pk)
        if not batch.is_running:
            break
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"certificate batch {batch.pk} still {batch.status}")
        time.sleep(0.5)
    total = time.monotonic() - started
    return {
        "status": batch.status,
        "issued": batch.done,
        "total_seconds": total,
        "worker_seconds": batch.seconds,
        "per_certificate_ms": 1000 * total / batch.done if batch.done else None,
    }
