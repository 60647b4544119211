"""The evaluation's pages as their users meet them."""

import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from evaluation.enums import QuestionKind, SurveyKind
from evaluation.models import Answer, Question, Response, Survey, SurveyReminder
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_organizer_creates_a_survey_in_the_convenings_time(
    client, organizer, convening
):
    client.force_login(organizer)
    url = reverse("evaluation:survey_create", kwargs={"pk": convening.pk})
    page = client.post(
        url,
        {
            "kind": SurveyKind.PRE_ASSESSMENT,
            "title_es": "Antes",
            "title_en": "Before",
            "opens_on": "2025-06-24",
            "opens_time": "08:00",
            "closes_on": "2025-06-24",
            "closes_time": "09:00",
            "anonymous": "on",
        },
    )
    survey = Survey.objects.get()
    assert page.status_code == 302
    assert page["Location"] == survey.get_absolute_url()
    assert (survey.title_es, survey.anonymous) == ("Antes", True)
    local = timezone.localtime(survey.opens_at, convening.zone)
    assert (local.hour, local.utcoffset()) == (8, datetime.timedelta(hours=-5))


def test_a_survey_form_with_bad_dates_says_so_in_place(client, organizer, convening):
    client.force_login(organizer)
    page = client.post(
        reverse("evaluation:survey_create", kwargs={"pk": convening.pk}),
        {
            "kind": SurveyKind.OVERALL,
            "title_en": "Overall",
            "opens_on": "2025-06-26",
            "opens_time": "10:00",
            "closes_on": "2025-06-25",
            "closes_time": "10:00",
        },
    )
    assert page.status_code == 200
    assert "A survey closes after it opens." in page.content.decode()
    assert page.context["form"]["title_en"].value() == "Overall"
    assert Survey.objects.count() == 0


def test_an_organizer_adds_a_knowledge_question_with_options(client, organizer, pre):
    client.force_login(organizer)
    url = reverse("evaluation:question_create", kwargs={"pk": pre.pk})
    assert client.get(url).status_code == 200
    data = {
        "kind": QuestionKind.MULTIPLE,
        "text_es": "¿Qué es un marcador de género?",
        "text_en": "What is a gender marker?",
        "required": "on",
        "module": "gender_budgeting",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "0",
        "choices-0-text_en": "A budget tag",
        "choices-0-is_correct": "on",
        "choices-1-text_en": "A pen",
        "choices-2-text_en": "",
    }
    page = client.post(url, data)
    assert page.status_code == 302
    question = Question.objects.get(text_en="What is a gender marker?")
    assert [(c.text_en, c.is_correct) for c in question.choices.all()] == [
        ("A budget tag", True),
        ("A pen", False),
    ]
    detail = client.get(pre.get_absolute_url()).content.decode()
    assert "What is a gender marker?" in detail
    assert "knowledge question" in detail


def test_moving_a_question_with_htmx_answers_the_new_list(client, organizer, feedback):
    client.force_login(organizer)
    first, second = feedback.questions.order_by("position")
    page = client.post(
        reverse(
            "evaluation:question_move", kwargs={"pk": second.pk, "direction": "up"}
        ),
        **HTMX,
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("What would you change?") < html.index("Was it useful?")


def test_editing_an_answered_question_warns_and_keeps_the_answers(
    client, organizer, feedback, bolivia_member
):
    question = feedback.questions.order_by("position").first()
    client.force_login(bolivia_member)
    client.post(
        reverse(
            "evaluation:answer_save",
            kwargs={"pk": feedback.pk, "question_pk": question.pk},
        ),
        {f"q{question.pk}": "4"},
        **HTMX,
    )
    client.force_login(organizer)
    url = reverse("evaluation:question_edit", kwargs={"pk": question.pk})
    assert "1 person has answered this question" in client.get(url).content.decode()
    page = client.post(
        url,
        {
            "kind": QuestionKind.LIKERT,
            "text_en": "Was it worth your time?",
            "required": "on",
            "session": question.session_id,
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert "1 answers given before the change are kept" in page.content.decode()
    assert Answer.objects.get().scale == 4


def test_a_participant_sees_open_surveys_on_the_home_page(
    client, bolivia_member, feedback, pre
):
    closed = factories.surveys.survey(
        feedback.convening,
        SurveyKind.OVERALL,
        title_en="Closed one",
        opens_at=timezone.now() - datetime.timedelta(days=3),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(bolivia_member)
    html = client.get(reverse("cohort:home")).content.decode()
    assert "Feedback" in html and "Before" in html
    assert closed.title_en not in html
    assert reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}) in html


def test_answers_save_as_the_person_goes_and_the_page_keeps_them(
    client, bolivia_member, feedback
):
    scale, text = feedback.questions.order_by("position")
    client.force_login(bolivia_member)
    save = reverse(
        "evaluation:answer_save", kwargs={"pk": feedback.pk, "question_pk": text.pk}
    )
    page = client.post(save, {f"q{text.pk}": "More exercises"}, **HTMX)
    assert page.status_code == 200
    assert "Saved" in page.content.decode()

    bad = client.post(
        reverse(
            "evaluation:answer_save",
            kwargs={"pk": feedback.pk, "question_pk": scale.pk},
        ),
        {f"q{scale.pk}": "9"},
        **HTMX,
    )
    assert bad.status_code == 200  # htmx swaps only a 2xx answer
    assert "Choose a point from 1 to 5." in bad.content.decode()

    again = client.get(reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}))
    assert again.context["form"][f"q{text.pk}"].value() == "More exercises"


