"""Nothing silent during the event (issue 20, item 1): two staff marking the
roll call at the same moment lose no mark and get no 500 (here on the test
database: PostgreSQL in CI; the embedded SQLite default in
test_embedded_default.py), and an in-page request that fails says so on the
page, with a button that sends it again."""

import time

import pytest
from playwright.sync_api import expect

from academy.models import Attendance
from tests import factories
from tests.academy.conftest import bolivia_participant, opening  # noqa: F401
from tests.e2e.conftest import CLICK_AT, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_people_mark_the_roll_call_at_once_and_every_mark_is_kept(
    new_page,
    convening,
    bolivia,
    organizer,
    facilitator,
    opening,  # noqa: F811
):
    people = [
        factories.ParticipantFactory(delegation=bolivia).pk for _number in range(12)
    ]
    pages, server_errors = [], []
    for user in (organizer, facilitator):
        page = new_page()
        page.on(
            "response",
            lambda response: (
                response.status >= 500
                and server_errors.append(f"{response.status} {response.url}")
            ),
        )
        sign_in(page, user.email)
        page.goto(f"/sessions/{opening.pk}/roll-call/")
        pages.append(page)

    at = time.time() * 1000 + 800
    pages[0].evaluate(CLICK_AT, [people[:6], "present", at])
    pages[1].evaluate(CLICK_AT, [people[6:], "late", at])
    for page, ids, said in (
        (pages[0], people[:6], "Present"),
        (pages[1], people[6:], "Late"),
    ):
        for pk in ids:
            expect(page.locator(f"#participant-{pk}")).to_contain_text(
                f"{said}, marked at", timeout=15_000
            )

    assert server_errors == []
    stored = dict(
        Attendance.objects.filter(session=opening).values_list(
            "participant_id", "status"
        )
    )
    assert stored == {
        **{pk: "present" for pk in people[:6]},
        **{pk: "late" for pk in people[6:]},
    }
    for page in pages:
        expect(page.locator("#request-problem")).to_be_hidden()


def test_a_failed_mark_is_said_and_sent_again(
    new_page,
    facilitator,
    opening,
    bolivia_participant,  # noqa: F811
):
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")
    row = page.locator(f"#participant-{bolivia_participant.pk}")
    mark = f"**/sessions/{opening.pk}/roll-call/{bolivia_participant.pk}/**"

    page.route(mark, lambda route: route.fulfill(status=500, body="Server Error"))
    row.get_by_role("button", name="Late").click()
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text(
        "That did not go through: the server had a problem (error 500)."
    )
    expect(row).to_contain_text("Not marked yet")
    assert not Attendance.objects.exists()

    page.unroute(mark)
    problem.get_by_role("button", name="Try again").click()
    expect(row).to_contain_text("Late, marked at")
    expect(problem).to_be_hidden()
    assert Attendance.objects.get().status == "late"  # the button pressed, kept


def test_an_unreachable_server_is_said(
    new_page,
    facilitator,
    opening,
    bolivia_participant,  # noqa: F811
):
    facilitator.preferred_language = "es"  # the page is then in Spanish
    facilitator.save(update_fields=["preferred_language"])
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/sessions/{opening.pk}/roll-call/")
    page.route("**/roll-call/**", lambda route: route.abort("internetdisconnected"))
    page.locator(f"#participant-{bolivia_participant.pk}").locator(
        "button[value=present]"
    ).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "No se pudo contactar con el servidor"
    )
    assert not Attendance.objects.exists()
