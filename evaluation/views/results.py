"""What the surveys say, for the convening's staff: a survey's results, the
convening's evaluation (session feedback, knowledge gain), the raw answers as
XLSX (organizers), reminders to who has not answered, the PDF summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from common.views import attachment, object_or_404_for
from evaluation import results, selectors, services
from evaluation.answers_xlsx import answers_xlsx
from evaluation.views.builder import survey_for
from evaluation.views.shared import render_local
from roadmaps.enums import ExportKind
from roadmaps.forms_exports import ExportRequestForm
from roadmaps.views.exports import export_requested


@login_required
@require_GET
def survey_results(request, pk):
    survey = survey_for(request, pk, "evaluation.view_results")
    return render_local(
        request,
        "evaluation/survey_results.html",
        {
            "survey": survey,
            "convening": survey.convening,
            "results": results.survey_results(survey=survey),
            "non_respondents": selectors.non_respondents(survey=survey),
            "can_manage": request.user.has_perm("evaluation.manage_surveys", survey),
        },
    )


@login_required
@require_GET
def convening_evaluation(request, pk):
    """Across the convening's surveys: feedback per session and knowledge
    gained per module and per delegation."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.view_results", pk=pk
    )
    return render_local(
        request,
        "evaluation/evaluation.html",
        {
            "convening": convening,
            "sessions": results.session_feedback(convening=convening),
            "gain": results.knowledge_gain(convening=convening),
            "form": ExportRequestForm(
                initial={"language": (get_language() or "es")[:2]}
            ),
        },
    )


@login_required
@require_POST
def survey_remind(request, pk):
    survey = survey_for(request, pk)
    count = services.survey_reminders_send(
        survey=survey, user=request.user, base_url=request.build_absolute_uri("/")
    )
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d person.",
                "Reminders are on their way to %(count)d people.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(
            request, _("Nobody to remind: the survey is closed or everyone answered.")
        )
    return redirect("evaluation:survey_results", pk=survey.pk)


@login_required
@require_GET
@never_cache
def survey_answers_download(request, pk):
    """The raw answers, one row per response (formula-safe)."""
    survey = survey_for(request, pk)
    return attachment(
        answers_xlsx(survey=survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"survey-{survey.pk}-answers.xlsx",
    )


@login_required
@require_POST
def evaluation_export_request(request, pk):
    """The evaluation's PDF summary, rendered by the worker; its progress and
    download are the roadmaps' export pages."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.view_results", pk=pk
    )
    return export_requested(
        request,
        back=reverse("evaluation:convening_evaluation", kwargs={"pk": convening.pk}),
        kind=ExportKind.EVALUATION,
        convening=convening,
    )
