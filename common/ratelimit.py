"""Counting requests per key in a window, in the shared cache (Redis when
configured, so every web process counts together)."""

from django.core.cache import cache


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request under ``key``; True when it is over ``limit`` in the
    current window (the window starts with the first request and lasts
    ``window_seconds``). When the cache cannot be reached nothing is limited:
    a person is never refused because Redis restarted."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(cache_key, 1, window_seconds)
        count = 1
    return count > limit
