"""Organizers build a convening's surveys: details, questions, order, copies
and a preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from academy.models import Convening
from common.views import form_save_or_report, object_or_404_for
from evaluation import selectors, services
from evaluation.forms import (
    AnswersForm,
    CopyForm,
    QuestionForm,
    SurveyForm,
    choices_formset,
    choices_from,
)
from evaluation.models import Question, Survey
from evaluation.views.shared import render_local


def survey_for(request, pk, perm="evaluation.manage_surveys") -> Survey:
    return object_or_404_for(
        request.user, Survey.objects.select_related("convening"), perm, pk=pk
    )


def _question(request, pk) -> Question:
    question = (
        Question.objects.select_related("survey__convening").filter(pk=pk).first()
    )
    if question is None or not request.user.has_perm(
        "evaluation.manage_surveys", question.survey
    ):
        raise Http404
    return question


@login_required
@require_http_methods(["GET"])
def survey_list(request, pk):
    """A convening's surveys, for its staff (organizers build them)."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.view_results", pk=pk
    )
    return render_local(
        request,
        "evaluation/survey_list.html",
        {
            "convening": convening,
            "surveys": selectors.surveys_of(convening=convening),
            "can_manage": request.user.has_perm("evaluation.manage_surveys", convening),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.manage_surveys", pk=pk
    )
    form = SurveyForm(request.POST or None, convening=convening)
    if request.method == "POST" and form.is_valid():
        survey = form_save_or_report(
            form,
            lambda: services.survey_save(
                convening=convening, user=request.user, data=form.service_data()
            ),
        )
        if survey is not None:
            messages.success(request, _("Survey created. Now add its questions."))
            return redirect(survey)
    return render_local(
        request,
        "evaluation/survey_form.html",
        {"convening": convening, "form": form, "title": _("New survey")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = survey_for(request, pk)
    form = SurveyForm(request.POST or None, convening=survey.convening, survey=survey)
    if request.method == "POST" and form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.survey_save(
                convening=survey.convening,
                user=request.user,
                data=form.service_data(),
                survey=survey,
            ),
        )
        if saved is not None:
            messages.success(request, _("Survey saved."))
            return redirect(saved)
    return render_local(
        request,
        "evaluation/survey_form.html",
        {
            "convening": survey.convening,
            "survey": survey,
            "form": form,
            "title": _("Survey details"),
        },
    )


@login_required
@require_POST
def survey_delete(request, pk):
    survey = survey_for(request, pk)
    back = reverse("evaluation:survey_list", kwargs={"pk": survey.convening_id})
    try:
        services.survey_delete(survey=survey)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(survey)
    messages.success(request, _("Survey deleted."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def survey_copy(request, pk):
    """Start a survey from one of an earlier (or this) convening's."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.manage_surveys", pk=pk
    )
    surveys = selectors.surveys_to_copy(user=request.user, convening=convening)
    form = CopyForm(request.POST or None, surveys=surveys)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        opens_at, closes_at = selectors.dates_shifted(
            source=source, convening=convening
        )
        copy = services.survey_copy(
            source=source,
            convening=convening,
            user=request.user,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        messages.success(
            request,
            _(
                "Survey copied with its questions, its dates moved with the "
                "convening's: check them."
            ),
        )
        return redirect("evaluation:survey_edit", pk=copy.pk)
    return render_local(
        request,
        "evaluation/survey_copy.html",
        {"convening": convening, "form": form, "surveys": surveys},
    )


@login_required
@require_http_methods(["GET"])
def survey_detail(request, pk):
    """The survey as its organizers build it: details and questions in order."""
    survey = survey_for(request, pk)
    return render_local(
        request,
        "evaluation/survey_detail.html",
        {
            "survey": survey,
            "convening": survey.convening,
            "questions": selectors.questions_of(survey=survey),
            "respondents": survey.responses.count(),
        },
    )


def _question_page(request, survey, question=None):
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    formset = choices_formset(data=request.POST or None, question=question)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.question_save(
                survey=survey,
                data=form.service_data(),
                choices=choices_from(formset),
                question=question,
            ),
        )
        if saved is not None:
            _saved, answered = saved
            if answered:
                messages.warning(
                    request,
                    _(
                        "Question saved. %(count)d answers given before the change "
                        "are kept as they were."
                    )
                    % {"count": answered},
                )
            else:
                messages.success(request, _("Question saved."))
            return redirect(survey)
    answered = question.answers.count() if question else 0
    return render_local(
        request,
        "evaluation/question_form.html",
        {
            "survey": survey,
            "convening": survey.convening,
            "question": question,
            "answered": answered,
            "form": form,
            "formset": formset,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request, pk):
    return _question_page(request, survey_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = _question(request, pk)
    return _question_page(request, question.survey, question)


@login_required
@require_POST
def question_delete(request, pk):
    question = _question(request, pk)
    survey = question.survey
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Question removed."))
    return redirect(survey)


@login_required
@require_POST
def question_move(request, pk, direction):
    question = _question(request, pk)
    if direction not in ("up", "down"):
        raise Http404
    services.question_move(question=question, offset=-1 if direction == "up" else 1)
    survey = question.survey
    if request.htmx:
        return render_local(
            request,
            "evaluation/partials/questions.html",
            {"survey": survey, "questions": selectors.questions_of(survey=survey)},
        )
    return redirect(survey)


@login_required
@require_http_methods(["GET"])
def survey_preview(request, pk):
    """The survey as a participant sees it, nothing saved."""
    survey = survey_for(request, pk)
    questions = selectors.questions_of(survey=survey)
    return render_local(
        request,
        "evaluation/survey_answer.html",
        {
            "survey": survey,
            "convening": survey.convening,
            "form": AnswersForm(questions=questions),
            "preview": True,
        },
    )
