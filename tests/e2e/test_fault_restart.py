"""An upload cut short by SIGKILL is finished at the next `balkans-qa chat` start: the corpus folder
and the store agree before the chat serves."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import CORPUS_FILE, free_port
from tests.e2e.conftest import VENV_BIN, wait_http

pytestmark = pytest.mark.e2e

# What the Documents tab does with an upload, in a process of its own so that it can be killed:
# copy into the corpus folder (atomically), then ingest that file.
UPLOAD = """
import os, shutil, sys
from pathlib import Path
from bot import wiring
from bot.settings import load_settings
settings = load_settings()
settings.store.path = Path(sys.argv[1])
src, corpus = Path(sys.argv[2]), settings.ingest.corpus_dir
with wiring.open_chunk_store(settings, exclusive=True) as store:
    tmp = corpus / ".upload-partial"
    shutil.copyfile(src, tmp)
    os.replace(tmp, corpus / src.name)
    print("copied", flush=True)
    wiring.ingest_service(settings, store).ingest([corpus / src.name])
"""


def test_an_upload_killed_mid_ingest_is_finished_at_the_next_start(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS_FILE, corpus / CORPUS_FILE.name)
    store = tmp_path / "chroma"
    env = {**os.environ, "BALKANS_QA_INGEST__CORPUS_DIR": str(corpus)}
    first = subprocess.run([str(VENV_BIN / "balkans-qa"), "ingest", "--store", str(store)], env=env, timeout=900)
    assert first.returncode == 0

    upload = tmp_path / "note-cyber.md"
    # Long enough that embedding it outlasts the 3 s before the kill, even on a quiet fast machine.
    paragraphs = [
        f"Paragraphe {i} : la coopération cyber avec le Monténégro progresse, étape {i} ; "
        f"le centre forme {i + 10} agents venus de {i % 6 + 1} pays de la région." for i in range(240)
    ]
    upload.write_text("# Note cyber\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", UPLOAD, str(store), str(upload)], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "copied"
    time.sleep(3)  # inside the ingest: embedding, maybe a first upsert
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before the kill: the test upload is too short"
    assert (corpus / upload.name).is_file()

    port = free_port()
    log = (tmp_path / "chat.log").open("w")
    chat = subprocess.Popen(
        [str(VENV_BIN / "balkans-qa"), "chat", "--port", str(port), "--store", str(store), "--llm", "extractive"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/", chat, timeout=900)
    finally:
        chat.terminate()
        chat.wait(30)
        log.close()
    started = (tmp_path / "chat.log").read_text()
    assert "added" in started and upload.name in started

    probe = subprocess.run(
        [sys.executable, "-c", (
            "import json, sys; from pathlib import Path; from bot.settings import load_settings; "
            "from vectorstore.chroma_store import open_store; from vectorstore.embeddings import E5Embeddings\n"
            "s = load_settings(); s.store.path = Path(sys.argv[1])\n"
            "with open_store(s.store, E5Embeddings()) as st:\n"
            "    m = st.manifest(); print(json.dumps({d: len(e.chunks) for d, e in m.items()}))"
        ), str(store)],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )
    documents = json.loads(probe.stdout)
    assert documents[upload.name] == len(paragraphs) and documents[CORPUS_FILE.name] == 20
