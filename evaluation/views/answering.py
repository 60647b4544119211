"""Participants answer a survey: each answer saved as they go (htmx), or the
whole page at once without JavaScript; submitted once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from common.views import form_add_service_errors, object_or_404_for
from evaluation import selectors, services
from evaluation.enums import QuestionKind
from evaluation.forms import AnswersForm
from evaluation.models import Survey
from evaluation.services.answers import SurveyNotOpen
from evaluation.views.shared import render_local


def _survey(request, pk) -> Survey:
    return object_or_404_for(
        request.user,
        Survey.objects.select_related("convening"),
        "evaluation.answer_survey",
        pk=pk,
    )


def _initial(response) -> dict:
    if response is None:
        return {}
    initial = {}
    for answer in response.answers.select_related("question").prefetch_related(
        "choices"
    ):
        kind = answer.question.kind
        if kind == QuestionKind.LIKERT:
            value = answer.scale
        elif kind == QuestionKind.TEXT:
            value = answer.text
        else:
            ids = [str(c.pk) for c in answer.choices.all()]
            value = ids if kind == QuestionKind.MULTIPLE else (ids[0] if ids else None)
        initial[f"q{answer.question_id}"] = value
    return initial


def _values(request, question):
    name = f"q{question.pk}"
    if question.kind == QuestionKind.MULTIPLE:
        return request.POST.getlist(name)
    return request.POST.get(name, "")


@login_required
@never_cache  # one person's answers
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    survey = _survey(request, pk)
    questions = selectors.questions_of(survey=survey)
    response = services.response_of(survey=survey, user=request.user)
    status = 200
    if request.method == "POST" and not (response and response.is_submitted):
        form = AnswersForm(request.POST, questions=questions)
        try:
            form.is_valid()
            errors = services.answers_save(
                survey=survey,
                user=request.user,
                answers={q: _values(request, q) for q in questions},
            )
            for question_id, message in errors.items():
                form.add_error(f"q{question_id}", message)
            if not errors and "submit" in request.POST:
                services.response_submit(survey=survey, user=request.user)
                messages.success(request, _("Thank you: your answers are submitted."))
                return redirect("evaluation:survey_answer", pk=survey.pk)
            if not errors:
                messages.success(
                    request, _("Your answers are saved: finish them when you like.")
                )
                return redirect("evaluation:survey_answer", pk=survey.pk)
        except SurveyNotOpen as error:
            messages.error(request, error.messages[0])
            status = 409
        except ValidationError as error:
            form_add_service_errors(form, error)
        response = services.response_of(survey=survey, user=request.user)
    else:
        form = AnswersForm(initial=_initial(response), questions=questions)
    return render_local(
        request,
        "evaluation/survey_answer.html",
        {
            "survey": survey,
            "convening": survey.convening,
            "form": form,
            "response": response,
            "submitted": response is not None and response.is_submitted,
        },
        status=status,
    )


@login_required
@require_POST
def answer_save(request, pk, question_pk):
    """One answer, saved as the person gives it (htmx); the page's little
    status line says saved, or why not. Always 200, so htmx shows it."""
    survey = _survey(request, pk)
    question = get_object_or_404(
        survey.questions.prefetch_related("choices"), pk=question_pk
    )
    if not request.htmx:
        return redirect("evaluation:survey_answer", pk=survey.pk)
    error = ""
    try:
        services.answer_save(
            survey=survey,
            user=request.user,
            question=question,
            value=_values(request, question),
        )
    except ValidationError as refused:
        error = refused.messages[0]
    return render_local(
        request,
        "evaluation/partials/answer_status.html",
        {"question": question, "error": error},
    )
