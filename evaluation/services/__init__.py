"""The evaluation's writes: building surveys (surveys.py), answering them
(answers.py) and reminding those who have not (reminders.py)."""

from evaluation.services.answers import (
    answer_save,
    answers_save,
    response_of,
    response_submit,
)
from evaluation.services.certificates import (
    certificate_revoke,
    certificate_rule_save,
    certificates_issue_request,
    verification_log,
)
from evaluation.services.reminders import survey_reminders_send
from evaluation.services.surveys import (
    question_delete,
    question_move,
    question_save,
    survey_copy,
    survey_delete,
    survey_save,
)

__all__ = [
    "certificate_revoke",
    "certificate_rule_save",
    "certificates_issue_request",
    "verification_log",
    "answer_save",
    "answers_save",
    "question_delete",
    "question_move",
    "question_save",
    "response_of",
    "response_submit",
    "survey_copy",
    "survey_delete",
    "survey_reminders_send",
    "survey_save",
]
