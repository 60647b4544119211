"""Shared fixtures: a small cohort with every role, and access to real services.

Tests that need a real PostgreSQL, Redis, Celery worker or Chromium use the
``require_service`` helper: it skips when the service is missing, or fails when
``REQUIRE_SERVICES=1`` (as in CI), so a missing service is never reported as a pass.
"""

import copy
import os
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings

from academy.enums import Role
from tests import factories

# Fixtures of the PDF exports (exports_dir, in_process_tasks…) for every test.
pytest_plugins = ["tests.roadmaps.exports_support"]

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true"}


def require_service(available: bool, reason: str):
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def tcp_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url():
    url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
    require_service(
        url.startswith("redis") and tcp_open(url, 6379), f"no Redis at {url}"
    )
    return url


@pytest.fixture
def postgres():
    require_service(
        django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        "DATABASE_URL does not point at PostgreSQL",
    )


@pytest.fixture(autouse=True, scope="session")
def _test_database_left_alone_at_the_end(django_db_setup, django_db_blocker):
    """End, before the test database is dropped, the connections that processes
    started by tests may still hold (a killed worker's pool child, a server):
    otherwise PostgreSQL refuses to drop a database in use."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        return  # already dropped (shared_rows made and dropped it itself)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _cache_of_this_test(settings):
    """Each test reads and writes a cache namespace of its own (a fresh key
    prefix): rate-limit counters and cached parts of one test never reach
    another, in this process's memory or in a Redis shared by workers and runs."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True, scope="session")
def _media_of_this_worker(tmp_path_factory):
    """Uploads and exports in a folder of this test process, not var/media: xdist
    workers run side by side, and each one's database numbers rows from 1."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    exports = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(media / "exports")},
    }
    logos = {**exports, "OPTIONS": {"location": str(media / "logos")}}
    attachments = {**exports, "OPTIONS": {"location": str(media / "attachments")}}
    certificates = {**exports, "OPTIONS": {"location": str(media / "certificates")}}
    with override_settings(
        MEDIA_ROOT=str(media),
        STORAGES={
            **django_settings.STORAGES,
            "exports": exports,
            "logos": logos,
            "attachments": attachments,
            "certificates": certificates,
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code run outside a request (services, e-mails without a recipient's
    language) speaks English in tests: the source language, so messages read
    as written. Spanish is tested explicitly, through requests and overrides."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def client(client):
    """A browser that asks for English; tests of Spanish ask for it explicitly."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def convening(db):
    return factories.ConveningFactory(name="Academy Panama")


@pytest.fixture
def bolivia(convening):
    return factories.DelegationFactory(convening=convening, country="BO")


@pytest.fixture
def ecuador(convening):
    return factories.DelegationFactory(convening=convening, country="EC")


@pytest.fixture
def organizer(convening):
    user = factories.UserFactory(email="organizer@test.org", full_name="Olga Organizer")
    factories.RoleFactory(convening=convening, user=user, role=Role.ORGANIZER)
    return user


@pytest.fixture
def facilitator(convening):
    user = factories.UserFactory(email="facilitator@test.org", full_name="Fabio Facil")
    factories.RoleFactory(convening=convening, user=user, role=Role.FACILITATOR)
    return user


@pytest.fixture
def bolivia_member(bolivia):
    return factories.ParticipantFactory(
        delegation=bolivia,
        user__email="bo@test.org",
        user__full_name="Berta Bolivia",
    ).user


@pytest.fixture
def ecuador_member(ecuador):
    return factories.ParticipantFactory(
        delegation=ecuador,
        user__email="ec@test.org",
        user__full_name="Elena Ecuador",
    ).user


@pytest.fixture
def other_organizer(db):
    """Organizer of another convening: must get nothing of this one."""
    user = factories.UserFactory(email="other.org@test.org", full_name="Otto Other")
    factories.RoleFactory(user=user, role=Role.ORGANIZER)
    return user


@pytest.fixture
def other_facilitator(db):
    user = factories.UserFactory(email="other.fac@test.org", full_name="Ofelia Other")
    factories.RoleFactory(user=user, role=Role.FACILITATOR)
    return user


