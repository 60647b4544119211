"""GET /healthz: is the database usable, and can tasks be queued?"""

import logging

from celery import current_app as app
from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "not usable"
        logger.warning("Health check: database unavailable: %s", error)
        return {"ok": False, "detail": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def queue_state():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # broker down: pages still work, exports wait
        logger.warning("Health check: broker unreachable: %s", error)
        return {"ok": False, "mode": "broker", "detail": error.__class__.__name__}
    return {"ok": True, "mode": "broker"}


@never_cache
@require_GET
@transaction.non_atomic_requests
def healthz(request):
    database = database_state()
    queue = queue_state()
    status = 200 if database["ok"] else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "unavailable",
            "database": database,
            "queue": queue,
        },
        status=status,
    )
