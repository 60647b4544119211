"""Tracking over time: the periods' reminders, the editor's indicator form,
the timeline of updates, the period page (target and lock), the daily task, and
the way in from a member's home page."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from accompaniment.models import (
    ReportingPeriod,
)
from accompaniment.reminders import reminders_send
from accompaniment.services import (
    indicator_update_save,
    periods_sync,
)
from roadmaps.models import Indicator
from roadmaps.services import item_update
from tests.accompaniment.tracking import (
    LAST_YEAR,
    TODAY,
    table,
    this_year_period,
)


def test_periods_are_reminded_once_to_the_focal_point(
    bolivia, bolivia_member, roadmap, women_trained, settings
):
    settings.REMINDER_PERIOD_DAYS = 14
    settings.REMINDER_DUE_SOON_DAYS = 0
    settings.FOLLOWUP_QUIET_DAYS = 10_000
    bolivia.focal_point = bolivia_member
    bolivia.save()
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    periods_sync(roadmap=roadmap, indicators=[women_trained])
    ending = this_year_period(women_trained)  # ends on 31 December
    today = ending.ends_on - datetime.timedelta(days=10)
    last_year = ReportingPeriod.objects.get(
        indicator=women_trained, starts_on=datetime.date(LAST_YEAR, 1, 1)
    )
    convening = bolivia.convening
    convening.start_date = datetime.date(LAST_YEAR, 5, 30)
    convening.end_date = datetime.date(LAST_YEAR, 6, 1)
    convening.save()

    sent = [reminders_send(today=today, base_url="https://x.org") for _ in "12"]

    # The period ending soon; last year's ended more than 90 days ago.
    assert sent == [1, 0]
    message = mail.outbox[0]
    assert message.to == [bolivia_member.email]
    assert message.subject == "Actualización de indicador próxima — Bolivia"
    assert f"/delegations/{bolivia.pk}/indicators/" in message.body
    assert last_year.ends_on < today - datetime.timedelta(days=90)


def test_an_update_late_is_reminded_once(
    bolivia, bolivia_member, roadmap, women_trained, settings
):
    settings.FOLLOWUP_QUIET_DAYS = 10_000
    bolivia.focal_point = bolivia_member
    bolivia.save()
    convening = bolivia.convening
    convening.start_date = datetime.date(LAST_YEAR, 5, 30)
    convening.end_date = datetime.date(LAST_YEAR, 6, 1)
    convening.save()
    periods_sync(roadmap=roadmap, indicators=[women_trained])
    ended = ReportingPeriod.objects.get(
        indicator=women_trained, starts_on=datetime.date(LAST_YEAR, 1, 1)
    )
    today = ended.ends_on + datetime.timedelta(days=20)
    indicator_update_save(  # a draft does not count as reported
        period=ended,
        user=bolivia_member,
        fields={"value": Decimal("5"), "as_of": ended.ends_on},
        today=today,
    )

    assert reminders_send(today=today, base_url="https://x.org") == 1
    assert reminders_send(today=today, base_url="https://x.org") == 0
    assert mail.outbox[0].subject == "Indicator update overdue — Bolivia"


def test_the_editor_s_indicator_form_takes_measure_direction_and_dimensions(
    bolivia_member, women_trained
):
    item_update(
        user=bolivia_member,
        item=women_trained,
        base_version=women_trained.version,
        changes={"measure": "percentage", "ascending": False, "dimensions": ["sex"]},
    )

    women_trained.refresh_from_db()
    assert (women_trained.measure, women_trained.ascending) == ("percentage", False)
    with pytest.raises(Exception, match="Choose among the listed ones"):
        item_update(
            user=bolivia_member,
            item=women_trained,
            base_version=women_trained.version,
            changes={"dimensions": ["religion"]},
        )


def test_the_timeline_shows_submitted_updates_and_filters_by_kind(
    client, bolivia, bolivia_member, assigned, women_trained
):
    periods_sync(roadmap=bolivia.roadmap, indicators=[women_trained])
    period = this_year_period(women_trained)
    indicator_update_save(
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("7"), "as_of": TODAY},
        submit=True,
    )
    indicator_update_save(  # a draft stays off the timeline
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("999"), "as_of": TODAY},
    )
    from accompaniment.services import engagement_save

    engagement_save(
        delegation=bolivia,
        user=assigned,
        kind="call",
        starts_on=TODAY,
        summary="A call about the figures.",
    )
    client.force_login(assigned)
    url = f"/delegations/{bolivia.pk}/follow-up/"

    everything = client.get(url).content.decode()
    updates_only = client.get(url, {"show": "updates"}).content.decode()

    assert "Women mediators trained" in everything
    assert "A call about the figures." in everything and "999" not in everything
    assert "Women mediators trained" in updates_only
    assert "A call about the figures." not in updates_only


def test_the_table_lists_the_periods_begun_and_the_next_one(
    client, bolivia, organizer, roadmap, women_trained
):
    Indicator.objects.filter(pk=women_trained.pk).update(frequency="quarterly")
    client.force_login(organizer)

    page = table(client, bolivia).content.decode()
    every = client.get(
        f"/delegations/{bolivia.pk}/indicators/", {"periods": "all"}
    ).content.decode()

    begun = ReportingPeriod.objects.filter(
        indicator=women_trained, starts_on__lte=TODAY
    ).count()
    assert page.count('<tr id="period-') == begun + 1
    assert every.count('<tr id="period-') == 12  # three years of quarters
    assert f"{12 - begun - 1} later periods not shown" in page


def test_the_staff_set_a_target_and_the_organizers_lock_on_the_period_page(
    client, bolivia, assigned, organizer, bolivia_member, women_trained
):
    periods_sync(roadmap=bolivia.roadmap, indicators=[women_trained])
    period = this_year_period(women_trained)
    url = f"/periods/{period.pk}/"
    client.force_login(assigned)

    page = client.get(url).content.decode()
    client.post(f"{url}target/", {"target_value": "35", "version": period.version})
    refused_lock = client.post(f"{url}lock/", {"locked": "1"})

    assert 'name="target_value"' in page and "Lock the period" not in page
    period.refresh_from_db()
    assert period.target_value == Decimal("35") and refused_lock.status_code == 404
    client.force_login(organizer)
    client.post(f"{url}lock/", {"locked": "1"})
    period.refresh_from_db()
    assert period.is_locked
    client.force_login(bolivia_member)
    member_page = client.get(url).content.decode()
    assert 'name="target_value"' not in member_page
    assert "Report on an indicator" not in member_page  # locked: no more updates


def test_the_daily_task_makes_the_periods_nobody_opened_and_reminds_them(
    bolivia, bolivia_member, roadmap, women_trained, settings
):
    from accompaniment.tasks import reminders_send_daily

    settings.FOLLOWUP_QUIET_DAYS = 10_000
    settings.REMINDER_PERIOD_DAYS = 400  # this year's period ends within it
    bolivia.focal_point = bolivia_member
    bolivia.save()
    assert not ReportingPeriod.objects.exists()

    reminders_send_daily()

    assert ReportingPeriod.objects.filter(indicator=women_trained).count() == 3
    assert any(m.subject.startswith("Indicator update") for m in mail.outbox)


def test_a_member_finds_the_indicators_and_the_path_from_home(
    client, bolivia, bolivia_member
):
    client.force_login(bolivia_member)

    home = client.get("/").content.decode()

    assert f"/delegations/{bolivia.pk}/indicators/" in home
    assert f"/delegations/{bolivia.pk}/nap-path/" in home
