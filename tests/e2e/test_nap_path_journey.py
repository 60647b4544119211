"""The NAP path in real browsers: on a phone, a member of the delegation records
the adoption of its plan after the roadmap was marked final; the card swaps in
place and the NAP status at the top of the page follows. The facilitator who
accompanies the delegation, in Spanish on a desktop, sees it on the board."""

import pytest
from playwright.sync_api import expect

from roadmaps.models import Milestone
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}}


def test_a_member_records_the_adoption_on_a_phone_and_the_board_shows_it(
    new_page, convening, bolivia, facilitator, bolivia_member
):
    bolivia.facilitators.add(facilitator)
    roadmap = bolivia.roadmap
    roadmap.status = "final"
    roadmap.save()
    member = new_page(**PHONE)
    sign_in(member, bolivia_member.email)
    member.goto(f"/delegations/{bolivia.pk}/nap-path/")
    expect(member.locator("#nap-status")).to_have_text("No NAP yet")

    adoption = member.locator("#stage-adoption")
    with member.expect_response(lambda r: "/nap-path/adoption/" in r.url):
        adoption.get_by_role("link", name="Plan Adoption").click()
    adoption.get_by_label("Status").select_option("achieved")
    # A date to come is refused in the card itself, what was typed kept.
    adoption.get_by_label("Achieved on").fill("2099-02-10")
    adoption.get_by_label("Legal instrument").fill("Decreto Supremo N.º 4321")
    adoption.get_by_role("button", name="Save").click()
    expect(adoption.get_by_text("cannot be in the future")).to_be_visible()
    expect(adoption.get_by_label("Legal instrument")).to_have_value(
        "Decreto Supremo N.º 4321"
    )
    adoption.get_by_label("Achieved on").fill("2026-02-10")
    adoption.get_by_label("Legal instrument").fill("Decreto Supremo N.º 4321")
    with member.expect_response(lambda r: "/nap-path/adoption/" in r.url) as answer:
        adoption.get_by_role("button", name="Save").click()

    assert answer.value.status == 200  # swapped in place, no reload
    expect(adoption.get_by_text("Adoption is saved.")).to_be_visible()
    expect(adoption.get_by_text("Decreto Supremo N.º 4321")).to_be_visible()
    expect(member.locator("#nap-status")).to_have_text("Adopted")
    assert Milestone.objects.get(roadmap=roadmap, kind="adoption").status == (
        "achieved"
    )

    # Signed in, the facilitator's own language wins over the browser's.
    facilitator.preferred_language = "es"
    facilitator.save()
    staff = new_page()
    sign_in(staff, facilitator.email)
    staff.goto(f"/convenings/{convening.pk}/follow-up/")
    row = staff.get_by_role("row").filter(has_text="Bolivia")
    expect(row.get_by_text("Adoptado")).to_be_visible()
    expect(row.get_by_role("link", name="Logrado")).to_be_visible()
