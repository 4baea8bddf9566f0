"""An inter-process lock on an embedded Chroma directory.

Embedded Chroma is not safe across processes: one process at a time may write, and a process
that serves answers (the chat UI) holds the store for its lifetime. Readers (`ask`, `eval`) take
a shared lock, writers (`ingest`, `chat`) an exclusive one. With a Chroma server, no lock is needed.

Every holder records itself (pid, command, mode) while it holds the lock, so "the store is busy"
names the live holders. The kernel frees an `flock` when the last process that has the file open
exits, which may be a child that inherited it from a holder that died: the message then says so,
and names the processes that still have the lock file open.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from bot.core.errors import StoreBusyError


def pid_alive(pid: int) -> bool:
    """True for a running process (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return True  # no /proc: trust kill()


def command_of(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0")[:4] if part) or "?"


def processes_with_open(path: Path) -> list[int]:
    """Pids (other than ours) that have `path` open, from /proc (what `fuser` does)."""
    try:
        target = os.stat(path)
    except OSError:
        return []
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                st = os.stat(fd)
                if (st.st_dev, st.st_ino) == (target.st_dev, target.st_ino):
                    found.append(int(entry.name))
                    break
        except OSError:
            continue
    return sorted(found)


class StoreLock:
    def __init__(self, directory: Path, *, exclusive: bool, timeout_s: float = 0.0) -> None:
        self.directory = directory
        self.exclusive = exclusive
        self.timeout_s = timeout_s
        self._fh = None
        self._dead: dict[int, str] = {}

    @property
    def _lock_path(self) -> Path:
        return self.directory / ".balkans-qa.lock"

    @property
    def _holders_dir(self) -> Path:
        return self.directory / ".balkans-qa.lock.d"

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
        self._holders_dir.mkdir(exist_ok=True)
        kind = "exclusive" if self.exclusive else "shared"
        (self._holders_dir / str(os.getpid())).write_text(f"{kind} {' '.join(sys.argv[:3])}\n")
        return self

    def holders(self) -> dict[int, str]:
        """Recorded holders that are alive ({pid: "mode command"}); records of dead ones are removed."""
        alive: dict[int, str] = {}
        for record in self._holders_dir.iterdir() if self._holders_dir.is_dir() else []:
            if not record.name.isdigit():
                continue
            try:
                what = record.read_text().strip()
            except OSError:
                continue
            pid = int(record.name)
            if pid_alive(pid):
                alive[pid] = what
            else:
                self._dead[pid] = what
                record.unlink(missing_ok=True)
        return alive

    def _busy_message(self) -> str:
        alive = self.holders()
        advice = (
            "Embedded Chroma cannot be shared between processes: upload the document in the chat UI's "
            "Documents tab, stop the other process, or run a Chroma server and set store.host so that "
            "every process goes through it"
        )
        if alive:
            who = ", ".join(f"pid {pid} ({what})" for pid, what in sorted(alive.items()))
            return f"the store {self.directory} is in use by {who}. {advice}"
        dead = ", ".join(f"pid {pid} ({what})" for pid, what in sorted(self._dead.items())) or "its holder"
        others = processes_with_open(self._lock_path)
        if others:
            who = ", ".join(f"pid {pid} ({command_of(pid)})" for pid in others)
            pids = " ".join(str(pid) for pid in others)
            return (
                f"the store {self.directory} is in use by {who}, which still has the lock that {dead} took "
                f"before it exited (a process it started inherits the lock): stop pid {pids}. {advice}"
            )
        return (
            f"the store {self.directory} is locked, but {dead} has exited and no running process could be "
            f"found holding the lock ({self._lock_path}): try again, or check `fuser {self._lock_path}`"
        )

    def release(self) -> None:
        if self._fh is not None:
            (self._holders_dir / str(os.getpid())).unlink(missing_ok=True)
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
