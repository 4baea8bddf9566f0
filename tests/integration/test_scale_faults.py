"""Faults around a shared store: a busy message after the holder died, and reopening a store in
the same process after another process ingested. Real embedded Chroma, the hashing embedder."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import run_cli

pytestmark = pytest.mark.integration

HOLD = (
    "import subprocess, sys, time; from pathlib import Path; from vectorstore.lock import StoreLock\n"
    "lock = StoreLock(Path(sys.argv[1]), exclusive=sys.argv[2] == 'exclusive').acquire()\n"
    "if len(sys.argv) > 3:  # a child that inherits the lock, as a server started by the holder would\n"
    "    child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'], pass_fds=[lock._fh.fileno()])\n"
    "    print(child.pid, flush=True)\n"
    "print('held', flush=True); time.sleep(120)\n"
)


def hold(store: Path, mode: str, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store), mode, *extra], stdout=subprocess.PIPE, text=True)
    return proc


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_the_busy_message_names_the_live_holder_not_a_dead_one(tmp_path):
    store = tmp_path / "chroma"
    first = hold(store, "exclusive")
    assert first.stdout.readline().strip() == "held"
    kill(first)  # its record stays behind, its lock goes with it
    reader = hold(store, "shared")
    try:
        assert reader.stdout.readline().strip() == "held"
        result = run_cli("ingest", str(tmp_path), "--store", str(store))
        assert result.returncode == 2
        assert f"in use by pid {reader.pid} (shared" in result.stderr
        assert f"pid {first.pid}" not in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        kill(reader)


def test_the_busy_message_says_the_holder_died_and_who_inherited_the_lock(tmp_path):
    store = tmp_path / "chroma"
    holder = hold(store, "exclusive", "spawn")
    child_pid = int(holder.stdout.readline())
    assert holder.stdout.readline().strip() == "held"
    kill(holder)
    try:
        result = run_cli("ingest", str(tmp_path), "--store", str(store))
        assert result.returncode == 2
        assert f"pid {holder.pid} (exclusive" in result.stderr and "exited" in result.stderr
        assert f"in use by pid {child_pid}" in result.stderr and f"stop pid {child_pid}" in result.stderr
    finally:
        os.kill(child_pid, signal.SIGKILL)
    time.sleep(0.5)
    assert run_cli("ingest", str(tmp_path / "nothing"), "--store", str(store)).returncode == 1  # lock free again


def test_reopening_a_store_in_process_after_another_process_ingested(settings, tmp_path):
    from bot.wiring import make_retriever, open_chunk_store

    folder = tmp_path / "docs"
    folder.mkdir()
    env = {"BALKANS_QA_EMBEDDING__BACKEND": "hashing"}
    settings.embedding.backend = "hashing"

    def write(version: str) -> None:
        for d in range(3):
            text = "\n\n".join(f"Paragraphe {i} du rapport {d}, version {version}, sur la coopération." for i in range(30))
            (folder / f"rapport-{d}.md").write_text(text, encoding="utf-8")

    write("A")
    assert run_cli("ingest", str(folder), "--store", str(settings.store.path), env=env).returncode == 0
    with open_chunk_store(settings, exclusive=False) as store:
        hits = make_retriever(settings, store).retrieve("coopération version A", 3)
        assert all("version A" in h.text for h in hits)
    write("B")  # another process replaces every chunk
    assert run_cli("ingest", str(folder), "--store", str(settings.store.path), env=env).returncode == 0
    with open_chunk_store(settings, exclusive=False) as store:
        dense = store.query(store.embeddings.embed_query("coopération version B"), 5)
        assert len(dense) == 5 and all("version B" in h.text for h in dense)  # not a stale vector index
        hits = make_retriever(settings, store).retrieve("coopération version B", 3)
        assert hits and all("version B" in h.text for h in hits)
        assert len(store.active_chunks()) == 90
