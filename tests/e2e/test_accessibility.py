"""Accessibility in a real browser: axe-core (WCAG 2.1 A/AA) and keyboard use.

axe-core is vendored for tests only (tests/e2e/vendor/axe-core/, never served to
users). Our pages send a Content-Security-Policy (script-src 'self'), which would
block the injected script, so only these browser contexts bypass it.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from playwright.sync_api import expect

from tests import factories
from tests.e2e.screens import SCREEN_BY_NAME, SCREENS

# Most tests only read: they share one cohort and one sign-in per person and
# language (reader_page). The few that write build their own (new_page).
pytestmark = [pytest.mark.browser]

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Language code of the page -> the browser's locale (sent as Accept-Language).
LOCALES = {"en": "en-US", "es": "es-ES"}


@pytest.fixture
def cohort(transactional_db):
    """A cohort of the test's own, for a test that writes."""
    return factories.cohort_build()


@pytest.fixture
def open_shared_screen(browser, reader_server, reader_page, reads_shared_rows):
    """Open a screen over the shared cohort, as its viewer, in a language."""
    cohort = reads_shared_rows.get("accessibility cohort", factories.cohort_build)

    def open_screen(screen, language, **context_options):
        if screen.viewer:
            user = getattr(cohort, screen.viewer)
            # A signed-in person's saved language wins over the browser's.
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
            context_options["storage_state"] = reads_shared_rows.get(
                ("signed in", screen.viewer, language),
                lambda: signed_in_state(browser, reader_server.url, user, language),
            )
        page = reader_page(locale=LOCALES[language], **context_options)
        page.goto(screen.path(cohort))
        return page

    return open_screen


def login_words(language):
    """The login page's labels, button and wrong-password message in ``language``."""
    with translation.override(language):
        form = AuthenticationForm()
        return {
            "username": str(form.fields["username"].label),
            "password": str(form.fields["password"].label),
            "submit": translation.gettext("Sign in"),
            "invalid": str(form.error_messages["invalid_login"])
            % {"username": form.username_field.verbose_name},
        }


def sign_in_in_language(page, user, language, password="secret-pass-123"):
    """Sign in through the login page as shown in ``language``.

    tests/e2e/conftest.py's sign_in() finds the fields by their English labels, so
    it cannot sign in on the Spanish page; this does the same with the labels of
    the page's own language.
    """
    words = login_words(language)
    page.goto("/accounts/login/")
    page.get_by_label(words["username"]).fill(user.email)
    page.get_by_label(words["password"]).fill(password)
    page.get_by_role("button", name=words["submit"]).last.click()


def signed_in_state(browser, base_url, user, language):
    """Cookies of ``user`` signed in through the login page shown in ``language``."""
    context = browser.new_context(locale=LOCALES[language], base_url=base_url)
    try:
        page = context.new_page()
        sign_in_in_language(page, user, language)
        page.wait_for_url("**/")
        return context.storage_state()
    finally:
        context.close()


def open_screen(new_page, cohort, screen, language, **context_options):
    page = new_page(locale=LOCALES[language], **context_options)
    if screen.viewer:
        user = getattr(cohort, screen.viewer)
        # A signed-in person's saved language wins over the browser's.
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        sign_in_in_language(page, user, language)
        page.wait_for_url("**/")
    page.goto(screen.path(cohort))
    return page


