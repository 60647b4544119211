"""docker-compose.yml runs the app as services (checked without a Docker engine)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_db_redis_web_and_worker_with_health_checks():
    services = load()["services"]

    assert sorted(services) == ["beat", "db", "redis", "web", "worker"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in services:
        assert "test" in services[name]["healthcheck"], name


def test_compose_web_runs_gunicorn_and_worker_runs_celery():
    services = load()["services"]

    assert "gunicorn config.wsgi" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_compose_web_and_worker_share_media_and_configuration():
    services = load()["services"]
    web, worker = services["web"], services["worker"]

    assert web["volumes"] == worker["volumes"] == ["media:/app/var/media"]
    assert web["environment"] == worker["environment"]
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["environment"]["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert web["environment"]["MEDIA_ROOT"] == "/app/var/media"
    for service in (web, worker):
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "media" in load()["volumes"]


def dockerfile_instructions():
    """(instruction, arguments) of the Dockerfile, continuation lines joined and
    comments left out: what the build does, not what it says."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _space, arguments = line.partition(" ")
            yield instruction.upper(), " ".join(arguments.split())


def test_web_and_worker_run_the_image_of_the_dockerfile():
    services = load()["services"]

    assert services["web"]["build"] == services["worker"]["build"] == "."
    assert "image" not in services["web"] and "image" not in services["worker"]


def test_dockerfile_builds_the_app_image():
    instructions = list(dockerfile_instructions())
    runs = [arguments for name, arguments in instructions if name == "RUN"]

    assert instructions[0][0] == "FROM"
    assert instructions[0][1].startswith("python:3.11")
    assert any("pip install" in run and "-c constraints.txt" in run for run in runs)
    # WeasyPrint renders PDFs in the worker: Pango is installed in the image.
    assert any("apt-get install" in run and "libpango" in run for run in runs)
