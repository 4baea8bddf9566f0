"""Chunks in Chroma, with a manifest that makes each document's version switch atomic.

Two collections per embedding model: `<name>-<model fingerprint>` holds chunk vectors (ids are
content hashes, rows are immutable) and `<name>-<model fingerprint>-manifest` holds one record
per document: its active version, the ids of its chunks in order, and their offsets. A reader
only sees chunks listed in the manifest, so an ingest interrupted at any point leaves exactly one
version of each document visible; the next ingest removes the orphans it left.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.errors import StoreUnavailableError
from bot.core.protocols import Embedder
from bot.core.records import Chunk, ManifestEntry

if TYPE_CHECKING:
    from bot.settings import StoreSettings

# Bumped when what a chunk row holds changes: a new schema is a new collection, filled by the next
# ingest (s2: sentence spans and sentence vectors with every chunk).
SCHEMA = "s2"


def pack_vectors(vectors) -> str:
    """Sentence vectors as base64 float16 (Chroma metadata holds strings, not arrays)."""
    import numpy as np

    return base64.b64encode(np.asarray(vectors, dtype=np.float16).tobytes()).decode("ascii")


def unpack_vectors(data: str, rows: int):
    import numpy as np

    if not data or not rows:
        return None
    flat = np.frombuffer(base64.b64decode(data), dtype=np.float16).astype(np.float32)
    return flat.reshape(rows, -1)


def _safe_name(name: str) -> str:
    name = re.sub(r"[^a-zA-Z0-9._-]", "_", name).strip("._-") or "balkans"
    return name[:200]


def make_client(settings: StoreSettings):
    """An embedded PersistentClient, or an HttpClient when a server host is configured."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.host:
        try:
            client = chromadb.HttpClient(
                host=settings.host, port=settings.port, ssl=settings.ssl, settings=chroma_settings
            )
            client.heartbeat()
        except Exception as exc:  # chromadb raises several types for a refused connection
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {settings.host}:{settings.port}: {exc}"
            ) from exc
        return client
    settings.path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.path), settings=chroma_settings)