def test_submitting_without_javascript_saves_and_names_what_is_missing(
    client, bolivia_member, feedback
):
    scale, text = feedback.questions.order_by("position")
    client.force_login(bolivia_member)
    url = reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk})
    page = client.post(url, {f"q{text.pk}": "Shorter days", "submit": "1"})
    assert page.status_code == 200
    assert "This question needs an answer." in page.content.decode()
    assert Answer.objects.get().text == "Shorter days"  # kept meanwhile

    page = client.post(url, {f"q{scale.pk}": "5", "submit": "1"}, follow=True)
    assert "You submitted your answers on" in page.content.decode()
    assert Response.objects.get().submitted_at is not None


def test_a_closed_survey_says_so_and_takes_nothing(client, bolivia_member, feedback):
    feedback.opens_at = timezone.now() - datetime.timedelta(days=2)
    feedback.closes_at = timezone.now() - datetime.timedelta(days=1)
    feedback.save()
    scale = feedback.questions.order_by("position").first()
    client.force_login(bolivia_member)
    url = reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk})
    assert "This survey closed" in client.get(url).content.decode()
    page = client.post(url, {f"q{scale.pk}": "5", "submit": "1"})
    assert page.status_code == 409
    assert "This survey closed" in page.content.decode()
    assert Response.objects.count() == 0


def test_results_list_who_has_not_answered_and_remind_them_in_their_language(
    client,
    organizer,
    feedback,
    bolivia,
    bolivia_member,
    ecuador_member,
    django_capture_on_commit_callbacks,
):
    ecuador_member.preferred_language = "es"
    ecuador_member.save()
    scale = feedback.questions.order_by("position").first()
    client.force_login(bolivia_member)
    client.post(
        reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}),
        {f"q{scale.pk}": "5", "submit": "1"},
    )
    client.force_login(organizer)
    results = reverse("evaluation:survey_results", kwargs={"pk": feedback.pk})
    html = client.get(results).content.decode()
    missing = html[html.index("Not answered yet") : html.index("Per question")]
    assert "Elena Ecuador" in missing
    assert "Berta Bolivia" not in missing

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("evaluation:survey_remind", kwargs={"pk": feedback.pk}),
            follow=True,
        )
    assert "A reminder is on its way to 1 person." in page.content.decode()
    [message] = mail.outbox
    assert message.to == ["ec@test.org"]
    assert message.extra_headers["Content-Language"] == "es"
    assert "Feedback" in message.subject
    assert SurveyReminder.objects.get().participant.user == ecuador_member
    assert "reminded" in client.get(results).content.decode()


def test_the_raw_answers_download_is_formula_safe(
    client, organizer, feedback, bolivia_member
):
    scale, text = feedback.questions.order_by("position")
    client.force_login(bolivia_member)
    client.post(
        reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}),
        {f"q{scale.pk}": "4", f"q{text.pk}": "=cmd|' /C calc'!A0", "submit": "1"},
    )
    client.force_login(organizer)
    download = client.get(
        reverse("evaluation:survey_answers_download", kwargs={"pk": feedback.pk})
    )
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Respondent", "Delegation", "Language", "Submitted")
    assert rows[1][0] == "Berta Bolivia"
    assert rows[1][4:] == (4, "'=cmd|' /C calc'!A0")


