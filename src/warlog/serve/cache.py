"""Remember aggregate answers until the database changes.

The dashboard asks the same few tallies again and again; an answer is kept while the store's
change stamp (on SQLite: size and modification time of the database and its WAL) stays the
same, so any commit, from any process, invalidates it. A store that cannot tell cheaply
(PostgreSQL) gives no stamp, and nothing is cached: its tallies read the pre-aggregated tables.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["ChangeCache"]

T = TypeVar("T")


class ChangeCache:
    """A small LRU whose entries die when ``stamp()`` changes."""

    def __init__(self, stamp: Callable[[], Hashable | None], size: int = 256) -> None:
        self._stamp = stamp
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        stamp = self._stamp()
        if stamp is None:
            return compute()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] == stamp:
                self._entries.move_to_end(key)
                return hit[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._entries[key] = (stamp, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value
