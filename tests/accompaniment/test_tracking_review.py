"""Tracking, under pressure: two reviewers at once, the baseline once the
roadmap is final, another delegation kept out, the table's constant queries,
and the table in Spanish."""

from decimal import Decimal

import pytest

from accompaniment.models import (
    ReportingPeriod,
)
from accompaniment.services import (
    indicator_update_review,
    indicator_update_save,
    periods_sync,
)
from roadmaps.models import Pillar
from tests.accompaniment.tracking import (
    LAST_YEAR,
    TODAY,
    post_update,
    sex_categories,
    table,
    this_year_period,
)
from tests.factories import roadmaps as roadmap_factories


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
