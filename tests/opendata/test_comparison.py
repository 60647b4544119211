"""The comparison by pillar: who sees it, what a delegation that does not
share shows (its name), budgets in the common currency with stated rates (a
currency without one apart), and a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from opendata.comparison import cohort_comparison
from opendata.services import exchange_rate_save, sharing_save
from roadmaps.demo import demo_roadmap_fill
from roadmaps.models import Activity, Outcome
from roadmaps.services import roadmap_initialize
from tests import factories


def _compared(delegation, value=True):
    sharing_save(
        delegation=delegation,
        user=None,
        share_results=False,
        share_with_cohort=value,
    )


@pytest.fixture
def two_filled(demo_roadmap, ecuador):
    demo_roadmap_fill(roadmap=roadmap_initialize(roadmap=ecuador.roadmap))
    return demo_roadmap.delegation, ecuador


def test_a_delegation_that_does_not_share_appears_by_name_only(
    client, two_filled, organizer
):
    bolivia, ecuador = two_filled
    _compared(bolivia)
    comparison = cohort_comparison(convening=bolivia.convening)
    shown = {d for row in comparison.rows for d in row.cells}
    assert shown == {bolivia.pk}
    client.force_login(organizer)
    html = client.get(
        reverse("opendata:comparison", kwargs={"pk": bolivia.convening_id})
    ).content.decode()
    assert "Ecuador" in html and "not compared" in html
    bolivia_outcome = Outcome.objects.filter(roadmap=bolivia.roadmap).first()
    assert bolivia_outcome.statement in html
    # Ecuador's roadmap is the same demo text: only Bolivia's row holds it.
    assert html.count(bolivia_outcome.statement) == 1


def test_members_see_it_only_when_their_delegation_shares(
    client, two_filled, bolivia_member, ecuador_member
):
    bolivia, ecuador = two_filled
    _compared(bolivia)
    url = reverse("opendata:comparison", kwargs={"pk": bolivia.convening_id})
    client.force_login(ecuador_member)
    assert client.get(url).status_code == 404
    client.force_login(bolivia_member)
    assert client.get(url).status_code == 200
    _compared(bolivia, False)  # withdrawn: the page closes at once
    assert client.get(url).status_code == 404


def test_budgets_convert_with_stated_rates_and_keep_unknown_currencies_apart(
    client, two_filled, organizer
):
    bolivia, _ecuador = two_filled
    _compared(bolivia)
    activities = Activity.objects.filter(roadmap=bolivia.roadmap, cost__isnull=False)
    first, second = activities[0], activities[1]
    Activity.objects.filter(pk=first.pk).update(currency="BOB", cost=Decimal("690"))
    Activity.objects.filter(pk=second.pk).update(currency="EUR", cost=Decimal("100"))
    bolivia.roadmap.activities_revision += 1  # a bulk write around the services
    bolivia.roadmap.save(update_fields=["activities_revision"])
    exchange_rate_save(
        convening=bolivia.convening,
        currency="bob",
        rate=Decimal("0.1449"),
        as_of=datetime.date(2025, 6, 1),
    )
    comparison = cohort_comparison(convening=bolivia.convening)
    unconverted = [
        currency
        for row in comparison.rows
        for cell in row.cells.values()
        for currency in cell.unconverted
    ]
    assert unconverted == ["EUR"]
    client.force_login(organizer)
    html = client.get(
        reverse("opendata:comparison", kwargs={"pk": bolivia.convening_id})
    ).content.decode()
    assert "1 BOB = 0.1449 USD" in html
    assert "EUR 100 not converted: no rate" in html


def test_the_page_keeps_its_queries_as_delegations_grow(
    client, convening, organizer, django_assert_max_num_queries
):
    def add(countries):
        for country in countries:
            delegation = factories.DelegationFactory(
                convening=convening, country=country
            )
            demo_roadmap_fill(roadmap=roadmap_initialize(roadmap=delegation.roadmap))
            _compared(delegation)

    url = reverse("opendata:comparison", kwargs={"pk": convening.pk})
    client.force_login(organizer)
    add(["BO", "EC"])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    ceiling = len(few.captured_queries)
    add(["CR", "PA", "CO", "GT"])
    client.force_login(organizer)
    with django_assert_max_num_queries(ceiling):
        page = client.get(url)
    assert page.content.decode().count("% complete") == 6


def test_the_demo_compares_two_delegations_and_names_the_others(db):
    from django.core.management import call_command

    from academy.models import Convening

    call_command("seed_demo")
    panama = Convening.objects.get(edition=2)
    comparison = cohort_comparison(convening=panama)
    compared = sorted(
        d.country.code for d in comparison.delegations if d.shares_with_cohort
    )
    assert compared == ["CR", "PA"]
    assert [d.country.code for d in comparison.delegations] == ["BO", "CR", "EC", "PA"]
