"""The embedded default of `make run` (SQLite, tasks in-process, three sync web
workers) takes two people saving the same text at the same moment as PostgreSQL
does: one save wins, the other gets the merge view, never a 500 ("database is
locked" before config/sqlite.py)."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import CLICK_AT
from tests.test_faults import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser]
ROUNDS = 5
# What `make run` without configuration does not have.
CONFIGURED = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


SAVE_AT = """([text, at]) => {
    const form = document.getElementById("text-theory-of-change");
    form.querySelector("[name=toc_if]").value = text;
    setTimeout(() => htmx.trigger(form, "submit"), at - Date.now());
}"""


@pytest.fixture
def embedded_app(tmp_path, collected_static):
    """`make run` without configuration: a fresh SQLite file, migrated and
    seeded with the demo cohort, served by gunicorn's three sync workers."""
    database = tmp_path / "academy.sqlite3"
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURED}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings",
        STATIC_ROOT=str(collected_static),
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["seed_demo"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, timeout=300)
    found = subprocess.run(
        manage
        + [
            "shell",
            "-c",
            "import json; from academy.models import Participant as P; "
            "m = list(P.objects.filter(delegation__country='BO', "
            "delegation__convening__start_date__year=2025).select_related("
            "'user', 'delegation__roadmap')[:2]); print(json.dumps([[p.user.email "
            "for p in m], m[0].delegation.roadmap.pk]))",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    emails, roadmap_id = json.loads(found.stdout.strip().splitlines()[-1])
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "3"]
        + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while subprocess.run(
        ["curl", "-s", "-o", "/dev/null", f"{url}/healthz"], check=False
    ).returncode:
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail((tmp_path / "gunicorn.log").read_text())
        time.sleep(0.3)
    yield url, emails, roadmap_id, database
    server.terminate()
    server.wait(timeout=20)


def _signed_in(browser, url, email, server_errors, locale="en-US"):
    """A page of a new browser context signed in as a demo person; every
    answer 5xx it gets is added to ``server_errors``."""
    page = browser.new_context(base_url=url, locale=locale).new_page()
    page.on(
        "response",
        lambda response: (
            response.status >= 500
            and server_errors.append(f"{response.status} {response.url}")
        ),
    )
    page.goto("/accounts/login/")
    page.locator("[name=username]").fill(email)
    page.locator("[name=password]").fill("academy-demo")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{url}/")
    return page


def test_two_people_saving_at_once_on_sqlite_never_get_a_500(browser, embedded_app):
    url, emails, roadmap_id, database = embedded_app
    server_errors = []
    pages = [
        _signed_in(browser, url, email, server_errors, locale="es-ES")
        for email in emails
    ]

    for number in range(ROUNDS):
        for page in pages:
            page.goto(f"/roadmaps/{roadmap_id}/")
        texts = [f"Si la ronda {number} la gana {who}" for who in ("A", "B")]
        # Both press Save at the same instant (one clock: this machine's).
        at = time.time() * 1000 + 700
        for page, text in zip(pages, texts, strict=True):
            page.evaluate(SAVE_AT, [text, at])
        # Both saves leave and are answered: saved, or the merge view.
        pages[0].wait_for_timeout(1000)
        for page in pages:
            page.wait_for_function(
                "() => document.querySelector('.htmx-request') === null",
                timeout=10_000,
            )
        conflicts = [page.locator("form.conflict").count() for page in pages]

        with sqlite3.connect(database) as connection:
            [stored] = connection.execute(
                "SELECT toc_if FROM roadmaps_roadmap WHERE id = ?", [roadmap_id]
            ).fetchone()
        assert server_errors == [], server_errors
        # One wins; the other, based on the same version, is shown the merge.
        assert sorted(conflicts) == [0, 1], (number, conflicts)
        assert stored == texts[conflicts.index(0)]


def test_two_staff_marking_the_roll_call_at_once_on_sqlite_lose_no_mark(
    browser, embedded_app
):
    """Issue 20's case: an organizer and a facilitator mark different people
    of one session at the same moment on `make run`'s default (three sync
    workers, one SQLite file): every mark is stored, none lost, no 500."""
    url, _emails, _roadmap_id, database = embedded_app
    with sqlite3.connect(database) as connection:
        [(session_id, convening_id)] = connection.execute(
            "SELECT s.id, s.convening_id FROM academy_session s "
            "JOIN academy_convening c ON c.id = s.convening_id "
            "WHERE c.edition = 2 ORDER BY s.starts_at LIMIT 1"
        ).fetchall()
        people = [
            pk
            for (pk,) in connection.execute(
                "SELECT id FROM participants_participant WHERE convening_id = ? "
                "ORDER BY id LIMIT 12",
                [convening_id],
            )
        ]
    server_errors = []
    pages = []
    for email in ("organizer@example.org", "facilitator@example.org"):
        page = _signed_in(browser, url, email, server_errors)
        page.goto(f"/sessions/{session_id}/roll-call/")
        pages.append(page)

    for round_status in ("excused", "absent"):
        at = time.time() * 1000 + 800
        pages[0].evaluate(CLICK_AT, [people[:6], round_status, at])
        pages[1].evaluate(CLICK_AT, [people[6:], round_status, at])
        pages[0].wait_for_timeout(1000)
        for page in pages:
            page.wait_for_function(
                "() => document.querySelector('.htmx-request') === null",
                timeout=15_000,
            )
            assert page.locator("#request-problem").is_hidden()
        with sqlite3.connect(database) as connection:
            stored = dict(
                connection.execute(
                    "SELECT participant_id, status FROM academy_attendance "
                    "WHERE session_id = ?",
                    [session_id],
                )
            )
        assert server_errors == [], server_errors
        assert {pk: stored.get(pk) for pk in people} == dict.fromkeys(
            people, round_status
        )
