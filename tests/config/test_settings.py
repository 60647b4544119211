"""Settings come from the environment, and a bad value stops the start with its name."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "EMAIL_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "not-a-database-url"),
        ("DATABASE_URL", "mongodb://127.0.0.1/academy"),
        ("DEBUG", "perhaps"),
        ("CELERY_BROKER_URL", "127.0.0.1:6379"),
        ("EMAIL_URL", "pigeon://loft"),
        ("CONN_MAX_AGE", "forever"),
        ("INVITATION_MAX_AGE_DAYS", "0"),
    ],
)
def test_settings_bad_value_fails_naming_the_variable(variable, value):
    result = run_check(**{variable: value})

    assert result.returncode != 0
    assert f"Environment variable {variable} is not valid" in result.stderr


def test_settings_no_configuration_starts_on_embedded_defaults():
    result = run_check()

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_settings_an_s3_bucket_without_boto3_fails_at_the_start():
    """boto3 is not a dependency (README): without it, say so at the start, not at
    the first export in the worker."""
    if importlib.util.find_spec("boto3") is not None:
        pytest.skip("boto3 is installed here: the bucket would be accepted")
    result = run_check(EXPORTS_S3_BUCKET="academy-exports")

    assert result.returncode != 0
    assert "Environment variable EXPORTS_S3_BUCKET is not valid" in result.stderr
    assert "pip install boto3" in result.stderr


def test_settings_without_debug_refuse_to_start_without_a_secret_key():
    """A key everyone can read would let anyone forge sessions and links."""
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.pop("DEBUG", None)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"

    refused = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    debugging = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert refused.returncode != 0
    assert "SECRET_KEY is not set." in refused.stderr
    assert debugging.returncode == 0, debugging.stderr
