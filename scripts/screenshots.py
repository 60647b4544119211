"""`make screenshots`: the key pages as people see them, in PNG under docs/screenshots/.

Serves the demo cohort from a throw-away SQLite database with gunicorn on loopback
and drives Debian's Chromium (Playwright, never a downloaded browser) through each
page at desktop and phone widths, in Spanish and in English; then pictures of
the PDF reports' key pages (scripts/report_pictures.py).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from report_pictures import report_pictures  # scripts/, beside this file

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "academy-demo"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
LANGUAGES = ("es", "en")
# `scripts/screenshots.py nap-path indicators`: only those pages.
ONLY = set(sys.argv[1:])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*arguments, env):
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


def pages(ids):
    """(file name, who signs in, path) for every page worth a picture."""
    return [
        ("login", None, "/accounts/login/"),
        ("home-organizer", "organizer@example.org", "/"),
        ("home-facilitator", "facilitator@example.org", "/"),
        ("home-participant", "participant.pan@example.org", "/"),
        (
            "agenda",
            "participant.pan@example.org",
            f"/convenings/{ids['panama']}/agenda/",
        ),
        ("delegation", "organizer@example.org", f"/delegations/{ids['pan']}/"),
        (
            "dashboard",
            "organizer@example.org",
            f"/convenings/{ids['panama']}/dashboard/",
        ),
        (
            "roll-call",
            "facilitator@example.org",
            f"/sessions/{ids['session']}/roll-call/",
        ),
        (
            "roadmap-editor",
            "participant.pan@example.org",
            f"/roadmaps/{ids['roadmap']}/",
        ),
        ("reports", "facilitator@example.org", f"/convenings/{ids['panama']}/reports/"),
        (
            "followup",
            "organizer@example.org",
            f"/delegations/{ids['pan']}/follow-up/",
        ),
        (
            "followup-participant",
            "participant.pan@example.org",
            f"/delegations/{ids['pan']}/follow-up/",
        ),
        (
            "followup-board",
            "organizer@example.org",
            f"/convenings/{ids['panama']}/follow-up/",
        ),
        (
            "nap-path",
            "participant.pan@example.org",
            f"/delegations/{ids['pan']}/nap-path/",
        ),
        (
            "indicators",
            "organizer@example.org",
            f"/delegations/{ids['pan']}/indicators/",
        ),
        (
            "survey-answer",
            "participant.pan@example.org",
            f"/surveys/{ids['overall']}/answer/",
        ),
        (
            "survey-results",
            "organizer@example.org",
            f"/surveys/{ids['feedback']}/results/",
        ),
        (
            "evaluation",
            "organizer@example.org",
            f"/convenings/{ids['panama']}/evaluation/",
        ),
        (
            "certificates",
            "organizer@example.org",
            f"/convenings/{ids['panama']}/certificates/",
        ),
        (
            "comparison",
            "facilitator@example.org",
            f"/convenings/{ids['panama']}/comparison/",
        ),
        (
            "open-data",
            "participant.pan@example.org",
            f"/delegations/{ids['pan']}/data/",
        ),
    ]


def demo_ids(env):
    script = (
        "import django, json; django.setup();"
        "from academy.models import Convening;"
        "c = Convening.objects.get(edition=2);"
        "d = c.delegations.get(country='PA');"
        "s = {x.kind: x.pk for x in c.surveys.all()};"
        "print(json.dumps({'panama': c.pk, 'pan': d.pk, 'roadmap': d.roadmap.pk,"
        " 'session': c.sessions.order_by('starts_at').first().pk,"
        " 'overall': s['overall'], 'feedback': s['feedback']}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    import json

    return json.loads(output.strip().splitlines()[-1])


def shoot(base, ids):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for language in LANGUAGES:
            for device, (width, height) in WIDTHS.items():
                for name, email, path in pages(ids):
                    if ONLY and name not in ONLY:
                        continue
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        locale="es-ES" if language == "es" else "en-US",
                        base_url=base,
                    )
                    page = context.new_page()
                    if email:
                        page.goto("/accounts/login/")
                        page.fill("input[name=username]", email)
                        page.fill("input[name=password]", PASSWORD)
                        page.locator("main form button[type=submit]").click()
                        page.wait_for_load_state()
                        # A person's saved language wins: choose it as they would.
                        with page.expect_navigation():
                            page.evaluate(
                                "language => document.querySelector("
                                "`form.language-switcher button[value=${language}]`"
                                ").click()",
                                language,
                            )
                    response = page.goto(path)
                    if response is None or response.status != 200:
                        print(f"skipped {name}: {response and response.status}")
                        context.close()
                        continue
                    target = OUT / f"{name}-{language}-{device}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"wrote {target.relative_to(ROOT)}")
                    if name == "certificates":
                        # Issue them (once), then a certificate as a visitor
                        # checking its code sees it.
                        issue = page.get_by_role("button", name="Emitir certificados")
                        if language == "en":
                            issue = page.get_by_role(
                                "button", name="Issue certificates"
                            )
                        if issue.is_enabled():
                            issue.click()
                            page.wait_for_load_state()
                        code = page.locator("td a[href*='/certificates/']").first
                        verify = f"/verify/{code.inner_text().strip()}/"
                        page.goto(verify)
                        target = OUT / f"verify-{language}-{device}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(f"wrote {target.relative_to(ROOT)}")
                    if name == "reports":
                        # Ask for the cohort report: its progress and download.
                        page.locator("main form button[type=submit]").first.click()
                        page.wait_for_load_state()
                        target = OUT / f"export-progress-{language}-{device}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(f"wrote {target.relative_to(ROOT)}")
                    context.close()
        browser.close()


def main():
    with tempfile.TemporaryDirectory() as folder:
        env = dict(
            os.environ,
            DATABASE_URL=f"sqlite:///{folder}/screenshots.sqlite3",
            STATIC_ROOT=f"{folder}/static",
            MEDIA_ROOT=f"{folder}/media",
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        env.pop("CELERY_BROKER_URL", None)  # exports render in-process here
        manage("migrate", "--noinput", "-v0", env=env)
        manage("seed_demo", env=env)
        if not ONLY:
            report_pictures(env=env, folder=folder, out=OUT)
        manage("collectstatic", "--noinput", "-v0", env=env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            shoot(f"http://127.0.0.1:{port}", demo_ids(env))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
