"""One model, several users: questions take turns, and each knows how many are ahead of it."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ModelQueue:
    """A first-come, first-served turn at the model. `turn()` yields an iterator of "questions
    ahead" counts while waiting (for a status line; one at least every `poll_s`, so that a reader
    who stops a waiting question is heard at once), then holds the model until the block ends."""

    def __init__(self, poll_s: float = 0.5) -> None:
        self._cond = threading.Condition()
        self._tickets = itertools.count()
        self._waiting: list[int] = []
        self._busy = False
        self.poll_s = poll_s

    def ahead(self, ticket: int) -> int:
        with self._cond:
            return self._waiting.index(ticket) + int(self._busy) if ticket in self._waiting else 0

    @contextmanager
    def turn(self) -> Iterator[Iterator[int]]:
        ticket = next(self._tickets)
        with self._cond:
            self._waiting.append(ticket)
        acquired = False

        def wait() -> Iterator[int]:
            nonlocal acquired
            first = True
            while True:
                with self._cond:
                    if not first:
                        self._cond.wait(self.poll_s)
                    first = False
                    if not self._busy and self._waiting[0] == ticket:
                        self._waiting.pop(0)
                        self._busy = acquired = True
                        return
                    ahead = self._waiting.index(ticket) + int(self._busy)
                yield ahead  # outside the lock: the caller may take its time

        try:
            waiting = wait()
            yield waiting
            for _ in waiting:  # a caller that did not wait explicitly still waits here
                pass
        finally:
            with self._cond:
                if acquired:
                    self._busy = False
                elif ticket in self._waiting:
                    self._waiting.remove(ticket)
                self._cond.notify_all()
