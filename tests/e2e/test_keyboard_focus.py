"""Keyboard users keep their place when htmx swaps part of the page."""

import pytest
from playwright.sync_api import expect

from roadmaps.models import Pillar
from roadmaps.services import roadmap_initialize
from tests.academy.conftest import bolivia_participant, opening  # noqa: F401
from tests.e2e.conftest import sign_in
from tests.factories import roadmaps as roadmap_factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roll_call_focus_stays_on_the_button_pressed(
    new_page, facilitator, opening, bolivia_participant
):
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")
    page.wait_for_load_state("load")
    row = page.locator(f"#participant-{bolivia_participant.pk}")
    row.get_by_role("button", name="Late").focus()

    page.keyboard.press("Enter")

    expect(row.get_by_text("Late, marked at")).to_be_visible()
    # The row was replaced: the new "Late" button of the same row has the focus.
    expect(row.get_by_role("button", name="Late")).to_be_focused()


def test_editor_focus_moves_into_the_form_that_opens(new_page, bolivia, bolivia_member):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = roadmap_factories.outcome(roadmap, pillar, statement="Women mediate")
    page = new_page()
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")
    page.wait_for_load_state("load")
    page.locator(f"#{outcome.anchor}").get_by_role("link", name="Edit").first.focus()

    page.keyboard.press("Enter")

    form = page.locator("form.item-form")
    expect(form.get_by_label("Statement")).to_be_focused()
