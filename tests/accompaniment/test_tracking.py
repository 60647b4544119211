"""Tracking indicators against their targets: periods made from the plan, a
member's update with its categories and evidence, its review (returned,
corrected, approved), the table that shows the result, bad input refused on
its field, two reviewers at once, the baseline once the roadmap is final, and
the reminders of the periods."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from accompaniment.models import (
    Attachment,
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
)
from accompaniment.reminders import reminders_send
from accompaniment.services import (
    categories_ensure,
    indicator_update_review,
    indicator_update_save,
    periods_sync,
)
from roadmaps.models import Indicator, Pillar
from roadmaps.services import item_update, roadmap_initialize
from tests.factories import roadmaps as roadmap_factories

TODAY = timezone.localdate()
LAST_YEAR, THIS_YEAR = TODAY.year - 1, TODAY.year
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def roadmap(bolivia):
    roadmap = bolivia.roadmap
    roadmap.plan_start_year, roadmap.plan_end_year = LAST_YEAR, THIS_YEAR + 1
    roadmap.save()
    return roadmap_initialize(roadmap=roadmap)


@pytest.fixture
def women_trained(roadmap):
    """Women mediators trained: cumulative, yearly, broken down by sex."""
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = roadmap_factories.outcome(roadmap, pillar)
    return roadmap_factories.indicator(
        roadmap,
        outcome,
        statement="Women mediators trained",
        unit="people",
        frequency="yearly",
        cumulative=True,
        dimensions=["sex"],
        baseline_value=Decimal("0"),
        baseline_year=LAST_YEAR - 1,
        target_value=Decimal("60"),
        target_year=THIS_YEAR + 1,
    )


@pytest.fixture
def assigned(bolivia, facilitator):
    bolivia.facilitators.add(facilitator)
    return facilitator


def table(client, delegation):
    return client.get(f"/delegations/{delegation.pk}/indicators/")


def this_year_period(indicator):
    return ReportingPeriod.objects.get(
        indicator=indicator, starts_on=datetime.date(THIS_YEAR, 1, 1)
    )


def sex_categories(roadmap):
    categories_ensure(roadmap=roadmap)
    return {
        c.code: c
        for c in DisaggregationCategory.objects.filter(roadmap=roadmap, dimension="sex")
    }


def test_the_table_makes_the_periods_the_plan_calls_for(
    client, bolivia, bolivia_member, women_trained
):
    client.force_login(bolivia_member)

    page = table(client, bolivia).content.decode()

    periods = list(ReportingPeriod.objects.filter(indicator=women_trained))
    assert [p.starts_on.year for p in periods] == [LAST_YEAR, THIS_YEAR, THIS_YEAR + 1]
    # A cumulative indicator carries its target in the target year.
    assert [p.target_value for p in periods] == [None, None, Decimal("60")]
    assert "Women mediators trained" in page and "higher is better" in page
    assert page.count('class="btn btn-sm btn-outline-primary" href="/periods/') == 2
    # Visiting again makes nothing twice.
    table(client, bolivia)
    assert ReportingPeriod.objects.filter(indicator=women_trained).count() == 3


def test_a_period_reported_on_is_kept_when_the_frequency_changes(
    bolivia_member, roadmap, women_trained
):
    periods_sync(roadmap=roadmap, indicators=[women_trained])
    period = this_year_period(women_trained)
    indicator_update_save(
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("5"), "as_of": TODAY},
    )
    women_trained.frequency = "twice_a_year"
    women_trained.save()

    periods_sync(roadmap=roadmap, indicators=[women_trained])

    kept = ReportingPeriod.objects.filter(indicator=women_trained)
    assert period.pk in {p.pk for p in kept}
    assert kept.count() == 1 + 6  # the one reported on, and the half-years


def post_update(client, period, **data):
    return client.post(f"/periods/{period.pk}/updates/new/", data)


def test_member_reports_facilitator_returns_member_corrects_organizer_approves(
    client, bolivia, bolivia_member, assigned, organizer, women_trained
):
    client.force_login(bolivia_member)
    table(client, bolivia)
    period = this_year_period(women_trained)
    sex = sex_categories(bolivia.roadmap)

    response = post_update(
        client,
        period,
        value="25",
        as_of=TODAY.isoformat(),
        narrative="Two courses held.",
        **{f"category_{sex['women'].pk}": "20", f"category_{sex['men'].pk}": "4"},
        submit="1",
    )
    update = IndicatorUpdate.objects.get()
    assert response.status_code == 302 and update.status == "submitted"
    handle = io.BytesIO(PDF)
    handle.name = "lista.pdf"
    # Submitted: the member can no longer change it or attach to it.
    client.post(f"/updates/{update.pk}/evidence/", {"file": handle})
    assert not Attachment.objects.exists()
    detail = client.get(f"/updates/{update.pk}/").content.decode()
    assert "The categories do not add up to the value: Sex." in detail

    client.force_login(assigned)
    client.post(
        f"/updates/{update.pk}/review/",
        {
            "decision": "return",
            "comment": "Women and men add up to 24, not 25.",
            "version": update.version,
        },
    )
    update.refresh_from_db()
    assert update.status == "returned"

    client.force_login(bolivia_member)
    form = client.get(f"/updates/{update.pk}/edit/").content.decode()
    assert "Women and men add up to 24, not 25." in form
    handle = io.BytesIO(PDF)
    handle.name = "lista.pdf"
    client.post(f"/updates/{update.pk}/evidence/", {"file": handle})
    client.post(
        f"/updates/{update.pk}/edit/",
        {
            "value": "24",
            "as_of": TODAY.isoformat(),
            "narrative": "Two courses held.",
            f"category_{sex['women'].pk}": "20",
            f"category_{sex['men'].pk}": "4",
            "version": update.version + 0,
            "submit": "1",
        },
    )
    update.refresh_from_db()
    assert (update.status, update.value) == ("submitted", Decimal("24"))
    assert update.evidence_files.get().name == "lista.pdf"

    client.force_login(organizer)
    client.post(
        f"/updates/{update.pk}/review/",
        {"decision": "approve", "comment": "", "version": update.version},
    )
    update.refresh_from_db()
    assert update.status == "approved" and update.reviewed_by == organizer

    page = table(client, bolivia).content.decode()
    row = page[page.index(f'id="period-{period.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "<strong>24</strong>" in row
    assert "Women: 20" in row and "Men: 4" in row
    assert "Approved" in row
    statuses = [r.status for r in update.history.order_by("history_id")]
    assert statuses == ["submitted", "returned", "submitted", "approved"]


def test_a_cumulative_actual_is_the_sum_and_percent_counts_down_too(
    client, bolivia, bolivia_member, organizer, roadmap, women_trained
):
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = roadmap_factories.outcome(roadmap, pillar, statement="Less violence")
    cases = roadmap_factories.indicator(
        roadmap,
        outcome,
        statement="Reported cases of violence",
        frequency="yearly",
        ascending=False,
        baseline_value=Decimal("40"),
        baseline_year=LAST_YEAR - 1,
        target_value=Decimal("20"),
        target_year=THIS_YEAR + 1,
    )
    periods_sync(roadmap=roadmap, indicators=[women_trained, cases])
    for indicator, values in ((women_trained, ["10", "15"]), (cases, ["35", "30"])):
        period = this_year_period(indicator)
        period.target_value = Decimal("30") if indicator == cases else Decimal("40")
        period.save()
        for day, value in enumerate(values, start=1):
            update = indicator_update_save(
                period=period,
                user=bolivia_member,
                fields={
                    "value": Decimal(value),
                    "as_of": datetime.date(THIS_YEAR, 1, day),
                },
                submit=True,
            )
            indicator_update_review(update=update, user=organizer, approve=True)
    client.force_login(organizer)

    page = table(client, bolivia).content.decode()

    trained = page[page.index(f'id="period-{this_year_period(women_trained).pk}"') :]
    trained = trained[: trained.index("</tr>")]
    assert "<strong>25</strong>" in trained  # 10 + 15
    assert "63 %" in trained  # 25 of the way from 0 to 40
    fell = page[page.index(f'id="period-{this_year_period(cases).pk}"') :]
    fell = fell[: fell.index("</tr>")]
    assert "<strong>30</strong>" in fell  # the latest, not the sum
    assert "100 %" in fell  # from 40 down to the period's target of 30


@pytest.mark.parametrize(
    ("setup", "data", "field", "message"),
    [
        ("locked", {"value": "3"}, None, "This period is locked"),
        ("future", {"value": "3"}, None, "has not started yet"),
        ("qualitative", {"narrative": ""}, "narrative", "This field is required"),
        (None, {"value": "-2"}, "value", "The value cannot be negative"),
        (None, {"value": "3", "as_of": "2099-01-01"}, "as_of", "in the future"),
        (None, {"value": ""}, "value", "Give the value for this period"),
        ("percentage", {"numerator": "7", "denominator": "5"}, "numerator", "between"),
        ("percentage", {"value": "130"}, "value", "at most 100"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    client,
    bolivia,
    bolivia_member,
    organizer,
    women_trained,
    setup,
    data,
    field,
    message,
):
    periods_sync(roadmap=bolivia.roadmap, indicators=[women_trained])
    period = this_year_period(women_trained)
    if setup == "locked":
        period.locked_at = timezone.now()
        period.save()
    elif setup == "future":
        period = ReportingPeriod.objects.get(
            indicator=women_trained, starts_on=datetime.date(THIS_YEAR + 1, 1, 1)
        )
    elif setup in {"qualitative", "percentage"}:
        Indicator.objects.filter(pk=women_trained.pk).update(
            measure=setup, target_value=None, baseline_value=None
        )
    client.force_login(bolivia_member)

    response = post_update(
        client, period, **{"as_of": TODAY.isoformat(), "submit": "1", **data}
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    shown = errors[field] if field else response.context["form"].non_field_errors()
    assert message in " ".join(shown)
    assert not IndicatorUpdate.objects.exists()


def test_a_value_on_a_qualitative_indicator_is_refused(bolivia_member, women_trained):
    Indicator.objects.filter(pk=women_trained.pk).update(
        measure="qualitative", target_value=None, baseline_value=None
    )
    periods_sync(roadmap=women_trained.roadmap, indicators=[women_trained])

    with pytest.raises(Exception, match="takes no value"):
        indicator_update_save(
            period=this_year_period(women_trained),
            user=bolivia_member,
            fields={"value": Decimal("3"), "narrative": "x", "as_of": TODAY},
        )


def test_categories_of_another_dimension_or_roadmap_are_refused(
    bolivia_member, ecuador, women_trained
):
    periods_sync(roadmap=women_trained.roadmap, indicators=[women_trained])
    categories_ensure(roadmap=ecuador.roadmap)
    categories_ensure(roadmap=women_trained.roadmap)
    elsewhere = DisaggregationCategory.objects.get(
        roadmap=ecuador.roadmap, code="women"
    )
    age = DisaggregationCategory.objects.get(
        roadmap=women_trained.roadmap, code="age_18_29"
    )

    for category in (elsewhere, age):
        with pytest.raises(Exception, match="do not exist for this indicator"):
            indicator_update_save(
                period=this_year_period(women_trained),
                user=bolivia_member,
                fields={"value": Decimal("3"), "as_of": TODAY},
                category_values={category.pk: Decimal("3")},
            )
    assert not IndicatorUpdate.objects.exists()


def test_two_reviewers_at_once_one_wins_the_other_is_told(
    client, bolivia, bolivia_member, assigned, organizer, women_trained
):
    periods_sync(roadmap=bolivia.roadmap, indicators=[women_trained])
    update = indicator_update_save(
        period=this_year_period(women_trained),
        user=bolivia_member,
        fields={"value": Decimal("5"), "as_of": TODAY},
        submit=True,
    )
    version = update.version
    client.force_login(organizer)
    client.post(
        f"/updates/{update.pk}/review/", {"decision": "approve", "version": version}
    )
    client.force_login(assigned)

    second = client.post(
        f"/updates/{update.pk}/review/",
        {"decision": "return", "comment": "Check it", "version": version},
    )

    assert second.status_code == 409
    assert "Olga Organizer already approved this update" in second.content.decode()
    update.refresh_from_db()
    assert (update.status, update.reviewed_by) == ("approved", organizer)


def test_two_reviewers_on_the_service(
    bolivia_member, assigned, organizer, women_trained
):
    periods_sync(roadmap=women_trained.roadmap, indicators=[women_trained])
    update = indicator_update_save(
        period=this_year_period(women_trained),
        user=bolivia_member,
        fields={"value": Decimal("5"), "as_of": TODAY},
        submit=True,
    )
    indicator_update_review(
        update=update, user=organizer, approve=True, base_version=update.version
    )

    with pytest.raises(Exception, match="Olga Organizer already approved"):
        indicator_update_review(
            update=update,
            user=assigned,
            approve=False,
            comment="no",
            base_version=update.version,
        )


def test_the_baseline_locks_when_the_roadmap_is_final_and_only_organizers_change_it(
    client, bolivia, bolivia_member, assigned, organizer, women_trained
):
    url = f"/indicators/{women_trained.pk}/baseline/"
    client.force_login(organizer)
    assert client.get(url).status_code == 404  # not final: the editor changes it
    roadmap = bolivia.roadmap
    roadmap.status = "final"
    roadmap.save()
    for who in (bolivia_member, assigned):
        client.force_login(who)
        assert client.get(url).status_code == 404

    client.force_login(organizer)
    refused = client.post(url, {"baseline_value": "3", "baseline_year": LAST_YEAR})
    saved = client.post(
        url,
        {
            "baseline_value": "3",
            "baseline_year": LAST_YEAR,
            "reason": "The 2024 survey was revised.",
        },
    )

    assert refused.status_code == 400
    assert saved.status_code == 302
    women_trained.refresh_from_db()
    assert women_trained.baseline_value == Decimal("3")
    record = women_trained.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        organizer,
        "The 2024 survey was revised.",
    )
    page = table(client, bolivia).content.decode()
    assert "locked" in page and url in page


def test_members_of_another_delegation_see_nothing(
    client, bolivia, bolivia_member, ecuador_member, women_trained
):
    periods_sync(roadmap=bolivia.roadmap, indicators=[women_trained])
    period = this_year_period(women_trained)
    update = indicator_update_save(
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("5"), "as_of": TODAY},
    )
    client.force_login(ecuador_member)

    assert table(client, bolivia).status_code == 404
    assert client.get(f"/updates/{update.pk}/").status_code == 404
    assert post_update(client, period, value="9", as_of=TODAY).status_code == 404
    assert client.post(f"/updates/{update.pk}/edit/", {"value": "9"}).status_code == 404


def test_the_table_costs_the_same_queries_with_more_indicators_and_updates(
    client,
    bolivia,
    bolivia_member,
    organizer,
    roadmap,
    women_trained,
    django_assert_max_num_queries,
):
    client.force_login(organizer)
    table(client, bolivia)
    sex = sex_categories(roadmap)
    first = indicator_update_save(
        period=this_year_period(women_trained),
        user=bolivia_member,
        fields={"value": Decimal("4"), "as_of": TODAY},
        category_values={sex["women"].pk: Decimal("4")},
    )
    assert first.evidence_files.count() == 0
    with django_assert_max_num_queries(200) as few:
        table(client, bolivia)
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = roadmap_factories.outcome(roadmap, pillar)
    more = [
        roadmap_factories.indicator(
            roadmap, outcome, frequency="quarterly", dimensions=["sex"]
        )
        for _ in range(5)
    ]
    periods_sync(roadmap=roadmap, indicators=[women_trained, *more])
    for indicator in more:
        for period in ReportingPeriod.objects.filter(
            indicator=indicator, starts_on__lte=TODAY
        )[:3]:
            update = indicator_update_save(
                period=period,
                user=bolivia_member,
                fields={"value": Decimal("4"), "as_of": period.starts_on},
                category_values={sex["women"].pk: Decimal("4")},
                submit=True,
            )
            indicator_update_review(update=update, user=organizer, approve=True)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = table(client, bolivia).content.decode()

    assert page.count("update-approved") == 15


def test_the_table_in_spanish(client, bolivia, bolivia_member, women_trained):
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    client.force_login(bolivia_member)

    page = table(client, bolivia).content.decode()

    for spanish in ("Indicadores de Bolivia", "Meta", "Valor real", "% de la meta"):
        assert spanish in page


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