class ChromaChunkStore:
    """The chunk and manifest collections of one embedding model."""

    def __init__(self, client, base_name: str, embeddings: Embedder) -> None:
        self.client = client
        self.embeddings = embeddings
        self.base_name = _safe_name(base_name)
        self.name = f"{self.base_name}-{embeddings.fingerprint}-{SCHEMA}"
        meta = {"embedding_model": embeddings.identity, "hnsw:space": "cosine"}
        # embedding_function=None: Chroma's default function would try to download a model.
        self.chunks = client.get_or_create_collection(self.name, metadata=meta, embedding_function=None)
        stored = (self.chunks.metadata or {}).get("embedding_model")
        if stored != embeddings.identity:
            raise RuntimeError(
                f"collection {self.name} holds vectors of {stored!r}, not {embeddings.identity!r}"
            )
        self.manifest_col = client.get_or_create_collection(
            f"{self.name}-manifest", metadata={"kind": "manifest"}, embedding_function=None
        )

    # -- manifest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, ManifestEntry]:
        got = self.manifest_col.get(include=["metadatas", "documents"])
        entries = {}
        for doc_id, meta, doc in zip(got["ids"], got["metadatas"], got["documents"]):
            entries[doc_id] = ManifestEntry(
                doc_id=doc_id,
                version=meta["version"],
                title=meta.get("title", doc_id),
                source=meta.get("source", ""),
                language=meta.get("language", "fr"),
                updated=meta.get("updated") or None,
                ingested_at=meta.get("ingested_at", ""),
                chunks=json.loads(doc or "[]"),
            )
        return entries

    def commit(self, entry: ManifestEntry) -> None:
        """Make `entry` the visible version of its document: one atomic record write."""
        meta = {
            "version": entry.version,
            "title": entry.title,
            "source": entry.source,
            "language": entry.language,
            "updated": entry.updated or "",
            "ingested_at": entry.ingested_at,
            "n_chunks": len(entry.chunks),
        }
        self.manifest_col.upsert(
            ids=[entry.doc_id], embeddings=[[1.0]], metadatas=[meta], documents=[json.dumps(entry.chunks)]
        )

    def withdraw(self, doc_id: str) -> None:
        self.manifest_col.delete(ids=[doc_id])

    # -- chunks ---------------------------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        return set(self.chunks.get(ids=list(ids), include=[])["ids"])

    def sections(self, ids: Sequence[str]) -> dict[str, str]:
        """The section path of each of these stored chunks (those that still exist)."""
        out: dict[str, str] = {}
        ids = list(ids)
        for i in range(0, len(ids), 1000):
            got = self.chunks.get(ids=ids[i : i + 1000], include=["metadatas"])
            out.update({cid: (meta or {}).get("section", "") for cid, meta in zip(got["ids"], got["metadatas"])})
        return out

    def add(self, chunks: list[Chunk], vectors: list[list[float]]) -> None:
        """Write chunk rows (immutable: the id is a content hash); visible only once committed."""
        if not chunks:
            return
        self.chunks.upsert(
            ids=[c.id for c in chunks],
            documents=[c.text for c in chunks],
            metadatas=[
                {
                    "doc_id": c.doc_id,
                    "title": c.title,
                    "section": c.section,
                    "kind": c.kind,
                    "lead": c.lead,
                    "language": c.language,
                    "content_hash": c.content_hash,
                    "sentences": json.dumps(c.sentences),
                    "sentence_vectors": pack_vectors(c.sentence_vectors) if c.sentence_vectors is not None else "",
                }
                for c in chunks
            ],
            embeddings=vectors,
        )

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        for i in range(0, len(ids), 500):
            self.chunks.delete(ids=ids[i : i + 500])
        return len(ids)

    def all_ids(self) -> set[str]:
        return set(self.chunks.get(include=[])["ids"])

    def sweep_orphans(self, manifest: dict[str, ManifestEntry] | None = None) -> int:
        """Delete chunks no manifest entry points to (left by an interrupted ingest or a removal)."""
        manifest = self.manifest() if manifest is None else manifest
        live = {cid for entry in manifest.values() for cid in entry.chunk_ids}
        return self.delete(self.all_ids() - live)

    def count_chunks(self) -> int:
        return self.chunks.count()

    def prune_other_models(self) -> list[str]:
        """Drop collections of the same base name built with another embedding model."""
        dropped = []
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith(f"{self.base_name}-") and not name.startswith(self.name):
                self.client.delete_collection(name)
                dropped.append(name)
        return dropped

    # -- reading --------------------------------------------------------------------------
    def active_chunks(self, manifest: dict[str, ManifestEntry] | None = None) -> list[Chunk]:
        """Every visible chunk, in document order, with offsets from the manifest."""
        manifest = self.manifest() if manifest is None else manifest
        out: list[Chunk] = []
        for entry in manifest.values():
            ids = entry.chunk_ids
            if not ids:
                continue
            got = self.chunks.get(ids=ids, include=["documents", "metadatas"])
            rows = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
            for ref in entry.chunks:
                if ref["id"] in rows:
                    text, meta = rows[ref["id"]]
                    out.append(self._to_chunk(ref["id"], text, meta, entry, ref))
        return out

    def query(
        self, vector: list[float], k: int, manifest: dict[str, ManifestEntry]
    ) -> list[Chunk]:
        """Dense search restricted to the chunks the manifest lists."""
        refs = {ref["id"]: (entry, ref) for entry in manifest.values() for ref in entry.chunks}
        if not refs:
            return []
        res = self.chunks.query(
            query_embeddings=[vector],
            n_results=min(k, len(refs)),
            ids=list(refs),
            include=["documents", "metadatas", "distances"],
        )
        out = []
        for cid, text, meta, dist in zip(
            res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0]
        ):
            if cid not in refs:
                continue
            entry, ref = refs[cid]
            chunk = self._to_chunk(cid, text, meta, entry, ref)
            chunk.score = 1.0 - float(dist)
            out.append(chunk)
        return out

    @staticmethod
    def _to_chunk(cid: str, text: str, meta: dict, entry: ManifestEntry, ref: dict) -> Chunk:
        sentences = [tuple(span) for span in json.loads(meta.get("sentences") or "[]")]
        return Chunk(
            sentences=sentences,
            sentence_vectors=unpack_vectors(meta.get("sentence_vectors", ""), len(sentences)),
            id=cid,
            doc_id=entry.doc_id,
            title=entry.title,
            section=meta.get("section", ""),
            text=text,
            start=int(ref["start"]),
            end=int(ref["end"]),
            kind=meta.get("kind", "paragraph"),
            lead=meta.get("lead", ""),
            language=entry.language,
            updated=entry.updated,
            version=entry.version,
        )


def open_store(settings: StoreSettings, embeddings: Embedder) -> ChromaChunkStore:
    return ChromaChunkStore(make_client(settings), settings.collection, embeddings)
