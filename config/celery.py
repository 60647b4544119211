"""The Celery app, configured from Django settings (the ``CELERY_`` names).

With no ``CELERY_BROKER_URL`` the settings make tasks run in-process, so the app
works on a laptop with nothing else installed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("academy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
