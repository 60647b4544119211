"""docker-compose.yml runs the app as services (checked without a Docker engine)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_db_redis_web_and_worker_with_health_checks():
    services = load()["services"]

    assert sorted(services) == ["db", "redis", "web", "worker"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in services:
        assert "test" in services[name]["healthcheck"], name


def test_compose_web_runs_gunicorn_and_worker_runs_celery():
    services = load()["services"]

    assert "gunicorn config.wsgi" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]


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


def test_dockerfile_builds_the_app_image():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert dockerfile.startswith("# One image") and "FROM python:3.11" in dockerfile
    assert "-c constraints.txt" in dockerfile
    assert "libpango" in dockerfile  # WeasyPrint renders PDFs in the worker