def test_an_anonymous_surveys_download_names_nobody(
    client, organizer, pre, bolivia_member
):
    question = pre.questions.order_by("position").first()
    client.force_login(bolivia_member)
    client.post(
        reverse("evaluation:survey_answer", kwargs={"pk": pre.pk}),
        {
            f"q{q.pk}": q.choices.first().pk
            for q in pre.questions.prefetch_related("choices")
        }
        | {"submit": "1"},
    )
    assert question.answers.count() == 1
    client.force_login(organizer)
    download = client.get(
        reverse("evaluation:survey_answers_download", kwargs={"pk": pre.pk})
    )
    rows = list(
        openpyxl.load_workbook(io.BytesIO(download.content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[1][0].startswith("Respondent ")
    assert "Berta" not in str(rows)
    # Nor does the results page list who has not answered.
    html = client.get(reverse("evaluation:survey_results", kwargs={"pk": pre.pk}))
    assert "Not answered yet" not in html.content.decode()


@pytest.mark.parametrize("page", ["survey_results", "survey_detail"])
def test_pages_keep_their_queries_as_answers_grow(
    client, organizer, feedback, bolivia, page, django_assert_max_num_queries
):
    scale, text = feedback.questions.order_by("position")

    def grow(count):
        for n in range(count):
            user = factories.ParticipantFactory(delegation=bolivia).user
            client.force_login(user)
            client.post(
                reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}),
                {f"q{scale.pk}": "4", f"q{text.pk}": f"Text {n}", "submit": "1"},
            )

    url = reverse(f"evaluation:{page}", kwargs={"pk": feedback.pk})
    grow(3)
    client.force_login(organizer)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    # Counted now: the requests that grow the data empty Django's query log.
    ceiling = len(small.captured_queries)
    grow(27)
    client.force_login(organizer)
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


def test_the_evaluation_page_shows_gain_and_feedback(client, facilitator, pre, post):
    client.force_login(facilitator)
    page = client.get(
        reverse("evaluation:convening_evaluation", kwargs={"pk": pre.convening_id})
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Knowledge gained" in html
    assert "Nobody has submitted both" in html


def test_times_read_in_the_convenings_time_zone(client, facilitator, convening):
    session = factories.session_at(convening, 24, 9)  # 09:00 in Panama
    client.force_login(facilitator)
    html = client.get(
        reverse("evaluation:convening_evaluation", kwargs={"pk": convening.pk})
    ).content.decode()
    with translation.override("en"):
        local = formats.date_format(
            timezone.localtime(session.starts_at, convening.zone),
            "SHORT_DATETIME_FORMAT",
        )
        utc = formats.date_format(
            timezone.localtime(session.starts_at, datetime.UTC),
            "SHORT_DATETIME_FORMAT",
        )
    assert local in html
    assert utc not in html


def test_the_home_page_says_where_each_survey_stands(client, bolivia_member, feedback):
    scale = feedback.questions.order_by("position").first()
    client.force_login(bolivia_member)
    assert ">Answer<" in client.get("/").content.decode()
    client.post(
        reverse(
            "evaluation:answer_save",
            kwargs={"pk": feedback.pk, "question_pk": scale.pk},
        ),
        {f"q{scale.pk}": "4"},
        **HTMX,
    )
    assert "Finish answering" in client.get("/").content.decode()
    client.post(  # the whole page, as the browser sends it: the saved answer too
        reverse("evaluation:survey_answer", kwargs={"pk": feedback.pk}),
        {f"q{scale.pk}": "4", "submit": "1"},
    )
    assert "Answered, thank you" in client.get("/").content.decode()


def test_a_survey_opening_in_an_hour_the_clock_skips_is_refused(
    client, organizer, convening
):
    convening.time_zone = "America/New_York"
    convening.save()
    client.force_login(organizer)
    page = client.post(
        reverse("evaluation:survey_create", kwargs={"pk": convening.pk}),
        {
            "kind": SurveyKind.OVERALL,
            "title_en": "Overall",
            "opens_on": "2026-03-08",  # clocks go from 02:00 to 03:00
            "opens_time": "02:30",
            "closes_on": "2026-03-20",
            "closes_time": "10:00",
        },
    )
    assert page.status_code == 200
    assert "This time does not exist on that day." in page.content.decode()
    assert Survey.objects.count() == 0
