"""Settings of the collectstatic run for the app servers that tests start
(tests/conftest.py's collected_static): the manifest the production storage
reads, without compressing every file (that takes most of the run's time;
the servers then send the files uncompressed)."""

from config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
