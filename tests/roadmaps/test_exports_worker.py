"""Exports through a real Celery worker on Redis and a real PostgreSQL.

Run with DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…; skipped (or
failed under REQUIRE_SERVICES=1) without them.
"""

import os
import signal
import time

import pytest
from django.db import connection

from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.models import Export
from tests import factories
from tests.factories import large_roadmap_build
from tests.roadmaps import exports_support
from tests.roadmaps.exports_support import pdf_words

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Fixtures shared by the export tests.
demo_roadmap = exports_support.demo_roadmap


@pytest.fixture
def worker_storage(settings, tmp_path, monkeypatch):
    """One exports folder for the test and its worker (which reads the env)."""
    media = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media / "exports")},
        },
    }
    return media / "exports"


@pytest.fixture
def export_worker(postgres, worker_storage, request, settings):
    """A real worker taking exports from its own queue."""
    queue = request.getfixturevalue("celery_worker")
    settings.EXPORTS_QUEUE = queue
    return queue


@pytest.fixture
def paused_worker(postgres, worker_storage, request, settings, monkeypatch):
    """A worker that waits 3 s before each render: a window to kill it in."""
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.settings_worker")
    queue = request.getfixturevalue("celery_worker")
    settings.EXPORTS_QUEUE = queue
    return queue


def wait_for(export_id, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        export = Export.objects.get(pk=export_id)
        if export.status in statuses:
            return export
        time.sleep(0.2)
    pytest.fail(f"export {export_id} never reached {statuses}: {export.status}")


def stored_files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("language", "baseline", "target", "totals"),
    [
        ("en", "12 (2024)", "60 (2028)", "USD 93,000.00 45,000.00 18,000.00 30,000.00"),
        ("es", "12 (2024)", "60 (2028)", "USD 93 000,00 45 000,00 18 000,00 30 000,00"),
    ],
)
def test_worker_renders_a_requested_roadmap_pdf(
    client,
    demo_roadmap,
    bolivia_member,
    export_worker,
    worker_storage,
    language,
    baseline,
    target,
    totals,
):
    assert connection.vendor == "postgresql"
    client.force_login(bolivia_member)

    response = client.post(
        f"/roadmaps/{demo_roadmap.pk}/exports/new/", {"language": language}
    )

    export = Export.objects.get()
    assert response["Location"] == f"/exports/{export.pk}/"
    export = wait_for(export.pk, {ExportStatus.READY, ExportStatus.FAILED})
    assert (export.status, export.error, export.attempts) == (ExportStatus.READY, "", 1)
    assert export.worker.startswith(f"{export_worker}@")
    status = client.get(f"/exports/{export.pk}/status/", HTTP_HX_REQUEST="true")
    assert "Download PDF" in status.content.decode()
    download = client.get(f"/exports/{export.pk}/download/")
    assert download.status_code == 200
    text = pdf_words(b"".join(download.streaming_content))
    assert "Bolivia" in text
    assert (
        "Aumenta la participación significativa de las mujeres en los espacios de "
        "decisión sobre paz y seguridad." in text
    )
    assert (
        f"Número de mujeres mediadoras certificadas (personas) {baseline} {target}"
        in text
    )
    assert totals in text
    assert stored_files(worker_storage) == [export.filename]


def test_killed_worker_hands_the_export_over_and_it_completes_exactly_once(
    convening, facilitator, paused_worker, worker_storage
):
    for country in ("BO", "CR", "EC", "PA"):
        delegation = factories.DelegationFactory(convening=convening, country=country)
        large_roadmap_build(delegation)
    from roadmaps.exports import export_request

    export = export_request(
        kind=ExportKind.COHORT, convening=convening, language="en", user=facilitator
    )
    rendering = wait_for(export.pk, {ExportStatus.RENDERING})
    pid = int(rendering.worker.rsplit(":", 1)[1])

    os.kill(pid, signal.SIGKILL)

    # Celery rejects the lost task back to the queue (acks late, reject on worker
    # lost); the worker's next pool process takes the export over.
    done = wait_for(export.pk, {ExportStatus.READY, ExportStatus.FAILED}, timeout=120)
    assert (done.status, done.attempts, done.error) == (ExportStatus.READY, 2, "")
    assert int(done.worker.rsplit(":", 1)[1]) != pid
    time.sleep(1)  # a duplicate delivery, if any, would show up by now
    final = Export.objects.get(pk=export.pk)
    assert (final.status, final.attempts) == (ExportStatus.READY, 2)
    assert stored_files(worker_storage) == [export.filename]
