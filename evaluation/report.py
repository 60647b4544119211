"""The evaluation's PDF summary of a convening, rendered by the worker through
the roadmaps' export pipeline (same progress page, storage and
permission-checked download): each survey's results (free texts in full),
the feedback per session and the knowledge gained. It names no respondent.
Registered as a kind of export in EvaluationConfig.ready."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from academy.models import Convening
from evaluation import results
from roadmaps.enums import ExportKind
from roadmaps.reports import (
    Report,
    ReportPart,
    convening_logos,
    report_document,
    report_filename,
)


def evaluation_report(*, convening_id: int, language: str, roadmap_id=None) -> Report:
    convening = Convening.objects.get(pk=convening_id)
    logos, resources = convening_logos(convening)
    parts = []
    for code in [c for c in language.split(",") if c]:
        with translation.override(code), timezone.override(convening.zone):
            title = _("Evaluation report — %(name)s") % {"name": convening.name}
            surveys = [
                results.survey_results(survey=survey)
                for survey in convening.surveys.all()
            ]
            body = render_to_string(
                "evaluation/reports/evaluation.html",
                {
                    "convening": convening,
                    "surveys": surveys,
                    "sessions": results.session_feedback(convening=convening),
                    "gain": results.knowledge_gain(convening=convening),
                    "generated_at": timezone.now(),
                    "language": code,
                    "logos": logos,
                    "title": title,
                },
            )
        parts.append(ReportPart(language=code, title=title, body=body))
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.EVALUATION, language=language, convening=convening
        ),
        resources=resources,
    )
