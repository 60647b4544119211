"""The pages the accessibility tests check (tests/e2e/test_accessibility.py),
each with the person who sees the most controls on it, and the data some of
them need (a reporting period, a survey, a comparison, a certificate)."""

from collections.abc import Callable
from dataclasses import dataclass

from tests import factories
from tests.factories import Cohort


@dataclass(frozen=True)
class Screen:
    name: str
    # Fixture name of the person who signs in; None for an anonymous visitor.
    viewer: str | None
    path: Callable[["Cohort"], str]


# Every page checked with axe-core, in both languages. Extend this table as pages
# land: the agenda page, the roll call and the roadmap editor are added by their
# owners (one row each, with the viewer who sees the most controls).
SCREENS = [
    Screen("login", None, lambda cohort: "/accounts/login/"),
    Screen("landing", None, lambda cohort: "/"),
    Screen("password-reset", None, lambda cohort: "/accounts/password_reset/"),
    Screen(
        "password-reset-expired",
        None,
        lambda cohort: "/accounts/reset/MQ/no-such-token/",
    ),
    Screen("home-organizer", "organizer", lambda cohort: "/"),
    Screen("home-facilitator", "facilitator", lambda cohort: "/"),
    Screen("home-participant", "bolivia_member", lambda cohort: "/"),
    Screen(
        "convening-organizer",
        "organizer",
        lambda cohort: cohort.convening.get_absolute_url(),
    ),
    Screen(
        "convening-edit-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/edit/",
    ),
    Screen(
        "team-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/team/",
    ),
    Screen("creators-organizer", "organizer", lambda cohort: "/convenings/creators/"),
    Screen(
        "convening-participant",
        "bolivia_member",
        lambda cohort: cohort.convening.get_absolute_url(),
    ),
    Screen(
        "delegation-organizer",
        "organizer",
        lambda cohort: cohort.bolivia.get_absolute_url(),
    ),
    Screen(
        "delegation-participant",
        "bolivia_member",
        lambda cohort: cohort.bolivia.get_absolute_url(),
    ),
    Screen(
        "agenda-participant",
        "bolivia_member",
        lambda cohort: f"/convenings/{cohort.convening.pk}/agenda/",
    ),
    Screen(
        "roll-call-facilitator",
        "facilitator",
        lambda cohort: f"/sessions/{cohort.convening.sessions.first().pk}/roll-call/",
    ),
    Screen(
        "dashboard-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/dashboard/",
    ),
    Screen(
        "roadmap-editor-participant",
        "bolivia_member",
        lambda cohort: f"/roadmaps/{cohort.bolivia.roadmap.pk}/",
    ),
    Screen(
        "invitations-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/invitations/",
    ),
    Screen(
        "history-participant",
        "bolivia_member",
        lambda cohort: f"/roadmaps/{cohort.bolivia.roadmap.pk}/history/",
    ),
    Screen(
        "logos-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/logos/",
    ),
    Screen(
        "roadmap-exports-participant",
        "bolivia_member",
        lambda cohort: f"/roadmaps/{cohort.bolivia.roadmap.pk}/exports/",
    ),
    Screen(
        "followup-board-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/follow-up/",
    ),
    Screen(
        "followup-facilitator",
        "facilitator",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/follow-up/",
    ),
    Screen(
        "followup-participant",
        "bolivia_member",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/follow-up/",
    ),
    Screen(
        "nap-path-participant",
        "bolivia_member",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/nap-path/",
    ),
    Screen(
        "nap-path-stage-form-organizer",
        "organizer",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/nap-path/adoption/",
    ),
    Screen(
        "indicator-table-participant",
        "bolivia_member",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/indicators/",
    ),
    Screen(
        "indicator-table-organizer",
        "organizer",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/indicators/",
    ),
    Screen(
        "period-organizer",
        "organizer",
        lambda cohort: f"/periods/{first_period(cohort)}/",
    ),
    Screen(
        "update-form-participant",
        "bolivia_member",
        lambda cohort: f"/periods/{first_period(cohort)}/updates/new/",
    ),
    Screen(
        "engagement-form-facilitator",
        "facilitator",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/follow-up/engagements/new/",
    ),
    Screen(
        "roadmap-editor-facilitator",
        "facilitator",
        lambda cohort: f"/roadmaps/{cohort.bolivia.roadmap.pk}/",
    ),
    Screen(
        "surveys-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/surveys/",
    ),
    Screen(
        "survey-builder-organizer",
        "organizer",
        lambda cohort: f"/surveys/{a_survey(cohort).pk}/",
    ),
    Screen(
        "question-form-organizer",
        "organizer",
        lambda cohort: f"/surveys/{a_survey(cohort).pk}/questions/new/",
    ),
    Screen(
        "survey-answer-participant",
        "bolivia_member",
        lambda cohort: f"/surveys/{a_survey(cohort).pk}/answer/",
    ),
    Screen(
        "survey-results-organizer",
        "organizer",
        lambda cohort: f"/surveys/{a_survey(cohort).pk}/results/",
    ),
    Screen(
        "evaluation-facilitator",
        "facilitator",
        lambda cohort: f"/convenings/{cohort.convening.pk}/evaluation/",
    ),
    Screen(
        "certificates-organizer",
        "organizer",
        lambda cohort: f"/convenings/{a_survey(cohort).convening_id}/certificates/",
    ),
    Screen(
        "open-data-participant",
        "bolivia_member",
        lambda cohort: f"/delegations/{cohort.bolivia.pk}/data/",
    ),
    Screen(
        "open-data-organizer",
        "organizer",
        lambda cohort: f"/convenings/{cohort.convening.pk}/data/",
    ),
    Screen(
        "comparison-organizer",
        "organizer",
        lambda cohort: f"/convenings/{compared(cohort).pk}/comparison/",
    ),
    Screen("api-tokens-organizer", "organizer", lambda cohort: "/api-tokens/"),
    Screen(
        "certificate-verification",
        None,
        lambda cohort: f"/verify/{a_certificate(cohort).code}/",
    ),
]


