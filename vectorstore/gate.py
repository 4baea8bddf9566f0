"""Questions first: keeps questions from waiting behind long writes in the same process.

Embedded Chroma (1.5) holds the GIL for the whole of an upsert or delete: every thread of the
process stops, a question included, for as long as the write takes (4 s for 2,000 rows). While
questions are being asked here (one in flight, or one in the last few seconds), writes are cut into
slices of about `slice_s`, and each slice first lets the questions already in flight finish (not
the ones that arrive meanwhile; waiting at most `max_wait_s`): questions and write slices take turns.
With no question about, a write goes in large batches, at full speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class WriteGate:
    def __init__(self, *, slice_s: float = 0.1, recent_s: float = 5.0, max_wait_s: float = 0.25) -> None:
        self.slice_s, self.recent_s, self.max_wait_s = slice_s, recent_s, max_wait_s
        self._reads = 0
        self._started = self._finished = 0
        self._last_read = float("-inf")
        self._rate = 160.0  # rows per second of recent writes (16 rows per slice to start)
        self._lock = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._lock:
            self._reads += 1
            self._started += 1
        try:
            yield
        finally:
            with self._lock:
                self._reads -= 1
                self._finished += 1
                self._last_read = time.monotonic()

    def serving(self) -> bool:
        return self._reads > 0 or time.monotonic() - self._last_read < self.recent_s

    def slices(self, n: int, batch: int) -> Iterator[tuple[int, int]]:
        """(start, end) ranges over n rows, each written as one call, after `_let_readers_in`."""
        start = 0
        while start < n:
            size = max(16, min(batch, int(self._rate * self.slice_s))) if self.serving() else batch
            end = min(n, start + size)
            self._let_readers_in()
            t0 = time.perf_counter()
            yield start, end
            elapsed = time.perf_counter() - t0
            if elapsed > 0:
                self._rate = 0.7 * self._rate + 0.3 * ((end - start) / elapsed)
            start = end

    def _let_readers_in(self) -> None:
        ahead, deadline = self._started, time.monotonic() + self.max_wait_s
        while self._finished < ahead and time.monotonic() < deadline:
            time.sleep(0.001)
