"""Reminding the people who have not answered a named survey."""

from django.db import transaction
from django.utils import timezone

from evaluation.models import Survey, SurveyReminder
from evaluation.selectors import non_respondents


@transaction.atomic
def survey_reminders_send(*, survey: Survey, user, base_url: str = "") -> int:
    """Record a reminder for each participant who has not submitted ``survey``
    (named and open) and, after the transaction commits, queue one e-mail per
    person (``evaluation.tasks.survey_reminder_send``, in their language).
    Returns how many were queued; nothing for an anonymous or closed survey."""
    from evaluation.tasks import survey_reminder_send

    if survey.anonymous or not survey.is_open:
        return 0
    now = timezone.now()
    reminders = SurveyReminder.objects.bulk_create(
        SurveyReminder(
            survey=survey, participant=row.participant, sent_by=user, sent_at=now
        )
        for row in non_respondents(survey=survey)
    )
    for reminder in reminders:
        transaction.on_commit(
            lambda pk=reminder.pk: survey_reminder_send.delay(
                reminder_id=pk, base_url=base_url
            )
        )
    return len(reminders)
