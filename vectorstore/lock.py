"""An inter-process lock on an embedded Chroma directory.

Embedded Chroma is not safe across processes: one process at a time may write, and a process
that serves answers (the chat UI) holds the store for its lifetime. Readers (`ask`, `eval`) take
a shared lock, writers (`ingest`, `chat`) an exclusive one. With a Chroma server, no lock is needed.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from bot.core.errors import StoreBusyError


class StoreLock:
    def __init__(self, directory: Path, *, exclusive: bool, timeout_s: float = 0.0) -> None:
        self.directory = directory
        self.exclusive = exclusive
        self.timeout_s = timeout_s
        self._fh = None

    @property
    def _lock_path(self) -> Path:
        return self.directory / ".balkans-qa.lock"

    @property
    def _owner_path(self) -> Path:
        return self.directory / ".balkans-qa.lock.owner"

    def acquire(self) -> StoreLock:
        self.directory.mkdir(parents=True, exist_ok=True)
        fh = self._lock_path.open("a+")
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                fcntl.flock(fh, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.close()
                    raise StoreBusyError(self._busy_message()) from None
                time.sleep(0.2)
        self._fh = fh
        if self.exclusive:
            self._owner_path.write_text(f"{os.getpid()} {' '.join(sys.argv[:3])}\n")
        return self

    def _busy_message(self) -> str:
        try:
            owner = self._owner_path.read_text().strip()
        except OSError:
            owner = "another process"
        return (
            f"the store {self.directory} is in use by {owner}. Embedded Chroma cannot be shared "
            "between processes: upload the document in the chat UI's Documents tab, stop the "
            "other process, or run a Chroma server and set store.host so that every process "
            "goes through it"
        )

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
