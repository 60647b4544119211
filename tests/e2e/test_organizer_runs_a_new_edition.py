"""The demo organizer starts a third edition in a real browser, without the admin:
creates a convening in Bogotá, builds the team (a co-organizer, a facilitator
assigned to the delegation), imports the participants from the downloaded
template, builds the agenda with that facilitator, moves the convening to
another time zone keeping the sessions' local times, and marks everyone present."""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from academy.models import (
    Attendance,
    Convening,
    ConveningRole,
    Delegation,
    Participant,
    TeamChange,
)
from accounts.models import User
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_organizer_runs_a_new_edition_in_the_browser(
    new_page, in_process_tasks, tmp_path
):
    call_command("seed_demo", verbosity=0)
    User.objects.filter(email="organizer@example.org").update(preferred_language="en")
    page = new_page()
    sign_in(page, "organizer@example.org", password="academy-demo")

    # A new convening in Bogotá: the zone follows the host country.
    page.get_by_role("link", name="New convening").click()
    page.get_by_label("Name in English").fill("WPS NAP Academy — Bogotá 2027")
    page.get_by_label("Edition").fill("3")
    page.get_by_label("City in Spanish").fill("Bogotá")
    page.get_by_label("Country").select_option("CO")
    expect(page.get_by_label("Time zone", exact=True)).to_have_value("America/Bogota")
    page.get_by_label("Start date").fill("2027-03-09")
    page.get_by_label("End date").fill("2027-03-11")
    page.get_by_role("checkbox", name="Spanish").check()
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Create convening").click()
    expect(page.get_by_text("The convening was created.")).to_be_visible()
    convening = Convening.objects.get(edition=3)
    assert convening.time_zone == "America/Bogota"

    # Its delegation, then its team.
    page.get_by_role("link", name="Add delegation").first.click()
    page.get_by_label("Country").select_option("CO")
    page.get_by_role("button", name="Add delegation").click()
    expect(page.get_by_role("heading", name="Delegation of Colombia")).to_be_visible()
    colombia = Delegation.objects.get(convening=convening)
    page.goto(f"/convenings/{convening.pk}/team/")
    for email, name, role in (
        ("co.organizer@example.org", "Carmen Coorganiza", "organizer"),
        ("nueva.facilitadora@example.org", "Nadia Facilita", "facilitator"),
    ):
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Full name").fill(name)
        page.get_by_role("combobox", name="Role").select_option(role)
        page.get_by_role("button", name="Add and tell them by e-mail").click()
        expect(page.get_by_text(f"{name} is now")).to_be_visible()
    page.goto(f"/delegations/{colombia.pk}/edit/")
    page.get_by_label("Nadia Facilita").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The delegation was saved.")).to_be_visible()
    nadia = User.objects.get(email="nueva.facilitadora@example.org")
    assert list(colombia.facilitators.all()) == [nadia]
    assert ConveningRole.objects.filter(convening=convening).count() == 3
    assert TeamChange.objects.filter(convening=convening).count() == 3

    # Participants from the downloaded template, as it comes.
    page.goto(f"/convenings/{convening.pk}/participants/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX in Spanish").click()
    template = tmp_path / "plantilla.xlsx"
    download.value.save_as(template)
    page.get_by_label("CSV or XLSX file").set_input_files(str(template))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 1 participant").click()
    expect(page.get_by_text("1 participant was imported")).to_be_visible()
    assert Participant.objects.get(convening=convening).delegation == colombia

    # The agenda, with the new facilitator.
    page.goto(f"/convenings/{convening.pk}/sessions/new/")
    page.get_by_label("Title in English").fill("Gender budgeting lab")
    page.get_by_label("Day").fill("2027-03-10")
    page.get_by_label("Starts at").fill("09:00")
    page.get_by_label("Ends at").fill("10:30")
    page.get_by_label("Nadia Facilita").check()
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_text("Gender budgeting lab").first).to_be_visible()
    session = convening.sessions.get()
    assert list(session.facilitators.all()) == [nadia]

    # Another time zone, keeping the sessions' local times.
    page.goto(f"/convenings/{convening.pk}/edit/")
    page.get_by_role("searchbox", name="Search time zones").fill("mexico city")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Keep their local times", exact=False)).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The convening was saved.")).to_be_visible()
    session.refresh_from_db()
    convening.refresh_from_db()
    local = session.starts_at.astimezone(convening.zone)
    assert (convening.time_zone, local.date(), local.hour) == (
        "America/Mexico_City",
        datetime.date(2027, 3, 10),
        9,
    )

    # The roll call: everyone present.
    page.goto(f"/sessions/{session.pk}/roll-call/")
    page.get_by_role("button", name="Mark everyone not yet marked present").click()
    expect(page.locator("#roll-call-count")).to_have_text("1 of 1 participants marked.")
    assert list(
        Attendance.objects.filter(session=session).values_list("status", flat=True)
    ) == ["present"]