def _reset_celery_connections(app):
    """Forget pooled broker connections and the result backend built so far."""
    from kombu import pools

    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_worker(redis_url, tmp_path):
    """A real Celery worker process on Redis, on a queue of its own.

    The test process sends through Redis too (not eager mode). The worker uses the
    same database as the test, so tests that need it to read rows must commit them
    (``django_db(transaction=True)``). Yields the queue name to send tasks to.
    """
    import subprocess
    import sys
    import time
    import uuid

    from config.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    saved = {
        key: app.conf.get(key)
        for key in ("broker_url", "result_backend", "task_always_eager")
    }
    app.conf.update(
        broker_url=redis_url, result_backend=redis_url, task_always_eager=False
    )
    _reset_celery_connections(app)

    database = django_settings.DATABASES["default"]
    environment = dict(os.environ, CELERY_BROKER_URL=redis_url)
    if database["ENGINE"].endswith("postgresql"):
        # pytest-django renamed the database to the test one in this process.
        environment["DATABASE_URL"] = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    log = tmp_path / "worker.log"
    with open(log, "w") as log_file:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--queues",
                queue,
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
                "--hostname",
                f"{queue}@%h",
            ],
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Celery worker did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.conf.update(saved)
        _reset_celery_connections(app)


class SharedRows:
    """Rows committed once per test process, for the tests that only read them.

    A browser test's live server runs in another thread, on its own database
    connection: it sees committed rows only. The ``live_server`` fixture makes a
    test transactional, so each such test commits its own rows and flushes the
    database afterwards. Tests that only read build their rows once through this
    object instead (``get``), in the database as it is between tests. Before any
    other test runs, they are flushed (``pytest_runtest_setup`` below), so no test
    ever sees them; the next reader builds them again.
    """

    def __init__(self, blocker):
        self._blocker = blocker
        self._values = {}
        self._closers = []

    def get(self, key, build, close=None):
        """What ``build()`` returned, called once until the rows are flushed;
        ``close(value)`` is called then (for what depends on the rows)."""
        if key not in self._values:
            with self._blocker.unblock():
                self._values[key] = value = build()
            if close is not None:
                self._closers.append(lambda: close(value))
        return self._values[key]

    def flush(self):
        if not self._values:
            return
        while self._closers:
            self._closers.pop()()
        self._values.clear()
        from django.core.management import call_command
        from django.db import connections

        with self._blocker.unblock():
            for alias in connections:
                call_command("flush", database=alias, interactive=False, verbosity=0)


_shared_rows: list[SharedRows] = []


@pytest.fixture(scope="session")
def shared_rows(django_db_setup, django_db_blocker):
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = None
    # pytest-django creates the test database only when a collected test asks
    # for ``db`` or ``live_server``: a run of readers alone must not write to the
    # configured database.
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        with django_db_blocker.unblock():
            created = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}
            )
    rows = SharedRows(django_db_blocker)
    _shared_rows.append(rows)
    yield rows
    rows.flush()
    _shared_rows.remove(rows)
    if created is not None:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture
def reads_shared_rows(shared_rows, django_db_blocker):
    """The shared rows, and database access for the test (its own connection, in
    autocommit: keep writes to what every reader sets again before use)."""
    with django_db_blocker.unblock():
        yield shared_rows


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if "shared_rows" not in item.fixturenames:
        for rows in _shared_rows:
            rows.flush()


def sign_in(client, email, password):
    """Sign in through the login page, as a person does (django-axes watches it)."""
    response = client.post(
        "/accounts/login/", {"username": email, "password": password}
    )
    return response.status_code == 302


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT for app servers started by tests (DEBUG off: manifest storage)."""
    import subprocess
    import sys
    from pathlib import Path

    root = tmp_path_factory.mktemp("static")
    environment = dict(
        os.environ,
        STATIC_ROOT=str(root),
        DJANGO_SETTINGS_MODULE="tests.settings_static",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=Path(__file__).resolve().parents[1],
        env=environment,
        check=True,
        timeout=300,
    )
    return root
