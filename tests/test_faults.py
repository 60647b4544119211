"""The app keeps its promises when a service fails: a restarted database, a lost
broker. (A worker killed mid-render and a full disk: tests/roadmaps/test_exports_*.)"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
# Of this test process only: xdist workers and other runs share the server.
APP_NAME = f"academy-fault-test-{os.getpid()}"
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    database = settings.DATABASES["default"]
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def web_server(postgres, tmp_path, collected_static):
    """gunicorn serving the app on loopback, on the test database."""
    port = free_port()

    def start(**environment):
        env = dict(
            os.environ,
            DATABASE_URL=database_url(),
            STATIC_ROOT=str(collected_static),
            PGAPPNAME=APP_NAME,  # libpq tags the server's connections with it
            **environment,
        )
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        servers.append(process)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "gunicorn.log").read_text())
                time.sleep(0.2)

    servers = []
    yield start
    for process in servers:
        process.terminate()
        process.wait(timeout=20)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_database_restart_next_request_succeeds(web_server):
    base = web_server()
    assert get(f"{base}/healthz")[0] == 200  # the app now holds a connection

    # What a restart does to the app: every server-side connection is dropped.
    database = settings.DATABASES["default"]
    admin = psycopg2.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s",
            [APP_NAME],
        )
        (dropped,) = cursor.fetchone()
    admin.close()
    assert dropped >= 1

    status, body = get(f"{base}/healthz")

    assert status == 200, body  # reconnected: the dead connection was not reused
    assert '"database": {"ok": true' in body


def test_broker_down_pages_keep_working_and_health_says_so(web_server):
    base = web_server(CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0")

    page_status, _page = get(f"{base}/accounts/login/")
    health_status, health = get(f"{base}/healthz")

    assert page_status == 200
    assert health_status == 200  # the database is fine: the app is usable
    assert '"queue": {"ok": false, "mode": "broker"' in health
