"""A survey's raw answers as a spreadsheet: one row per submitted response,
one column per question, every text neutralized against formulas. An
anonymous survey's rows name no one: they carry a short pseudonym (the start
of the respondent key), the same in every survey of the convening."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

from common.spreadsheets import cell_neutralize
from evaluation.enums import QuestionKind
from evaluation.models import Answer, Survey
from evaluation.selectors import questions_of


def answers_xlsx(*, survey: Survey) -> bytes:
    questions = questions_of(survey=survey)
    texts = {c.pk: c.text for q in questions for c in q.choices.all()}
    responses = list(
        survey.responses.filter(submitted_at__isnull=False)
        .select_related("participant__user", "delegation")
        .order_by("submitted_at", "pk")
    )
    answers = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(response__in=responses).prefetch_related(
            "choices"
        )
    }
    headers = [
        _("Respondent"),
        _("Delegation"),
        _("Language"),
        _("Submitted"),
        *[f"{n}. {q.text}" for n, q in enumerate(questions, start=1)],
    ]
    headers = [cell_neutralize(h) for h in headers]
    sheet = tablib.Dataset(headers=headers, title=_("Answers")[:31])
    zone = survey.convening.zone
    for response in responses:
        who = (
            response.participant.user.full_name
            if response.participant_id
            else _("Respondent %(key)s") % {"key": response.respondent_key[:8]}
        )
        row = [
            who,
            str(response.delegation.country.name) if response.delegation_id else "",
            response.language,
            timezone.localtime(response.submitted_at, zone).strftime("%Y-%m-%d %H:%M"),
        ]
        for question in questions:
            answer = answers.get((response.pk, question.pk))
            if answer is None:
                row.append("")
            elif question.kind == QuestionKind.LIKERT:
                row.append(answer.scale)
            elif question.kind == QuestionKind.TEXT:
                row.append(answer.text)
            else:
                row.append("; ".join(texts[c.pk] for c in answer.choices.all()))
        sheet.append([cell_neutralize(value) for value in row])
    return sheet.export("xlsx")
