"""Settings come from the environment, and a bad value stops the start with its name."""

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
