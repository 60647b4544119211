"""A per-process cache bounded by the bytes it holds, for rendered HTML.

Django's LocMemCache bounds only the number of entries, and the pieces of the
roadmap editor and the agenda range from 1 KiB (a card) to 300 KiB (the
activities of a large roadmap): a count cannot bound their memory. This one
also holds at most OPTIONS["MAX_BYTES"] of pickled values; the least recently
used entries go first (LocMemCache keeps the most recent at the front). An
entry bigger than the whole budget is not stored. Counters (``incr``) are not
what it is for: their size is not tracked.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

# Shared by name, as LocMemCache shares its storage: every thread's instance of
# a cache sees the same entries and the same ledger.
_ledgers = {}


class _Ledger:
    def __init__(self):
        self.sizes = {}
        self.total = 0


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 32 * 2**20))
        self._ledger = _ledgers.setdefault(name, _Ledger())

    @property
    def size(self):
        """Bytes of pickled values held now."""
        return self._ledger.total

    # Called with the lock held, as in LocMemCache.

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._delete(key)
        size = len(value)
        if size > self._max_bytes:
            return
        ledger = self._ledger
        while self._cache and (
            ledger.total + size > self._max_bytes
            or len(self._cache) >= self._max_entries
        ):
            oldest, _value = self._cache.popitem()
            self._expire_info.pop(oldest, None)
            ledger.total -= ledger.sizes.pop(oldest, 0)
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)
        ledger.sizes[key] = size
        ledger.total += size

    def _delete(self, key):
        deleted = super()._delete(key)
        if deleted:
            self._ledger.total -= self._ledger.sizes.pop(key, 0)
        return deleted

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._ledger.sizes.clear()
            self._ledger.total = 0
