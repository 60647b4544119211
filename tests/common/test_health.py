import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_database_and_in_process_queue(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["queue"] == {"ok": True, "mode": "in-process"}


@pytest.mark.services
def test_healthz_reports_reachable_broker(client, db, settings, redis_url):
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = redis_url
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL or None

    assert response.status_code == 200
    assert response.json()["queue"] == {"ok": True, "mode": "broker"}


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_503_when_the_database_is_stopped():
    """A Postgres that is not running: the app still answers, with 503."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    environment.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{_closed_port()}/academy",
        DJANGO_SETTINGS_MODULE="config.settings",
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "unavailable"
    assert answer["body"]["database"] == {"ok": False, "detail": "OperationalError"}


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.7"},
        # A proxy on this machine forwards someone else's request.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
    ],
    ids=["remote", "through-a-proxy"],
)
def test_healthz_tells_anonymous_remote_callers_only_the_verdict(
    client, db, settings, meta
):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz", **meta)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_gives_staff_the_details_from_anywhere(client, db, settings):
    from tests import factories

    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(factories.UserFactory(is_staff=True))

    body = client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()

    assert body["queue"] == {"ok": True, "mode": "in-process"}
    assert body["database"]["ok"] is True
