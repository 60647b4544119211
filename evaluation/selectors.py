"""The evaluation's reads for pages, each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.utils import timezone

from academy.models import Convening, Participant
from evaluation.models import (
    Certificate,
    Choice,
    Question,
    Response,
    Survey,
    SurveyReminder,
)
from evaluation.respondents import respondent_key


def surveys_of(*, convening) -> list[Survey]:
    """The convening's surveys with their counts of questions and of responses
    submitted and begun."""
    return list(
        convening.surveys.annotate(
            question_count=Count("questions", distinct=True),
            submitted_count=Count(
                "responses",
                filter=Q(responses__submitted_at__isnull=False),
                distinct=True,
            ),
            begun_count=Count(
                "responses",
                filter=Q(responses__submitted_at__isnull=True),
                distinct=True,
            ),
        )
    )


def questions_of(*, survey: Survey) -> list[Question]:
    """The questions in order, their options and session loaded, each with how
    many people answered it (``answer_count``)."""
    return list(
        survey.questions.select_related("session")
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .annotate(answer_count=Count("answers"))
    )


def surveys_for_participant(
    *, user, convening_ids: list[int], now=None
) -> list[Survey]:
    """The open surveys of the convenings the person takes part in
    (``convening_ids``, their memberships'), each with ``started`` and
    ``submitted`` for the person's own response (found by their pseudonymous
    key): what their home page lists. One query; none for someone who takes
    part in none."""
    if not convening_ids:
        return []
    keys = [respondent_key(convening_id=c, user_id=user.pk) for c in set(convening_ids)]
    own = Response.objects.filter(survey=OuterRef("pk"), respondent_key__in=keys)
    return list(
        Survey.objects.filter(convening_id__in=convening_ids)
        .open_at(now or timezone.now())
        .annotate(
            started=Exists(own),
            submitted=Exists(own.filter(submitted_at__isnull=False)),
        )
        .order_by("closes_at", "pk")
    )


@dataclass
class NonRespondent:
    participant: Participant
    begun: bool
    reminded_at: datetime.datetime | None


def non_respondents(*, survey: Survey) -> list[NonRespondent]:
    """The convening's participants who have not submitted a named survey:
    whether they began, and when they were last reminded. Empty for an
    anonymous survey (nobody can tell who answered)."""
    if survey.anonymous:
        return []
    responses = dict(
        survey.responses.filter(participant__isnull=False).values_list(
            "participant_id", "submitted_at"
        )
    )
    reminded = dict(
        SurveyReminder.objects.filter(survey=survey)
        .values("participant_id")
        .annotate(last=Max("sent_at"))
        .values_list("participant_id", "last")
    )
    people = (
        Participant.objects.filter(convening_id=survey.convening_id)
        .select_related("user", "delegation")
        .order_by("delegation__country", "user__full_name")
    )
    return [
        NonRespondent(p, p.pk in responses, reminded.get(p.pk))
        for p in people
        if responses.get(p.pk) is None
    ]


def dates_shifted(*, source: Survey, convening) -> tuple[datetime.datetime, ...]:
    """A copy's proposed dates: the source's, moved by the days between the
    two convenings' starts."""
    shift = convening.start_date - source.convening.start_date
    return source.opens_at + shift, source.closes_at + shift


def surveys_to_copy(*, user, convening) -> list[Survey]:
    """Surveys of the convenings ``user`` organizes (this one included), to
    start a new one from."""
    return list(
        Survey.objects.filter(convening__in=Convening.objects.organized_by(user))
        .select_related("convening")
        .annotate(question_count=Count("questions"))
        .order_by("-convening__start_date", "opens_at", "pk")
    )


def certificates_of(*, memberships: list) -> list[Certificate]:
    """The person's own valid certificates, to download from their home page."""
    if not memberships:
        return []
    return list(
        Certificate.objects.filter(
            participant__in=memberships, revoked_at__isnull=True
        ).select_related("convening")
    )