SCREEN_BY_NAME = {screen.name: screen for screen in SCREENS}


def first_period(cohort) -> int:
    """The first reporting period of Bolivia's roadmap (made if need be, as the
    daily task does)."""
    from accompaniment.models import ReportingPeriod
    from accompaniment.services import periods_sync_all

    periods_sync_all()
    return (
        ReportingPeriod.objects.filter(indicator__roadmap=cohort.bolivia.roadmap)
        .order_by("starts_on", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def a_survey(cohort):
    """A named survey of the cohort's convening, open, with one question of
    each kind (made once)."""
    from academy.enums import Module
    from evaluation.enums import QuestionKind, SurveyKind
    from evaluation.models import Survey

    survey = Survey.objects.filter(convening=cohort.convening).first()
    if survey is None:
        survey = factories.surveys.survey(
            cohort.convening, SurveyKind.POST_ASSESSMENT, title_en="After"
        )
        factories.surveys.question(survey, text="Was it useful?")
        factories.surveys.knowledge_question(survey, Module.GENDER_BUDGETING)
        factories.surveys.question(survey, QuestionKind.MULTIPLE, text="Which?")
        factories.surveys.question(survey, QuestionKind.TEXT, text="What else?")
    return survey


def compared(cohort):
    """The cohort's convening, with Bolivia compared (made once)."""
    from opendata.services import sharing_save

    sharing_save(
        delegation=cohort.bolivia,
        user=None,
        share_results=True,
        share_with_cohort=True,
    )
    return cohort.convening


def a_certificate(cohort):
    from django.utils import timezone

    from evaluation.models import Certificate

    membership = cohort.bolivia_member.memberships.first()
    certificate, _new = Certificate.objects.get_or_create(
        participant=membership,
        revoked_at=None,
        defaults={
            "convening": membership.convening,
            "holder_name": cohort.bolivia_member.full_name,
            "code": "ACCE-SSIB-LEAB-CDEF",
            "language": "es",
            "issued_at": timezone.now(),
        },
    )
    return certificate
