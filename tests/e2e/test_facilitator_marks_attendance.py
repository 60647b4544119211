"""A facilitator marks attendance in a real browser: one click per person, the
row changes in place (htmx, under the Content-Security-Policy), no page reload."""

import pytest
from playwright.sync_api import expect

from academy.models import Attendance
from tests.academy.conftest import (  # noqa: F401  (fixtures)
    bolivia_participant,
    ecuador_participant,
    opening,
)
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roll_call_marks_with_one_click_without_reloading(
    new_page,
    facilitator,
    opening,
    bolivia_participant,
    ecuador_participant,
):
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")
    page.evaluate("window.loadedOnce = 'yes'")
    berta = page.locator(f"#participant-{bolivia_participant.pk}")
    elena = page.locator(f"#participant-{ecuador_participant.pk}")
    count = page.locator("#roll-call-count")
    expect(count).to_have_text("0 of 2 participants marked.")

    berta.get_by_role("button", name="Present").click()
    berta.get_by_text("Present, marked at").wait_for()
    # The count follows each mark.
    expect(count).to_have_text("1 of 2 participants marked.")
    elena.get_by_role("button", name="Late").click()
    elena.get_by_text("Late, marked at").wait_for()
    expect(count).to_have_text("2 of 2 participants marked.")
    berta.get_by_role("button", name="Absent").click()
    berta.get_by_text("Absent, marked at").wait_for()

    assert page.evaluate("window.loadedOnce") == "yes"
    assert (
        berta.get_by_role("button", name="Absent").get_attribute("aria-pressed")
        == "true"
    )
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        bolivia_participant.pk: "absent",
        ecuador_participant.pk: "late",
    }


def test_roll_call_marks_everyone_present_then_corrects_one(
    new_page,
    facilitator,
    opening,
    bolivia_participant,
    ecuador_participant,
):
    page = new_page(java_script_enabled=False)
    sign_in(page, facilitator.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")

    page.get_by_role("button", name="Mark everyone not yet marked present").click()

    page.get_by_text("2 participants marked present.").wait_for()
    expect(page.locator("#roll-call-count")).to_have_text("2 of 2 participants marked.")
    page.locator(f"#participant-{ecuador_participant.pk}").get_by_role(
        "button", name="Absent"
    ).click()
    page.get_by_text("Elena Ecuador: Absent.").wait_for()
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        bolivia_participant.pk: "present",
        ecuador_participant.pk: "absent",
    }


def test_roll_call_works_without_javascript(
    new_page,
    organizer,
    opening,
    bolivia_participant,
):
    page = new_page(java_script_enabled=False)
    sign_in(page, organizer.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")

    page.locator(f"#participant-{bolivia_participant.pk}").get_by_role(
        "button", name="Excused"
    ).click()

    page.get_by_text("Berta Bolivia: Excused.").wait_for()
    assert Attendance.objects.get().status == "excused"
