"""Browser tests: Playwright for Python driving Debian's Chromium (never a download).

They count as service tests: without /usr/bin/chromium they skip, or fail under
REQUIRE_SERVICES=1.

Tests that change data use ``new_page`` (pytest-django's live server: rows
committed by the test, the database flushed after it). Tests that only read use
``reader_page``: a live server of their own over rows built once per test process
(``shared_rows`` in tests/conftest.py), and people signed in once (``signed_in``).
"""

import os
import shutil

import pytest

from tests.conftest import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The ORM runs in the test thread while Playwright's sync API holds an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require_service(
        bool(shutil.which(CHROMIUM)) or os.path.exists(CHROMIUM),
        f"no Chromium at {CHROMIUM} (apt-get install -y chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _new_context(browser, base_url, locale, options):
    context = browser.new_context(locale=locale, base_url=base_url, **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (own cookies) in English; call it per person."""
    contexts = []

    def open_page(locale="en-US", **options):
        context = _new_context(browser, live_server.url, locale, options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def reader_server(shared_rows):
    """A live server that leaves the database as it is after each test."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def reader_page(browser, reader_server, reads_shared_rows, settings):
    """Like ``new_page``, on the readers' server. A context (cookies, cached static
    files) is kept with the shared rows and serves later readers that ask for the
    same options; each test gets a page of its own."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    pages = []

    def open_page(locale="en-US", **options):
        context = reads_shared_rows.get(
            ("browser context", locale, repr(sorted(options.items()))),
            lambda: _new_context(browser, reader_server.url, locale, options),
            close=lambda context: context.close(),
        )
        pages.append(context.new_page())
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()


# Two people at once: each page presses its people's buttons from one instant on.
CLICK_AT = """([ids, status, at]) => {
    setTimeout(() => {
        for (const id of ids) {
            document.querySelector(
                `#participant-${id} button[value=${status}]`
            ).click();
        }
    }, at - Date.now());
}"""


def sign_in(page, email, password="secret-pass-123"):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").last.click()
    page.wait_for_url("**/")


@pytest.fixture(autouse=True)
def _presence_off(settings):
    """The editor's presence heartbeat keeps talking to the live server, even as
    its page closes (it says goodbye): after the test, when the database is gone.
    Off in browser tests but those that ask for it (``presence_on``)."""
    settings.ROADMAP_PRESENCE_SECONDS = 0


@pytest.fixture
def presence_on(settings):
    """Presence as in production, for a test that leaves the editor (about:blank)
    before it ends, so that the last goodbye arrives while it runs."""
    settings.ROADMAP_PRESENCE_SECONDS = 15
