"""The records every layer passes around: one chunk record, the manifest entry, citations, answers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.text import compose_embed_text


@dataclass
class Chunk:
    """A passage of a document: exactly `source[start:end]`, with where it sits and what it is.

    The chunker fills the text, offsets and structure; the store adds the id (a content hash),
    the document's version and update date; a retriever adds the score."""

    doc_id: str
    text: str
    start: int
    end: int
    section: str = ""
    kind: str = "paragraph"  # paragraph | bullet | list | date | fixed | heading (an outline answer's, not stored)
    lead: str = ""
    title: str = ""
    language: str = "fr"
    updated: str | None = None
    version: str = ""
    id: str = ""
    index: int = 0
    score: float = 0.0
    # Sentence spans relative to `text`, and one embedding per sentence (a float32 array of shape
    # (len(sentences), dims)), computed at ingest: the evidence of an answer is chosen among them.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sentence_vectors: Any = field(default=None, repr=False, compare=False)

    @property
    def embed_text(self) -> str:
        return compose_embed_text(self.title, self.section, self.lead, self.text)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def with_score(self, score: float) -> Chunk:
        return replace(self, score=score)

    def sentence_text(self, i: int) -> str:
        """The i-th sentence without a leading bullet mark."""
        s, e = self.sentences[i]
        return self.text[s:e].lstrip("-•*–— ").strip()


@dataclass
class ManifestEntry:
    """The visible version of one document: its chunk ids in order, with their offsets."""

    doc_id: str
    version: str
    title: str
    source: str
    language: str
    updated: str | None
    ingested_at: str
    chunks: list[dict[str, Any]] = field(default_factory=list)  # {"id","start","end"} in order
    chunker: str = ""  # fingerprint of the chunking code and settings that made these chunks
    # The document's headings in order, {"level", "text", "start", "end"}: its outline ("I.
    # Développer les relations politiques" …), each quotable at its offsets.
    headings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chunk_ids(self) -> list[str]:
        return [c["id"] for c in self.chunks]


@dataclass
class Citation:
    """A numbered reference: the exact quote, its chunk, and its offsets in the source document."""

    n: int
    chunk: Chunk
    quote: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "document": self.chunk.doc_id,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "updated": self.chunk.updated,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "passage": self.chunk.text,
            "passage_start": self.chunk.start,
            "version": self.chunk.version,
        }


@dataclass
class Turn:
    question: str
    answer: str


@dataclass
class Answer:
    """A checked answer. `mode` says what kind: "answer" (the model's sentences, each verified
    against the evidence it cites), "quoted" (the evidence itself, quoted, when the model's
    sentences could not be verified), "translated" (the same, translated into the question's
    language from the evidence's, the translation checked against it), "abstained" (the text
    does not say; `evidence` then holds what it says nearby) or "refused" (an off-task
    instruction)."""

    answer: str
    language: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "answer"
    evidence: list[Citation] = field(default_factory=list)
    passages: list[Chunk] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    question: str = ""
    standalone_question: str = ""
    unsupported: list[str] = field(default_factory=list)
    raw_answer: str = ""
    backend: str = ""
    generated_tokens: int = 0
    generation_ms: float = 0.0
    prompt_tokens: int = 0

    def to_dict(self) -> dict:
        return {
            "answer": self.answer,
            "language": self.language,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "evidence": [c.to_dict() for c in self.evidence],
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
            "question": self.question,
            "standalone_question": self.standalone_question,
            "unsupported_sentences": self.unsupported,
            "closest_passages": [
                {"document": p.doc_id, "section": p.section, "text": p.text, "start": p.start, "end": p.end}
                for p in self.passages
            ],
            "backend": self.backend,
        }
