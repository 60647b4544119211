"""GET /healthz: is the database usable, and can tasks be queued?

Anyone gets the verdict ("ok" or "unavailable", 200 or 503); the details (the
database vendor, the queue's mode, the name of an error) only staff, or a caller
on this machine (a health probe, the bench) that no proxy forwarded.
"""

import ipaddress
import logging

from celery import current_app as app
from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from common.views import head_like_get

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


def _may_see_details(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False  # through a proxy: whoever it is, not this machine
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@head_like_get
@transaction.non_atomic_requests
def healthz(request):
    database = database_state()
    queue = queue_state()
    status = 200 if database["ok"] else 503
    body = {"status": "ok" if status == 200 else "unavailable"}
    if _may_see_details(request):
        body.update(database=database, queue=queue)
    return JsonResponse(body, status=status)
