"""Open data in real browsers: a delegation's member chooses, on a phone, to
be compared and to share; the organizer states a rate; the comparison shows
that delegation in full and the other by name only; the member who chose
sees it, the other delegation's member does not; the API's documentation
page draws itself under our Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from roadmaps.demo import demo_roadmap_fill
from roadmaps.models import Outcome
from roadmaps.services import roadmap_initialize
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}}


def assert_accessible(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


def test_one_delegation_compared_the_other_by_name_only(
    new_page, convening, bolivia, ecuador, bolivia_member, ecuador_member, organizer
):
    for delegation in (bolivia, ecuador):
        demo_roadmap_fill(roadmap=roadmap_initialize(roadmap=delegation.roadmap))
    outcome = Outcome.objects.filter(roadmap=bolivia.roadmap).first().statement

    member = new_page(**PHONE)
    sign_in(member, bolivia_member.email)
    member.goto(f"/delegations/{bolivia.pk}/data/")
    # The IATI check loads after the page and takes the placeholder's place.
    expect(member.get_by_text("the IATI file cannot hold")).to_be_visible()
    expect(member.get_by_text("Checking what the IATI file can hold")).to_have_count(0)
    member.get_by_label("The other delegations may compare our roadmap").check()
    member.get_by_role("button", name="Save our choice").click()
    expect(member.get_by_text("Your choices about sharing are saved.")).to_be_visible()
    member.get_by_role("link", name="See the comparison by pillar").click()
    expect(member.get_by_text(outcome).first).to_be_visible()

    staff = new_page(bypass_csp=True)
    sign_in(staff, organizer.email)
    staff.goto(f"/convenings/{convening.pk}/comparison/")
    staff.locator("#id_currency").fill("BOB")
    staff.locator("#id_rate").fill("0.1449")
    staff.locator("#id_as_of").fill("2025-06-01")
    staff.get_by_role("button", name="Add or update").click()
    expect(staff.get_by_text("1 BOB = 0.1449 USD")).to_be_visible()
    expect(staff.get_by_role("listitem").filter(has_text="Ecuador")).to_contain_text(
        "not compared"
    )
    assert staff.get_by_role("row", name="Ecuador").count() == 0
    assert_accessible(staff)

    other = new_page()
    sign_in(other, ecuador_member.email)
    assert other.goto(f"/convenings/{convening.pk}/comparison/").status == 404

    # Under the real policy (this page does not bypass it).
    member.goto("/api/v1/docs")
    expect(member.get_by_text("NAP Academy API").first).to_be_visible()
    expect(member.get_by_text("/api/v1/roadmaps/{pk}")).to_be_visible()
