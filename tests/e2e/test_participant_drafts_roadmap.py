import pytest
from playwright.sync_api import expect

from roadmaps.models import Activity, Indicator, Outcome, Pillar, Roadmap
from roadmaps.services import roadmap_initialize
from tests import factories
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_drafts_the_roadmap_in_place(new_page, bolivia, bolivia_member):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    colleague = factories.ParticipantFactory(
        delegation=bolivia, user__email="colleague@test.org"
    ).user
    page = new_page()
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")
    score = page.get_by_test_id("overall-score")
    expect(score).to_have_text("0%")

    # The theory of change saves itself while she types.
    page.get_by_label("If …", exact=True).fill("If ministries coordinate")
    status = page.locator("#save-status-theory-of-change")
    expect(status).to_contain_text("Saved at")
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == "If ministries coordinate"
    # Her next save is based on the version her first save made: no conflict.
    page.get_by_label("then …", exact=True).fill("then women take part")
    expect(status).to_contain_text("Saved at")
    page.get_by_label("If …", exact=True).fill("If ministries coordinate, with CSOs")
    expect(page.locator("#id_theory-of-change_version")).to_have_value("4")
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == (
        "If ministries coordinate, with CSOs"
    )
    expect(score).not_to_have_text("0%")
    score_after_text = score.inner_text()

    # An outcome under the first pillar, in place.
    page.locator("#results").get_by_role("link", name="Add an outcome").first.click()
    form = page.locator("form.item-form")
    form.get_by_label("Statement").fill("Women take part in peace talks")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#results")).to_contain_text("Women take part in peace talks")
    expect(page.locator("#results .code").nth(1)).to_have_text("1.1")

    # Its indicator.
    page.locator("#indicators").get_by_role("link", name="Add an indicator").click()
    form = page.locator("form.item-form")
    form.get_by_label("Statement").fill("Share of women negotiators")
    form.get_by_label("Baseline value").fill("10")
    form.get_by_label("Baseline year").fill("2024")
    form.get_by_label("Target value").fill("40")
    form.get_by_label("Target year").fill("2030")
    form.get_by_label("Means of verification").fill("Annual report")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#indicators")).to_contain_text("Share of women negotiators")

    # An output, then an activity with a cost.
    page.locator("#results").get_by_role("link", name="Add an output").click()
    form = page.locator("form.item-form")
    form.get_by_label("Statement").fill("Negotiators are trained")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#results")).to_contain_text("Negotiators are trained")

    page.locator("#activities").get_by_role("link", name="Add an activity").click()
    form = page.locator("form.item-form")
    form.get_by_label("Activity").fill("Train forty negotiators")
    form.get_by_label("Lead institution").fill("Ministry of Justice")
    form.get_by_label("Start quarter").fill("2025-Q3")
    form.get_by_label("End quarter").fill("2026-Q2")
    form.get_by_label("Cost estimate").fill("5000")
    form.get_by_label("Funding status").select_option("pledged")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("overall-budget")).to_contain_text("5,000.00 USD")
    expect(score).not_to_have_text(score_after_text)
    assert Outcome.objects.count() == 1
    assert Indicator.objects.count() == 1
    assert Activity.objects.get().cost == 5000

    # A colleague changes the same text in another browser: the merge view shows.
    other = new_page()
    sign_in(other, colleague.email)
    other.goto(f"/roadmaps/{roadmap.pk}/")
    other.get_by_label("If …", exact=True).fill("If the colleague's words")
    expect(other.locator("#save-status-theory-of-change")).to_contain_text("Saved at")

    page.get_by_label("If …", exact=True).fill("If her own words")
    conflict = page.locator("form.conflict")
    expect(conflict).to_contain_text(f"{colleague.full_name} saved this")
    expect(conflict.locator(".theirs")).to_contain_text("If the colleague's words")
    expect(conflict.locator(".mine")).to_contain_text("If her own words")
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == "If the colleague's words"

    conflict.get_by_label("If …", exact=True).fill("If both, merged")
    conflict.get_by_role("button", name="Save the merged version").click()
    expect(page.locator("#save-status-theory-of-change")).to_contain_text("Saved at")
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == "If both, merged"

    # She moves the first pillar down: the codes follow, her outcome goes with
    # it, and the keyboard stays on the button she pressed.
    first = Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
    page.locator(f"#move-down-{first.anchor}").click()
    expect(page.locator(f"#{first.anchor} .code")).to_have_text("2")
    expect(page.locator("#results")).to_contain_text("2.1")
    expect(page.locator(f"#move-down-{first.anchor}")).to_be_focused()
    assert Pillar.objects.filter(roadmap=roadmap).order_by("position")[1] == first

    # Then she moves the outcome under the pillar that is now first.
    outcome = Outcome.objects.get()
    page.locator(f"#{outcome.anchor}").get_by_role("link", name="Move to…").click()
    form = page.locator("form.reparent")
    new_home = Pillar.objects.filter(roadmap=roadmap).order_by("position")[0]
    form.get_by_label("Move under").select_option(new_home.key)
    form.get_by_role("button", name="Move").click()
    expect(page.locator(f"#{outcome.anchor} .code")).to_have_text("1.1")
    assert Outcome.objects.get().pillar == new_home


def test_participant_drafts_without_javascript(new_page, bolivia, bolivia_member):
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    page = new_page(java_script_enabled=False)
    sign_in(page, bolivia_member.email)
    page.goto(f"/roadmaps/{roadmap.pk}/")

    page.get_by_label("If …", exact=True).fill("If written without scripts")
    page.locator("#text-theory-of-change").get_by_role("button", name="Save").click()
    expect(page.get_by_label("If …", exact=True)).to_have_value(
        "If written without scripts"
    )

    page.locator("#results").get_by_role("link", name="Add an outcome").first.click()
    page.get_by_label("Statement").fill("An outcome typed on a plain page")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#results")).to_contain_text("An outcome typed on a plain page")

    page.locator("#results").get_by_role("link", name="Delete").nth(1).click()
    expect(page.get_by_role("alert")).to_contain_text("Delete this outcome?")
    page.get_by_role("button", name="Delete").click()
    expect(page.locator("#results")).not_to_contain_text("An outcome typed")
    assert Outcome.objects.get().deleted_at is not None

    # Moving posts the page's one move form to the pillar's own address.
    second = Pillar.objects.filter(roadmap=roadmap).order_by("position")[1]
    page.locator(f"#move-up-{second.anchor}").click()
    expect(page.locator(f"#{second.anchor} .code")).to_have_text("1")
    assert Pillar.objects.filter(roadmap=roadmap).order_by("position")[0] == second
