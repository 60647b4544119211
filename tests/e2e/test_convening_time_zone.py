"""An organizer edits a convening's time zone in a real browser: the list is
searchable, follows the host country, and a change shows what happens to the
sessions before it is saved."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_moves_the_convening_to_another_zone_keeping_local_times(
    new_page, organizer, convening
):
    session = factories.session_at(convening, 24, 9, title="Opening")
    page = new_page()
    sign_in(page, organizer.email)
    page.goto(f"/convenings/{convening.pk}/edit/")
    zone = page.get_by_label("Time zone", exact=True)

    # The country decides the zone until the organizer picks one.
    page.get_by_label("Country").select_option("CO")
    expect(zone).to_have_value("America/Bogota")
    page.get_by_role("searchbox", name="Search time zones").fill("mexico city")
    expect(zone).to_have_value("America/Mexico_City")
    page.get_by_label("Country").select_option("PE")
    expect(zone).to_have_value("America/Mexico_City")

    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role(
            "heading", name="From America/Panama to America/Mexico_City: the sessions"
        )
    ).to_be_visible()
    expect(page.get_by_label("Keep their local times", exact=False)).to_be_checked()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The convening was saved.")).to_be_visible()
    session.refresh_from_db()
    convening.refresh_from_db()
    local = session.starts_at.astimezone(convening.zone)
    assert (convening.time_zone, local.hour) == ("America/Mexico_City", 9)
