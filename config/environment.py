"""Reading the environment for the settings: each variable parsed, or the start
stopped with a message naming it (a typo must not start a broken app)."""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()


def invalid(variable, reason):
    return ImproperlyConfigured(
        f"Environment variable {variable} is not valid: {reason}"
    )


def read(variable, parse, default):
    """Parse one variable, or fail naming it: a typo must not start a broken app."""
    try:
        return parse(variable, default=default)
    except Exception as error:  # environ raises ValueError, KeyError or its own
        raise invalid(variable, error) from error


def strict_bool(variable, default):
    """environ.bool reads any unknown word as False; we refuse it instead."""
    raw = env.str(variable, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"{raw!r} is not one of true/false, yes/no, on/off, 1/0")
