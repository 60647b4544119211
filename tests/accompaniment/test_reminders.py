"""The daily reminders: each goes out once, in its recipient's language, even
when the task runs twice."""

import datetime

from django.core import mail

from accompaniment.models import SentReminder
from accompaniment.reminders import reminders_send
from accompaniment.services import action_item_save, engagement_save
from accompaniment.tasks import reminders_send_daily

TODAY = datetime.date(2026, 3, 10)


def test_each_reminder_goes_out_once_in_the_recipients_language(
    convening, bolivia, facilitator, bolivia_member, settings
):
    settings.FOLLOWUP_QUIET_DAYS = 60
    settings.REMINDER_DUE_SOON_DAYS = 3
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    facilitator.preferred_language = "en"
    facilitator.save()
    bolivia.facilitators.add(facilitator)
    action_item_save(
        delegation=bolivia,
        user=facilitator,
        title="Enviar el plan costeado",
        owner_side="delegation",
        owner=bolivia_member,
        due_on=TODAY - datetime.timedelta(days=2),
    )
    action_item_save(
        delegation=bolivia,
        user=facilitator,
        title="Send the template",
        owner_side="organizers",
        owner=facilitator,
        due_on=TODAY + datetime.timedelta(days=2),
    )

    first = reminders_send(today=TODAY, base_url="https://academy.example.org/")
    second = reminders_send(today=TODAY, base_url="https://academy.example.org/")

    # Overdue (member, Spanish), due soon (facilitator, English), and the
    # convening (June 2025) with no contact since: the facilitator again.
    assert (first, second) == (3, 0)
    by_person = {}
    for message in mail.outbox:
        by_person.setdefault(message.to[0], []).append(message)
    [overdue] = by_person[bolivia_member.email]
    assert overdue.subject == "Acción vencida — Bolivia"
    assert (
        "«Enviar el plan costeado»" in overdue.body
        or "Enviar el plan costeado" in overdue.body
    )
    assert (
        f"https://academy.example.org/delegations/{bolivia.pk}/follow-up/"
        in overdue.body
    )
    subjects = sorted(m.subject for m in by_person[facilitator.email])
    assert subjects == [
        "Action due soon — Bolivia",
        "No contact with Bolivia for a while",
    ]


def test_a_new_contact_or_due_date_arms_the_reminder_again(
    convening, bolivia, facilitator
):
    bolivia.facilitators.add(facilitator)
    reminders_send(today=TODAY, base_url="https://x/")
    assert len(mail.outbox) == 1  # no contact since the convening

    engagement_save(
        delegation=bolivia,
        user=facilitator,
        kind="call",
        starts_on=TODAY - datetime.timedelta(days=1),
    )
    later = TODAY + datetime.timedelta(days=90)
    reminders_send(today=later, base_url="https://x/")
    reminders_send(today=later, base_url="https://x/")

    assert len(mail.outbox) == 2  # a new quiet stretch, recalled once
    assert SentReminder.objects.count() == 2


def test_a_twin_scheduler_that_already_sent_it_sends_nothing(
    convening, bolivia, facilitator
):
    bolivia.facilitators.add(facilitator)
    since = convening.end_date
    SentReminder.objects.create(
        key=f"quiet:delegation-{bolivia.pk}:{since:%Y-%m-%d}", recipient=facilitator
    )

    assert reminders_send(today=TODAY, base_url="https://x/") == 0
    assert mail.outbox == []


def test_the_daily_task_runs_the_reminders(convening, bolivia, facilitator, settings):
    settings.SITE_URL = "https://academy.example.org/"
    bolivia.facilitators.add(facilitator)

    assert reminders_send_daily() >= 1
    assert reminders_send_daily() == 0
    assert "https://academy.example.org/" in mail.outbox[0].body


def test_a_convenings_own_thresholds_decide_the_board_and_the_reminders(
    client, convening, bolivia, facilitator, organizer, settings
):
    settings.FOLLOWUP_QUIET_DAYS = 60
    bolivia.facilitators.add(facilitator)
    engagement_save(
        delegation=bolivia,
        user=facilitator,
        kind="call",
        starts_on=TODAY - datetime.timedelta(days=20),
    )
    action_item_save(
        delegation=bolivia,
        user=facilitator,
        title="Send the template",
        owner_side="organizers",
        owner=facilitator,
        due_on=TODAY + datetime.timedelta(days=6),
    )
    assert reminders_send(today=TODAY, base_url="https://x/") == 0  # defaults

    client.force_login(organizer)
    refused = client.post(
        f"/convenings/{convening.pk}/follow-up/settings/",
        {"quiet_days": 3, "due_soon_days": 7},
    )
    saved = client.post(
        f"/convenings/{convening.pk}/follow-up/settings/",
        {"quiet_days": 14, "due_soon_days": 7},
    )

    assert refused.status_code == 400
    assert "greater than or equal to 7" in refused.content.decode()
    assert saved.status_code == 302
    board = client.get(f"/convenings/{convening.pk}/follow-up/").content.decode()
    assert "for more than 14 days" in board
    assert reminders_send(today=TODAY, base_url="https://x/") == 2  # quiet, due soon
    assert sorted(m.subject for m in mail.outbox) == [
        "Action due soon — Bolivia",
        "No contact with Bolivia for a while",
    ]
