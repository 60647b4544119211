"""The shared cache (common/cache.py): Redis when configured, and pages that keep
working when Redis cannot be reached."""

import uuid

from common.cache import ForgivingRedisCache

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _cache(location):
    return ForgivingRedisCache(
        location,
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_an_unreachable_redis_reads_as_a_miss_and_drops_writes():
    cache = _cache(UNREACHABLE)

    cache.set("part", "<p>html</p>")
    cache.set_many({"a": 1, "b": 2})

    assert cache.get("part", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("counter", 1) is False


def test_a_reachable_redis_keeps_what_it_is_given(redis_url):
    cache = _cache(redis_url)
    key = f"test-{uuid.uuid4()}"

    cache.set(key, "<p>html</p>", 30)

    assert cache.get(key) == "<p>html</p>"
    assert cache.get_many([key, f"{key}-other"]) == {key: "<p>html</p>"}
    cache.delete(key)
    assert cache.get(key) is None
