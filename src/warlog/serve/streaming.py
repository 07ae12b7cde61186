"""Run a writer function (`fn(out)` writing text) in a thread and hand its output over in chunks.

`warlog.serve.export.export` writes to a file object; an HTTP response wants an iterator.
A bounded queue between them keeps memory flat however large the export is.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["stream_writer"]

log = logging.getLogger(__name__)

_DONE = object()


class _QueueWriter:
    """A write-only text file that batches writes into ~64 KB chunks on a queue."""

    def __init__(self, chunks: queue.Queue[Any], chunk_size: int = 65536) -> None:
        self._chunks = chunks
        self._buffer: list[str] = []
        self._size = 0
        self._chunk_size = chunk_size
        self.cancelled = threading.Event()

    def write(self, text: str) -> int:
        if self.cancelled.is_set():
            raise BrokenPipeError("the client went away")
        self._buffer.append(text)
        self._size += len(text)
        if self._size >= self._chunk_size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._buffer:
            self._put("".join(self._buffer).encode("utf-8"))
            self._buffer, self._size = [], 0

    def _put(self, item: object) -> None:
        while not self.cancelled.is_set():
            try:
                self._chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("the client went away")

    def finish(self, error: BaseException | None) -> None:
        try:
            self.flush()
        except BrokenPipeError:
            return
        self._chunks.put(error if error is not None else _DONE)


def stream_writer(fn: Callable[[_QueueWriter], Any], max_chunks: int = 16) -> Iterator[bytes]:
    """Yield what ``fn`` writes, as UTF-8 chunks, while it is still writing."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=max_chunks)
    writer = _QueueWriter(chunks)

    def run() -> None:
        error: BaseException | None = None
        try:
            fn(writer)
        except BrokenPipeError:
            return
        except Exception as exc:  # handed to the consumer, which stops the response
            log.exception("export failed")
            error = exc
        writer.finish(error)

    thread = threading.Thread(target=run, name="warlog-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        writer.cancelled.set()
