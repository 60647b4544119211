"""Settings of the Celery worker that test_exports_worker.py kills mid-export:
the project's settings, and a pause after an export is claimed and before it is
rendered (roadmaps/export_rendering.py), long enough to kill the worker in."""

from config.settings import *  # noqa: F403

EXPORT_RENDER_PAUSE_SECONDS = 3.0
