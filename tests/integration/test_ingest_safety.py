"""An ingest killed at any moment, a store shared between processes, a Chroma server."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS_FILE
from tests.integration.conftest import VENV_BIN, run_cli

pytestmark = pytest.mark.integration

PROBE = Path(__file__).with_name("store_probe.py")


def write_versions(folder: Path, version: str, docs: int = 2, paragraphs: int = 40) -> None:
    for d in range(docs):
        lines = [f"# Rapport {d}", ""]
        for i in range(paragraphs):
            lines.append(
                f"Paragraphe {i} du rapport {d}, version {version} : la coopération régionale "
                f"numéro {i * 7 + d} porte sur la sécurité, la justice et l'économie des Balkans."
            )
            lines.append("")
        (folder / f"rapport-{d}.md").write_text("\n".join(lines), encoding="utf-8")


def probe(store_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(PROBE), str(store_dir), "coopération régionale sécurité"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(out.stdout)


def assert_one_consistent_version_each(state: dict) -> set[str]:
    versions = set()
    for doc, texts in state["active"].items():
        found = {("A" if "version A" in t else "B" if "version B" in t else "?") for t in texts if "Paragraphe" in t}
        assert len(found) == 1, f"{doc} mixes versions {found}"
        assert len([t for t in texts if "Paragraphe" in t]) == 40
        versions |= found
    assert len(state["hit_ids"]) == len(set(state["hit_ids"])), "duplicate hits"
    return versions


def test_sigkill_at_any_moment_leaves_one_version_and_the_next_run_finishes(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    store_dir = tmp_path / "chroma"
    write_versions(folder, "A")
    assert run_cli("ingest", str(folder), "--store", str(store_dir)).returncode == 0
    write_versions(folder, "B")
    seen_versions = set()
    for delay in (1.0, 2.0, 3.0, 4.0):
        proc = subprocess.Popen(
            [str(VENV_BIN / "balkans-qa"), "ingest", str(folder), "--store", str(store_dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen_versions |= assert_one_consistent_version_each(probe(store_dir))
    result = run_cli("ingest", str(folder), "--store", str(store_dir), "--json")
    assert result.returncode == 0
    state = probe(store_dir)
    assert assert_one_consistent_version_each(state) == {"B"}
    assert state["all_ids"] == 80  # 40 chunks per document, no orphan left
    print("versions seen between kills:", seen_versions)


def test_cli_refuses_a_store_held_by_another_process(settings, corpus_dir):
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys, time; from pathlib import Path; from vectorstore.lock import StoreLock;"
            "l = StoreLock(Path(sys.argv[1]), exclusive=True).acquire(); print('held', flush=True); time.sleep(60)",
            str(settings.store.path),
        ],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli("ingest", str(corpus_dir), "--store", str(settings.store.path))
        assert result.returncode == 2
        assert "in use by" in result.stderr and "Chroma server" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()
    assert run_cli("ingest", str(corpus_dir), "--store", str(settings.store.path)).returncode == 0


def test_server_mode_two_processes_share_a_real_chroma_server(chroma_server, corpus_dir, tmp_path):
    env = {"BALKANS_QA_STORE__HOST": "127.0.0.1", "BALKANS_QA_STORE__PORT": str(chroma_server),
           "BALKANS_QA_INGEST__CORPUS_DIR": str(corpus_dir)}
    first = run_cli("ingest", "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["embedded"] == 20
    # an edit ingested by one process while another reads through the same server
    path = corpus_dir / CORPUS_FILE.name
    path.write_text(path.read_text(encoding="utf-8").replace("octobre 2023", "novembre 2023"), encoding="utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-c", (
            "import os, sys\n"
            "from bot.settings import load_settings\n"
            "from vectorstore.chroma_store import open_store\n"
            "from vectorstore.embeddings import E5Embeddings\n"
            "s = load_settings(); st = open_store(s.store, E5Embeddings()); v = st.embeddings.embed_query('envoyé spécial')\n"
            "for _ in range(30):\n"
            "    hits = st.query(v, 5, st.manifest())\n"
            "    assert len({h.id for h in hits}) == len(hits) and hits\n"
            "print('reader ok')\n"
        )],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    second = run_cli("ingest", "--json", env=env)
    out, err = reader.communicate(timeout=120)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["documents"][0]["status"] == "updated"
    assert "reader ok" in out, err
    third = run_cli("ingest", "--json", env=env)
    assert json.loads(third.stdout)["embedded"] == 0


def test_a_server_that_is_down_gives_a_clear_error(corpus_dir):
    from tests.conftest import free_port

    env = {"BALKANS_QA_STORE__HOST": "127.0.0.1", "BALKANS_QA_STORE__PORT": str(free_port())}
    result = run_cli("ingest", str(corpus_dir), env=env)
    assert result.returncode == 2
    assert "cannot reach the Chroma server" in result.stderr
    assert "Traceback" not in result.stderr
