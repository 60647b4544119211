from evaluation.models.answers import Answer, Response, SurveyReminder
from evaluation.models.certificates import (
    Certificate,
    CertificateBatch,
    CertificateRule,
    Verification,
    certificates_storage,
)
from evaluation.models.surveys import Choice, Question, Survey

__all__ = [
    "Answer",
    "Certificate",
    "CertificateBatch",
    "CertificateRule",
    "Choice",
    "Question",
    "Response",
    "Survey",
    "SurveyReminder",
    "Verification",
    "certificates_storage",
]
