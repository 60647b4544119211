"""The demo cohort's evaluation: realistic answers for the Panama convening."""

from django.core.management import call_command

from academy.models import Convening
from evaluation.eligibility import standings
from evaluation.enums import SurveyKind
from evaluation.models import Response
from evaluation.results import knowledge_gain, session_feedback
from evaluation.selectors import non_respondents


def test_seed_demo_adds_assessments_and_feedback_with_answers(db):
    call_command("seed_demo")
    panama = Convening.objects.get(edition=2)
    kinds = set(panama.surveys.values_list("kind", flat=True))
    assert kinds == {
        SurveyKind.PRE_ASSESSMENT,
        SurveyKind.POST_ASSESSMENT,
        SurveyKind.SESSION_FEEDBACK,
        SurveyKind.OVERALL,
    }
    gain = knowledge_gain(convening=panama)
    assert (gain.overall.pairs, gain.unpaired) == (22, 2)
    assert gain.overall.change > 20
    assert len(gain.by_module) == 5
    assert all(row.mean is not None for row in session_feedback(convening=panama))
    feedback = panama.surveys.get(kind=SurveyKind.SESSION_FEEDBACK)
    assert len(non_respondents(survey=feedback)) == 3
    assert not Response.objects.filter(
        survey__anonymous=True, participant__isnull=False
    ).exists()
    overall = panama.surveys.get(kind=SurveyKind.OVERALL)
    assert overall.is_open
    # The roll call was taken: most qualify for a certificate, a few do not,
    # each with the reason in words.
    rows = standings(convening=panama)
    missing = [row for row in rows if not row.qualifies]
    assert 0 < len(missing) < 6
    assert all(row.reasons[0].startswith("attended ") for row in missing)

    call_command("seed_demo")  # twice: nothing more
    assert Response.objects.filter(survey__convening=panama).count() == 24 + 22 + 21
