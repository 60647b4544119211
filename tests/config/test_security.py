"""Deployment settings and the headers every page is sent with."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_passes_with_production_settings():
    environment = dict(
        os.environ,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="academy.example.org",
        SECURE_TLS="true",
    )
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests only

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_pages_forbid_inline_script_and_style(client, organizer):
    client.force_login(organizer)

    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_hold_no_inline_script_or_style():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        if "emails" in template.parts:
            continue  # e-mail clients need inline styles; no browser CSP applies
        text = template.read_text()
        for needle in (
            "<style",
            'style="',
            "<script>",
            "onclick=",
            "onchange=",
            "hx-on",
        ):
            if needle in text:
                offenders.append(f"{template.relative_to(ROOT)}: {needle}")
        for line in text.splitlines():
            if "<script" in line and "src=" not in line:
                offenders.append(f"{template.relative_to(ROOT)}: inline <script>")

    assert offenders == []
