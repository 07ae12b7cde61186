"""Remember aggregate answers until the database changes.

Tallies over a million events scan an index (hundreds of ms); the dashboard asks the same
few again and again. An answer is kept while the database files (main and WAL) keep their
size and modification time, so any commit, from any process, invalidates it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["ChangeCache"]

T = TypeVar("T")


class ChangeCache:
    """A small LRU whose entries die when the SQLite files change on disk."""

    def __init__(self, db_path: str, size: int = 256) -> None:
        self._files = [db_path, db_path + "-wal"]
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[tuple[int, ...], object]] = OrderedDict()
        self._lock = threading.Lock()

    def _stamp(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for path in self._files:
            try:
                st = os.stat(path)
                stamp += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                stamp += [0, 0]
        return tuple(stamp)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        stamp = self._stamp()
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
