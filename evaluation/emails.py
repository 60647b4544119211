"""The evaluation's e-mails, each in its recipient's language."""

from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from evaluation.models import SurveyReminder


def survey_reminder_send(*, reminder_id: int, base_url: str = "") -> int:
    """Send one reminder; 0 when it is gone or the person submitted since."""
    reminder = (
        SurveyReminder.objects.filter(pk=reminder_id)
        .select_related("survey__convening", "participant__user")
        .first()
    )
    if reminder is None:
        return 0
    survey, user = reminder.survey, reminder.participant.user
    if survey.responses.filter(
        participant=reminder.participant, submitted_at__isnull=False
    ).exists():
        return 0
    path = reverse("evaluation:survey_answer", kwargs={"pk": survey.pk})
    with (
        translation.override(user.preferred_language),
        timezone.override(survey.convening.zone),
    ):
        context = {
            "user": user,
            "survey": survey,
            "convening": survey.convening,
            "link": urljoin(base_url, path) if base_url else path,
        }
        subject = " ".join(
            render_to_string("evaluation/emails/reminder_subject.txt", context).split()
        )
        body = render_to_string("evaluation/emails/reminder.txt", context)
        language = translation.get_language()
    message = EmailMultiAlternatives(
        subject, body, to=[user.email], headers={"Content-Language": language}
    )
    return message.send()
