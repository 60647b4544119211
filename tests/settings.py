"""The test run's settings: the project's, with a SECRET_KEY of its own when the
environment gives none (``make test`` gives one). Set in the environment, so the
processes tests start (a Celery worker, an app server) have it too."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from config.settings import *  # noqa: E402, F403
