"""The follow-up after the convening in real browsers: a facilitator logs a
mission with its agreements and an action for the delegation; a member of the
delegation reads it and marks the action done in place."""

import pytest
from playwright.sync_api import expect

from accompaniment.models import ActionItem
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_logs_a_mission_and_the_member_closes_the_action(
    new_page, bolivia, facilitator, bolivia_member
):
    bolivia.facilitators.add(facilitator)
    staff = new_page()
    sign_in(staff, facilitator.email)
    staff.goto(f"/delegations/{bolivia.pk}/")
    staff.get_by_role("link", name="Follow-up log").click()
    staff.get_by_role("link", name="Record an engagement").click()
    staff.get_by_label("Type").select_option("mission")
    staff.get_by_label("Date").fill("2025-09-01")
    staff.get_by_label("Until").fill("2025-09-03")
    staff.get_by_label("Modality").select_option("in_person")
    staff.get_by_label("Place").fill("La Paz")
    staff.get_by_label("Gender budgeting").check()
    staff.get_by_label("Summary").fill("Three days with the drafting team.")
    staff.get_by_label("Agreements").fill("Cost pillar 1 before the validation.")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("The engagement is in the follow-up log.")).to_be_visible()
    staff.get_by_role("link", name="Add an action agreed here").click()
    staff.get_by_role("textbox", name="Action").fill("Cost the activities of pillar 1")
    staff.get_by_label("Person in charge").select_option(label=bolivia_member.full_name)
    staff.get_by_label("Due date").fill("2030-10-15")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("Cost the activities of pillar 1").first).to_be_visible()

    member = new_page()
    sign_in(member, bolivia_member.email)
    member.goto(f"/delegations/{bolivia.pk}/follow-up/")
    expect(member.get_by_text("Three days with the drafting team.")).to_be_visible()
    still_to_do = member.get_by_role("region", name="Still to do")
    still_to_do.get_by_label(
        "Status of “Cost the activities of pillar 1”"
    ).select_option("done")
    with member.expect_response(lambda r: "/status/" in r.url) as answer:
        still_to_do.get_by_role("button", name="Set").click()

    # Swapped in place (htmx), no reload: the row is the server's answer.
    assert answer.value.status == 200
    assert answer.value.request.headers.get("hx-request") == "true"
    expect(
        still_to_do.get_by_label("Status of “Cost the activities of pillar 1”")
    ).to_have_value("done")
    assert ActionItem.objects.get().status == "done"