def axe_violations(page):
    # A click that navigates returns before the new document exists: axe
    # must be read into the page the test is looking at, fully loaded.
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
            .then(results => results.violations)""",
        WCAG_TAGS,
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '')!s}")
    return "\n".join(lines)


screen_ids = [screen.name for screen in SCREENS]


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("screen", SCREENS, ids=screen_ids)
def test_page_is_accessible_in_its_language(open_shared_screen, screen, language):
    """Each page, opened once per language: it declares its language, the first
    Tab reaches the skip link and Enter moves to the main content, and axe-core
    finds nothing serious. Every problem found is reported, not only the first."""
    page = open_shared_screen(screen, language, bypass_csp=True)
    with translation.override(language):
        skip_text = translation.gettext("Skip to main content")
    problems = []

    declared = page.locator("html").get_attribute("lang")
    if declared != language:
        problems.append(f"declares lang={declared!r}")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name=skip_text, exact=True)
    try:
        expect(skip_link).to_be_focused()
        expect(skip_link).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page.get_by_role("main")).to_be_focused()
    except AssertionError as error:
        problems.append(f"skip link: {error}")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        problems.append(describe(blocking))

    assert problems == [], f"{screen.name} in {language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LOCALES)
def test_every_login_form_control_has_a_label(open_shared_screen, language):
    page = open_shared_screen(SCREEN_BY_NAME["login"], language)
    # The menu toggler only shows on narrow screens; hidden controls have no name.
    controls = page.locator(
        "input:not([type=hidden]):visible, select:visible, textarea:visible,"
        " button:visible"
    ).all()

    # E-mail, password, "Sign in", and the two language buttons.
    assert len(controls) == 5
    for control in controls:
        expect(control).to_have_accessible_name(re.compile(r"\S"))
    words = login_words(language)
    expect(page.get_by_label(words["username"])).to_have_attribute("name", "username")
    expect(page.get_by_label(words["password"])).to_have_attribute("name", "password")


@pytest.mark.parametrize("language", LOCALES)
def test_wrong_password_is_announced_and_accessible(new_page, cohort, language):
    page = open_screen(
        new_page, cohort, SCREEN_BY_NAME["login"], language, bypass_csp=True
    )

    sign_in_in_language(page, cohort.organizer, language, password="wrong-one")

    expect(page.get_by_role("alert")).to_have_text(login_words(language)["invalid"])
    # What was typed is kept: only the password has to be typed again.
    expect(page.get_by_label(login_words(language)["username"])).to_have_value(
        cohort.organizer.email
    )
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


@pytest.mark.parametrize("language", LOCALES)
def test_phone_menu_opens_from_the_keyboard_and_passes_axe(
    open_shared_screen, language
):
    # Participants draft from their phones during sessions.
    screen = SCREEN_BY_NAME["home-participant"]
    page = open_shared_screen(
        screen,
        language,
        bypass_csp=True,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
    )
    toggler = page.locator("button.navbar-toggler")

    toggler.focus()
    page.keyboard.press("Enter")

    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav")).to_be_visible()
    expect(page.locator("#main-nav.show")).to_have_count(1)
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.mark.parametrize("screen", SCREENS, ids=screen_ids)
def test_page_fits_a_phone_without_sideways_scroll(open_shared_screen, screen):
    """On a 390 px phone, in Spanish (the longer words), the page never scrolls
    sideways: a table wider than the screen scrolls inside its own box."""
    page = open_shared_screen(screen, "es", **PHONE)

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{screen.name} is {width} px wide"


def test_a_wide_table_on_a_phone_says_it_scrolls_and_keeps_its_first_column(
    open_shared_screen,
):
    page = open_shared_screen(SCREEN_BY_NAME["dashboard-organizer"], "es", **PHONE)
    box = page.locator(".table-responsive").first
    with translation.override("es"):
        hint = translation.gettext("Scroll sideways to see every column →")
        completeness = translation.gettext("Completeness")

    expect(box).to_have_attribute("data-overflows", "")
    expect(box).to_have_attribute("data-hint", hint)
    # A keyboard reaches the box and scrolls it to the last column.
    expect(box).to_have_attribute("tabindex", "0")
    box.focus()
    page.keyboard.press("End")
    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    last = page.get_by_role("columnheader", name=completeness)
    expect(last).to_be_in_viewport()
    first = page.locator(".table-responsive tbody tr > :first-child").first
    expect(first).to_be_in_viewport()


def test_on_a_phone_the_language_is_one_tap_away(new_page, cohort):
    screen = SCREEN_BY_NAME["home-participant"]
    page = open_screen(
        new_page,
        cohort,
        screen,
        "en",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
    )
    # The short name a phone has room for is the button's name too.
    switch = page.get_by_role("button", name="ES", exact=True)

    expect(page.locator("#main-nav")).to_be_hidden()
    expect(switch).to_be_visible()
    expect(switch).to_have_attribute("title", "Español")
    # Brand, switcher and menu button share the first line: nothing overflows.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    switch.click()

    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("button", name="EN", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
