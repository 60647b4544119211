import pytest

from academy.enums import Module
from evaluation.enums import QuestionKind, SurveyKind
from tests import factories


@pytest.fixture
def pre(convening):
    survey = factories.surveys.survey(
        convening, SurveyKind.PRE_ASSESSMENT, anonymous=True, title_en="Before"
    )
    factories.surveys.knowledge_question(survey, Module.GENDER_BUDGETING)
    factories.surveys.knowledge_question(survey, Module.THEORY_OF_CHANGE)
    return survey


@pytest.fixture
def post(convening):
    survey = factories.surveys.survey(
        convening, SurveyKind.POST_ASSESSMENT, anonymous=True, title_en="After"
    )
    factories.surveys.knowledge_question(survey, Module.GENDER_BUDGETING)
    factories.surveys.knowledge_question(survey, Module.THEORY_OF_CHANGE)
    return survey


@pytest.fixture
def feedback(convening):
    """A named feedback survey: a scale question about a session, a free text."""
    survey = factories.surveys.survey(
        convening, SurveyKind.SESSION_FEEDBACK, title_en="Feedback"
    )
    session = factories.SessionFactory(convening=convening, title_en="Budgets")
    factories.surveys.question(survey, session=session, text="Was it useful?")
    factories.surveys.question(
        survey, QuestionKind.TEXT, text="What would you change?", required=False
    )
    return survey


@pytest.fixture(autouse=True)
def _tasks_in_process(in_process_tasks):
    """Reminders and certificate batches run here, whatever the broker."""
