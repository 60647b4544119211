from django.urls import path

from evaluation.views import answering, builder, certificates, results

app_name = "evaluation"

urlpatterns = [
    path("convenings/<int:pk>/surveys/", builder.survey_list, name="survey_list"),
    path(
        "convenings/<int:pk>/surveys/new/", builder.survey_create, name="survey_create"
    ),
    path("convenings/<int:pk>/surveys/copy/", builder.survey_copy, name="survey_copy"),
    path(
        "convenings/<int:pk>/evaluation/",
        results.convening_evaluation,
        name="convening_evaluation",
    ),
    path(
        "convenings/<int:pk>/evaluation/export/",
        results.evaluation_export_request,
        name="evaluation_export_request",
    ),
    path("surveys/<int:pk>/", builder.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/edit/", builder.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/delete/", builder.survey_delete, name="survey_delete"),
    path("surveys/<int:pk>/preview/", builder.survey_preview, name="survey_preview"),
    path(
        "surveys/<int:pk>/questions/new/",
        builder.question_create,
        name="question_create",
    ),
    path("questions/<int:pk>/edit/", builder.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", builder.question_delete, name="question_delete"),
    path(
        "questions/<int:pk>/move/<str:direction>/",
        builder.question_move,
        name="question_move",
    ),
    path("surveys/<int:pk>/answer/", answering.survey_answer, name="survey_answer"),
    path(
        "surveys/<int:pk>/answer/<int:question_pk>/",
        answering.answer_save,
        name="answer_save",
    ),
    path("surveys/<int:pk>/results/", results.survey_results, name="survey_results"),
    path("surveys/<int:pk>/remind/", results.survey_remind, name="survey_remind"),
    path(
        "surveys/<int:pk>/answers.xlsx",
        results.survey_answers_download,
        name="survey_answers_download",
    ),
    path(
        "convenings/<int:pk>/certificates/",
        certificates.certificates_page,
        name="certificates_page",
    ),
    path(
        "convenings/<int:pk>/certificates/rule/",
        certificates.certificate_rule,
        name="certificate_rule",
    ),
    path(
        "convenings/<int:pk>/certificates/issue/",
        certificates.certificates_issue,
        name="certificates_issue",
    ),
    path(
        "certificate-batches/<int:pk>/",
        certificates.certificate_batch_status,
        name="certificate_batch_status",
    ),
    path(
        "certificate-batches/<int:pk>/certificates.zip",
        certificates.certificate_batch_zip,
        name="certificate_batch_zip",
    ),
    path(
        "certificates/<int:pk>/download/",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/<int:pk>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "verify/<str:code>/", certificates.certificate_verify, name="certificate_verify"
    ),
]
