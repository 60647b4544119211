"""Two people on one roadmap: whatever either of them types survives the other's
saves, a refused autosave and a slow network (issue: no lost work)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from roadmaps.models import Activity, Comment, Pillar, Presence, Roadmap
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


def outcome_open_in_the_second_tab(roadmap, first, second):
    """An outcome both tabs show, its edit form open in the second."""
    pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    outcome = tree.outcome(roadmap, pillar, "Women lead peace talks")
    for page in (first, second):
        page.reload()
    second.locator(f"#{outcome.anchor}").get_by_role("link", name="Edit").first.click()
    return outcome


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


def test_an_open_form_keeps_its_text_when_the_structure_is_redrawn(
    new_page, bolivia, bolivia_member
):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    first = tree.outcome(roadmap, pillar, "Women lead peace talks")
    second = tree.outcome(roadmap, pillar, "Shelters in every province")
    third = tree.outcome(roadmap, pillar, "Budgets name gender")
    page = new_page()
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")

    page.locator(f"#{first.anchor}").get_by_role("link", name="Edit").first.click()
    typing = page.locator(f"#form-outcome-{first.pk} [name=statement]")
    typing.fill("Women lead peace talks and ceasefire monitoring")
    # She moves another outcome, then saves a third one: the page redraws twice.
    page.locator(f"#move-down-{second.anchor}").click()
    expect(page.locator(f"#{second.anchor} .code").first).to_have_text("1.3")
    page.locator(f"#{third.anchor}").get_by_role("link", name="Edit").first.click()
    other = page.locator(f"#form-outcome-{third.pk}")
    other.locator("[name=statement]").fill("Budgets name gender, every year")
    other.get_by_role("button", name="Save").click()
    expect(page.locator(f"#{third.anchor}")).to_contain_text("every year")

    expect(typing).to_have_value("Women lead peace talks and ceasefire monitoring")

    # Leaving with it unsaved asks first.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.evaluate("window.location.href = '/'")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(typing).to_have_value("Women lead peace talks and ceasefire monitoring")


def test_without_javascript_nothing_claims_to_save_itself_and_each_save_is_confirmed(
    new_page, bolivia, bolivia_member
):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    page = new_page(java_script_enabled=False)
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")
    status = page.locator("#save-status-theory-of-change")

    expect(status).to_have_text("Press Save to keep your changes.")
    expect(page.locator("main")).not_to_contain_text("save themselves")
    form = page.locator("#text-theory-of-change")
    form.get_by_label("If …", exact=True).fill("If ministries coordinate")
    form.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text("Saved.")
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == "If ministries coordinate"


def test_with_javascript_the_page_says_texts_save_themselves(
    new_page, bolivia, bolivia_member
):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    page = new_page()
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")

    expect(page.locator("#save-status-theory-of-change")).to_have_text(
        "Changes save themselves while you type."
    )


def test_two_people_see_each_other_and_the_item_being_edited(presence_on, two_people):
    roadmap, (first, second) = two_people
    outcome = outcome_open_in_the_second_tab(roadmap, first, second)
    expect(second.locator(f"#form-outcome-{outcome.pk}")).to_be_visible()

    presence = first.locator("#presence")
    # The heartbeat brings her colleague, and the outcome she has open.
    expect(presence).to_contain_text("editing an item", timeout=20_000)
    expect(first.locator(f"#{outcome.anchor}.being-edited")).to_have_count(1)

    # She leaves: her colleague no longer sees her (after the next beat).
    second.goto("about:blank")
    first.wait_for_timeout(500)
    assert not Presence.objects.filter(user__email="colleague@test.org").exists()
    first.goto("about:blank")
    second.wait_for_timeout(500)


def test_saving_an_item_the_other_deleted_says_so_and_keeps_the_text(two_people):
    roadmap, (first, second) = two_people
    outcome = outcome_open_in_the_second_tab(roadmap, first, second)
    form = second.locator(f"#form-outcome-{outcome.pk}")
    form.locator("[name=statement]").fill("Women lead and monitor peace talks")

    first.locator(f"#{outcome.anchor}").get_by_role("link", name="Delete").click()
    first.get_by_role("button", name="Delete").click()
    expect(first.locator(f"#{outcome.anchor}")).to_have_count(0)
    form.get_by_role("button", name="Save").click()

    refused = second.locator(f"#form-outcome-{outcome.pk}.save-refused")
    expect(refused).to_contain_text("deleted this outcome")
    expect(refused.locator("textarea")).to_have_value(
        "Women lead and monitor peace talks"
    )
    refused.get_by_role("button", name="Restore the outcome").click()
    expect(second.locator(f"#{outcome.anchor}")).to_contain_text(
        "Women lead peace talks"
    )


def test_a_move_shows_in_the_history_and_is_undone_from_there(two_people):
    roadmap, (first, _second) = two_people
    pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    one = tree.outcome(roadmap, pillar, "First outcome")
    tree.outcome(roadmap, pillar, "Second outcome")
    first.reload()
    first.locator(f"#move-down-{one.anchor}").click()
    expect(first.locator(f"#{one.anchor} .code").first).to_have_text("1.2")

    first.goto(f"/roadmaps/{roadmap.pk}/history/")
    row = first.locator("tr", has_text="First outcome").first
    expect(row).to_contain_text("moved")
    row.get_by_role("button", name="Undo move").click()

    expect(first.locator(f"#{one.anchor} .code").first).to_have_text("1.1")
    expect(first.locator(".messages")).to_contain_text("Moved back where it was.")


def test_a_facilitator_comments_on_an_indicator_from_its_card(
    new_page, bolivia, facilitator
):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    pillar = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    outcome = tree.outcome(roadmap, pillar, "Women lead peace talks")
    indicator = tree.indicator(roadmap, outcome, "Share of women mediators")
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")

    page.locator(f"#{indicator.anchor}").get_by_role("link", name="Comment").click()
    comments = page.locator("#comments-indicators")
    expect(comments.locator(".comment-about")).to_contain_text(
        "Share of women mediators"
    )
    expect(comments.locator("textarea[name=body]").last).to_be_focused()
    page.keyboard.type("Which year is the baseline?")
    comments.get_by_role("button", name="Comment").click()

    thread = page.locator("#comments-indicators .comment-thread")
    expect(thread).to_contain_text("About: Share of women mediators")
    assert Comment.objects.get().item_key == indicator.key
