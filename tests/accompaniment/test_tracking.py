"""Tracking indicators against their targets: periods made from the plan, a
member's update with its categories and evidence, its review (returned,
corrected, approved), cumulative actuals, and bad input refused on its field."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from accompaniment.models import (
    Attachment,
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
)
from accompaniment.services import (
    categories_ensure,
    indicator_update_review,
    indicator_update_save,
    periods_sync,
)
from roadmaps.models import Indicator, Pillar
from tests.accompaniment.tracking import (
    LAST_YEAR,
    PDF,
    THIS_YEAR,
    TODAY,
    post_update,
    sex_categories,
    table,
    this_year_period,
)
from tests.factories import roadmaps as roadmap_factories


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
