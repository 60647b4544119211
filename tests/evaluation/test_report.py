"""The evaluation's PDF summary, through the export pipeline: every survey's
results, knowledge gained and feedback per session, naming no respondent,
user-written text escaped."""

from django.urls import reverse

from evaluation.services import answer_save, response_submit
from roadmaps.enums import ExportKind
from roadmaps.models import Export
from roadmaps.reports import report_build, report_pdf
from tests.roadmaps.exports_support import pdf_words


def test_the_evaluation_report_summarizes_without_names(feedback, bolivia_member):
    scale, text = feedback.questions.order_by("position")
    answer_save(survey=feedback, user=bolivia_member, question=scale, value="4")
    answer_save(
        survey=feedback,
        user=bolivia_member,
        question=text,
        value="<b>More</b> role play",
    )
    response_submit(survey=feedback, user=bolivia_member)

    report = report_build(
        kind=ExportKind.EVALUATION, language="en", convening_id=feedback.convening_id
    )
    assert "&lt;b&gt;More&lt;/b&gt; role play" in report.html
    words = pdf_words(report_pdf(report=report).content)
    assert "Evaluation report" in words
    assert "Knowledge gained" in words
    assert "Budgets" in words  # the session's feedback
    assert "<b>More</b> role play" in words
    assert "Berta" not in words


def test_the_report_in_spanish(feedback):
    report = report_build(
        kind=ExportKind.EVALUATION, language="es", convening_id=feedback.convening_id
    )
    assert "Informe de evaluación" in pdf_words(report_pdf(report=report).content)


def test_staff_request_the_report_from_the_evaluation_page(
    client, facilitator, feedback
):
    client.force_login(facilitator)
    page = client.post(
        reverse(
            "evaluation:evaluation_export_request",
            kwargs={"pk": feedback.convening_id},
        ),
        {"language": "en"},
    )
    export = Export.objects.get()
    assert (export.kind, export.convening_id) == ("evaluation", feedback.convening_id)
    assert page["Location"] == export.get_absolute_url()
