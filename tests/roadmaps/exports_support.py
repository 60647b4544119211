"""Fixtures and helpers shared by the tests of PDF exports (test_exports_*.py)."""

import io
import socket
import threading

import pytest
from pypdf import PdfReader

from roadmaps.demo import demo_roadmap_fill
from roadmaps.models import Roadmap
from tests.factories import large_roadmap_build


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_words(content: bytes) -> str:
    """The text with line breaks and repeated spaces folded, as a reader sees it."""
    return " ".join(pdf_text(content).split())


@pytest.fixture
def exports_dir(settings, tmp_path):
    """Exports stored in a folder of this test only."""
    folder = tmp_path / "exports"
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


@pytest.fixture
def in_process_tasks():
    """Tasks run in this process, whatever CELERY_BROKER_URL says."""
    from config.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def demo_roadmap(bolivia):
    demo_roadmap_fill(roadmap=bolivia.roadmap)
    return Roadmap.objects.select_related("delegation__convening").get(
        pk=bolivia.roadmap.pk
    )


@pytest.fixture
def large_roadmap(ecuador):
    return large_roadmap_build(ecuador)


@pytest.fixture
def listener():
    """A TCP server on loopback that records every connection it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except TimeoutError:
                continue
            hits.append(connection.recv(1024))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()
