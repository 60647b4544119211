"""The HTML caches are bounded by the bytes they hold (academy/cache.py)."""

import time

import pytest
from django.core.cache import caches

from common.cache import BoundedLocMemCache


@pytest.fixture
def cache():
    store = BoundedLocMemCache(
        f"test-{time.monotonic_ns()}",
        {"OPTIONS": {"MAX_BYTES": 10_000, "MAX_ENTRIES": 1000}},
    )
    yield store
    store.clear()


def test_it_never_holds_more_bytes_than_its_budget(cache):
    for number in range(40):
        cache.set(f"piece-{number}", "x" * 1000)
        assert cache.size <= 10_000

    assert cache.get("piece-39") is not None
    assert cache.get("piece-0") is None


def test_the_least_recently_read_goes_first(cache):
    for number in range(9):
        cache.set(f"piece-{number}", "x" * 1000)
    assert cache.get("piece-0") is not None  # read: now the most recent

    cache.set("newcomer", "y" * 2000)

    assert cache.get("piece-0") is not None
    assert cache.get("piece-1") is None
    assert cache.get("newcomer") == "y" * 2000


def test_an_entry_bigger_than_the_budget_is_not_stored(cache):
    cache.set("small", "x" * 100)
    cache.set("huge", "x" * 20_000)

    assert cache.get("huge") is None
    assert cache.get("small") == "x" * 100


def test_replacing_deleting_expiring_and_clearing_keep_the_count_true(cache):
    cache.set("a", "x" * 3000)
    cache.set("a", "x" * 1000)
    one = cache.size
    assert 1000 < one < 1100  # pickled: the text and a few bytes

    cache.set("b", "x" * 1000, timeout=0.01)
    time.sleep(0.05)
    assert cache.get("b") is None
    assert cache.size == one

    cache.delete("a")
    assert cache.size == 0
    cache.set("c", "x" * 500)
    cache.clear()
    assert cache.size == 0 and cache.get("c") is None


def test_the_html_caches_are_bounded():
    for name in ("fragments", "fragment_items"):
        assert isinstance(caches[name], BoundedLocMemCache)
        assert caches[name]._max_bytes <= 64 * 2**20
