"""Two people on one roadmap: whatever either of them types survives the other's
saves, a refused autosave and a slow network (issue: no lost work)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from roadmaps.models import Activity, Pillar, Roadmap
from roadmaps.services import roadmap_initialize
from tests import factories
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import sign_in_in_language
from tests.factories import roadmaps as tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_people(new_page, bolivia, bolivia_member):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    colleague = factories.ParticipantFactory(
        delegation=bolivia, user__email="colleague@test.org"
    ).user
    pages = []
    for person in (bolivia_member, colleague):
        page = new_page()
        sign_in(page, person.email)
        page.goto(f"/roadmaps/{roadmap.pk}/")
        pages.append(page)
    return roadmap, pages


def slow_network(page, latency_ms):
    """Every request of this page takes ``latency_ms`` longer (Chromium's own
    throttling, as in its developer tools)."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        },
    )


def test_typing_during_a_refused_autosave_is_kept(two_people):
    roadmap, (first, second) = two_people
    first.get_by_label("then …", exact=True).fill("then women mediate")
    expect(first.locator("#save-status-theory-of-change")).to_contain_text("Saved at")
    slow_network(second, 1500)

    then = second.get_by_label("then …", exact=True)
    then.click()
    second.keyboard.type("then ministries fund")
    # The autosave leaves after 0.8 s of quiet and is refused (409) on arrival;
    # meanwhile she keeps typing.
    second.wait_for_timeout(1000)
    second.keyboard.type(" the shelters")

    merge = second.locator("form.conflict")
    expect(merge).to_be_visible(timeout=15_000)
    expect(merge.locator("textarea[name=toc_then]")).to_have_value(
        "then ministries fund the shelters"
    )
    expect(merge).to_contain_text("then women mediate")
    # Her text is still hers to save: the stored one was not overwritten.
    assert Roadmap.objects.get(pk=roadmap.pk).toc_then == "then women mediate"
    merge.get_by_role("button", name="Save the merged version").click()
    expect(second.locator("form.conflict")).to_have_count(0)
    assert Roadmap.objects.get(pk=roadmap.pk).toc_then == (
        "then ministries fund the shelters"
    )


def test_two_people_appending_to_different_texts_both_keep_theirs(two_people):
    roadmap, (first, second) = two_people
    status = "#save-status-theory-of-change"

    first.get_by_label("If …", exact=True).fill("If women lead")
    expect(first.locator(status)).to_contain_text("Saved at")
    # The second tab opened before that save and never reloaded.
    second.get_by_label("then …", exact=True).fill("then peace lasts")
    expect(second.locator(status)).to_contain_text("Saved at")

    expect(second.locator("form.conflict")).to_have_count(0)
    roadmap.refresh_from_db()
    assert (roadmap.toc_if, roadmap.toc_then) == ("If women lead", "then peace lasts")


def test_amounts_typed_the_spanish_way_are_read_the_spanish_way(
    new_page, bolivia, bolivia_member
):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    outcome = tree.outcome(roadmap, pillar, "Mujeres en la mediación")
    output = tree.output(roadmap, outcome, "Mediadoras formadas")
    bolivia_member.preferred_language = "es"
    bolivia_member.save(update_fields=["preferred_language"])
    page = new_page(locale="es-ES")
    sign_in_in_language(page, bolivia_member, "es")
    page.goto(f"/roadmaps/{roadmap.pk}/")

    page.locator(f"#activities a[href*='parent=output-{output.pk}']").first.click()
    form = page.locator("form.item-form")
    form.locator("[name=statement]").fill("Formar a cuarenta mediadoras")
    cost = form.locator("[name=cost]")
    expect(cost).to_have_attribute("inputmode", "decimal")
    # Twelve thousand five hundred, or twelve and a half? Refused, text kept.
    cost.fill("12.500")
    form.locator("button[type=submit]").first.click()
    form = page.locator("form.item-form")
    expect(form).to_contain_text("puede leerse de dos maneras")
    expect(form.locator("[name=cost]")).to_have_value("12.500")
    expect(form.locator("[name=statement]")).to_have_value(
        "Formar a cuarenta mediadoras"
    )
    assert not Activity.objects.exists()

    form.locator("[name=cost]").fill("12500,50")
    form.locator("button[type=submit]").first.click()
    expect(page.locator("form.item-form")).to_have_count(0)
    assert Activity.objects.get().cost == Decimal("12500.50")
    expect(page.get_by_test_id("overall-budget")).to_contain_text("12\xa0500,50")
