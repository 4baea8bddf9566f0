"""What a chunk row holds in Chroma (schema s2): text, structure, sentence spans and vectors."""

from __future__ import annotations

import base64
import json

from bot.core.records import Chunk, ManifestEntry

# Bumped when what a chunk row holds changes: a new schema is a new collection, filled by the next
# ingest (s2: sentence spans and sentence vectors with every chunk; s3: the text in the metadata,
# not in Chroma's document field, whose full-text index cost a quarter of the ingest time at 10k
# chunks and is never queried).
SCHEMA = "s3"


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


def to_chunk(cid: str, meta: dict, entry: ManifestEntry, ref: dict) -> Chunk:
    sentences = [tuple(span) for span in json.loads(meta.get("sentences") or "[]")]
    return Chunk(
        sentences=sentences,
        sentence_vectors=unpack_vectors(meta.get("sentence_vectors", ""), len(sentences)),
        id=cid,
        doc_id=entry.doc_id,
        title=entry.title,
        section=meta.get("section", ""),
        text=meta.get("text", ""),
        start=int(ref["start"]),
        end=int(ref["end"]),
        kind=meta.get("kind", "paragraph"),
        lead=meta.get("lead", ""),
        language=entry.language,
        updated=entry.updated,
        version=entry.version,
    )


def row_meta(c: Chunk, now: int) -> dict:
    return {
        "doc_id": c.doc_id,
        "title": c.title,
        "section": c.section,
        "kind": c.kind,
        "lead": c.lead,
        "language": c.language,
        "content_hash": c.content_hash,
        "added_at": now,
        "text": c.text,
        "sentences": json.dumps(c.sentences),
        "sentence_vectors": pack_vectors(c.sentence_vectors) if c.sentence_vectors is not None else "",
    }
