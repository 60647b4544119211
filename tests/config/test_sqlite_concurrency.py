"""The embedded default (SQLite) takes simultaneous writes like PostgreSQL does:
they queue, none fails with "database is locked"."""

import threading

import pytest
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.sqlite import CONCURRENT_OPTIONS

WRITERS = 5
# pytest-django lets a test open connections only with this mark; these tests use
# databases of their own, beside the test database.
pytestmark = pytest.mark.django_db


def _database(path, options):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "ATOMIC_REQUESTS": True,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }


def _simultaneous_saves(path, options):
    """Five writers, each in a transaction that reads, then writes (as a save
    does: load the item, check its version, update it), released together.
    Returns the errors they met."""
    setup = DatabaseWrapper(_database(path, options), alias="setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, version INTEGER)")
        cursor.execute("INSERT INTO item VALUES (1, 1)")
    setup.close()
    start, errors = threading.Barrier(WRITERS), []

    def save(number):
        alias = f"writer-{number}"
        connection = DatabaseWrapper(_database(path, options), alias=alias)
        connections[alias] = connection  # this thread's, for transaction.atomic
        try:
            start.wait()
            with transaction.atomic(using=alias), connection.cursor() as cursor:
                cursor.execute("SELECT version FROM item WHERE id = 1")
                [version] = cursor.fetchone()
                threading.Event().wait(0.05)  # the rest of the request's work
                cursor.execute(
                    "UPDATE item SET version = %s WHERE id = 1 AND version = %s",
                    [version + 1, version],
                )
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_saves_queue_instead_of_failing(tmp_path):
    errors = _simultaneous_saves(tmp_path / "academy.sqlite3", CONCURRENT_OPTIONS)

    assert errors == []


def test_without_those_options_they_fail(tmp_path):
    # What the options prevent: the same writers on SQLite's defaults.
    errors = _simultaneous_saves(tmp_path / "academy.sqlite3", {"timeout": 5})

    assert errors and all("database is locked" in error for error in errors)
