"""The test run's settings: the project's, with a SECRET_KEY of its own when the
environment gives none (``make test`` gives one). Set in the environment, so the
processes tests start (a Celery worker, an app server) have it too."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from config.settings import *  # noqa: E402, F403

# On SQLite, a test database in a file (one per test process), not in memory: a
# live server's threads then each have their own connection, as web workers do,
# instead of sharing one (the editor's heartbeat runs beside its other requests).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(
            tempfile.gettempdir(), f"academy-test-{os.getpid()}.sqlite3"
        )
    }

# Exports render inside the test (eager tasks), not on a thread nobody waits
# for; a submission pre-renders nothing unless a test asks for it.
EXPORTS_IN_THREADS = False
EXPORTS_PRERENDER_ON_SUBMIT = False
