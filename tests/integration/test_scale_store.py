"""What keeps a question's cost independent of the store's size, on real Chroma (hashing embedder):
the cached manifest, dense search without an id filter, the lexical index kept in step (also
across processes sharing a Chroma server)."""

import pytest

pytestmark = pytest.mark.integration


def write_docs(folder, version: str, docs: int = 3, paragraphs: int = 12) -> None:
    folder.mkdir(exist_ok=True)
    for d in range(docs):
        text = "\n\n".join(
            f"Paragraphe {i} du rapport {d}, version {version} : la coopération avec Podgorica{d} avance." for i in range(paragraphs)
        )
        (folder / f"rapport-{d}.md").write_text(f"# Rapport {d}\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def hashing(settings):
    settings.embedding.backend = "hashing"
    return settings


def open_service(settings):
    from bot.wiring import ingest_service
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import make_embeddings

    store = open_store(settings.store, make_embeddings(settings.embedding))
    return store, ingest_service(settings, store)


def test_the_manifest_is_read_once_and_reloaded_only_after_a_change(hashing, tmp_path):
    folder = tmp_path / "docs"
    write_docs(folder, "A")
    store, service = open_service(hashing)
    service.ingest([folder])
    first = store.manifest()
    assert store.manifest() is first  # nothing changed: the cached dict, after one small read
    other, other_service = open_service(hashing)  # a second handle on the same store, as another process
    write_docs(folder, "B", docs=1)
    other_service.ingest([folder / "rapport-0.md"])
    again = store.manifest()
    assert again is not first and again["rapport-0.md"].version != first["rapport-0.md"].version
    assert again["rapport-1.md"] is first["rapport-1.md"]  # unchanged documents are not fetched again
    hits = store.query(store.embeddings.embed_query("version B coopération"), 3)
    assert hits and all("version B" in h.text for h in hits)
    store.close(), other.close()


def test_dense_search_drops_chunks_the_manifest_does_not_list(hashing, tmp_path):
    from ingest.chunker import chunk_document
    from ingest.writer import embed_with_sentences

    folder = tmp_path / "docs"
    write_docs(folder, "A", docs=1)
    store, service = open_service(hashing)
    service.ingest([folder])
    # an ingest killed before its switch: new chunks stored, not listed
    text = (folder / "rapport-0.md").read_text(encoding="utf-8").replace("version A", "version B")
    orphans = chunk_document("rapport-0.md", text).chunks
    store.add(orphans, embed_with_sentences(store.embeddings, orphans))
    hits = store.query(store.embeddings.embed_query("Paragraphe du rapport 0, version B"), 5)
    assert len(hits) == 5 and all("version A" in h.text for h in hits)
    orphan_ids = {c.id for c in orphans}
    assert not orphan_ids & {cid for cid, _ in store.lexical_search("version B", 5, languages=("fr",))}
    assert store.sweep_orphans() == len(orphans)
    assert store.count_chunks() == len(store.manifest()["rapport-0.md"].chunks)
    store.close()


def test_a_lexical_index_on_another_machine_catches_up_from_the_manifest(hashing, chroma_server, tmp_path):
    """Two processes on a Chroma server, each with its own lexical file: the reader's index
    follows the writer's ingests document by document, old rows dropped once gone from Chroma."""
    hashing.store.host, hashing.store.port = "127.0.0.1", chroma_server
    folder = tmp_path / "docs"
    write_docs(folder, "A")
    hashing.store.lexical_dir = tmp_path / "writer-lexical"
    writer, service = open_service(hashing)
    service.ingest([folder])
    hashing.store.lexical_dir = tmp_path / "reader-lexical"
    reader, _ = open_service(hashing)
    found = reader.lexical_search("Podgorica1 version A", 3, languages=("fr",))
    assert found and all(reader.manifest()["rapport-1.md"].chunk_ids.count(cid) for cid, _ in found)
    write_docs(folder, "B", docs=2)
    service.ingest([folder / "rapport-1.md"])
    found = reader.lexical_search("Podgorica1", 12, languages=("fr",))
    texts = [c.text for c in reader.get_chunks([cid for cid, _ in found])]
    assert len(texts) == 12 and all("version B" in t for t in texts)
    assert reader.lexical.index.count() == writer.lexical.index.count() == 36
    writer.close(), reader.close()
