"""Celery for real: a worker process takes a task from Redis and returns its result."""

import pytest

from common.tasks import ping
from config.celery import app

pytestmark = pytest.mark.services


def test_worker_round_trip_through_redis(celery_worker):
    result = ping.apply_async(kwargs={"token": "nap-2025"}, queue=celery_worker)

    assert result.get(timeout=30) == "pong:nap-2025"
    assert result.status == "SUCCESS"
    assert app.conf.task_always_eager is False


def test_celery_reliability_settings_are_in_force():
    conf = app.conf

    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_soft_time_limit < conf.task_time_limit
    # Redis redelivers an unacknowledged task after the visibility timeout: a task
    # must be killed by the hard limit long before that.
    assert conf.task_time_limit < conf.broker_transport_options["visibility_timeout"]


def test_celery_runs_in_process_without_broker(settings, in_process_tasks):
    # What the settings give when CELERY_BROKER_URL is empty (in_process_tasks
    # sets the Celery app the same way), forced here even when this run has a
    # broker.
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    assert ping.delay(token="local").get() == "pong:local"
