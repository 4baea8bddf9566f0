"""Split a document along its own structure: numbered parts, roman-numeral pillars, bullets, paragraphs.

Every chunk's text is exactly `source[start:end]`, so a citation can point at the source offsets.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from bot.core.records import Chunk
from bot.core.text import detect_language, split_sentences

NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.{0,100})$")
ROMAN = re.compile(r"^((?:X{0,3})(?:IX|IV|V?I{0,3}))\.\s+(\S.{0,160})$")
MARKDOWN = re.compile(r"^(#{1,6})\s+(\S.*)$")
BULLET = re.compile(r"^\s*(?:[-•*–—]|\(?[a-z0-9]\))\s+\S")
UPDATED = re.compile(
    r"^(?:mise à jour|mis à jour|dernière mise à jour|updated|last updated)\s*:?\s*(\S.{0,40})$",
    re.IGNORECASE,
)
POST_START = re.compile(r"^#\w")
POST_END = re.compile(r"pic\.twitter\.com/|\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}\s*$")

SOCIAL_POST_REASON = (
    "social-media post embed (hashtags, short link, pic.twitter.com, author line): it repeats "
    "the paragraph before it and its date is the post's, not the event's, so it is not indexed"
)


@dataclass
class ParsedDocument:
    doc_id: str
    title: str
    language: str
    updated: str | None
    text: str
    chunks: list[Chunk] = field(default_factory=list)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    headings: list[dict] = field(default_factory=list)  # {"level", "text", "start", "end"}, in order

    @property
    def version(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def _add(self, text: str, start: int, end: int, section: str, kind: str, lead: str = "") -> None:
        self.chunks.append(
            Chunk(
                self.doc_id, text, start, end, section, kind, lead,
                title=self.title, language=self.language, index=len(self.chunks),
                sentences=split_sentences(text),
            )
        )

    def finish(self) -> ParsedDocument:
        """Stamp every chunk with what is known once the whole text is read: version, update date, ids."""
        version = self.version
        for chunk, cid in zip(self.chunks, chunk_ids(self)):
            chunk.version, chunk.updated, chunk.id = version, self.updated, cid
        return self


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        out.append(_Line(pos + lead, pos + len(stripped), stripped.strip()))
        pos += len(raw)
    return out


def _heading(line: str) -> tuple[int, str] | None:
    if len(line) > 170 or line.endswith((".", ";", ",")) and not MARKDOWN.match(line):
        return None
    if m := MARKDOWN.match(line):
        return len(m.group(1)), m.group(2).strip()
    if m := ROMAN.match(line):
        if m.group(1):
            return 2, line
    if m := NUMBERED.match(line):
        return 1, line
    return None


def _pieces(source: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split [start, end) at sentence boundaries into pieces of at most max_chars (when possible)."""
    if end - start <= max_chars:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cur_start, cur_end = None, None
    for s, e in split_sentences(source[start:end], start):
        if cur_start is None:
            cur_start, cur_end = s, e
        elif e - cur_start <= max_chars:
            cur_end = e
        else:
            pieces.append((cur_start, cur_end))
            cur_start, cur_end = s, e
    if cur_start is not None:
        pieces.append((cur_start, cur_end))
    return pieces


def guess_title(text: str, fallback: str) -> str:
    """A title from a markdown heading, a short first line, or the first clause of the first sentence."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if m := MARKDOWN.match(line):
            return m.group(2).strip()
        if len(line) <= 90 and not line.endswith((".", ":", ";")):
            return line
        clause = re.split(r"[,.;:(]", line, maxsplit=1)[0].strip()
        return clause if 10 <= len(clause) <= 90 else fallback
    return fallback


def chunk_document(
    doc_id: str,
    text: str,
    *,
    title: str | None = None,
    max_chars: int = 700,
    short_bullet_chars: int = 90,
) -> ParsedDocument:
    doc = ParsedDocument(
        doc_id=doc_id,
        title=title or guess_title(text, doc_id),
        language=detect_language(text[:5000]),
        updated=None,
        text=text,
    )
    lines = _lines(text)
    path: dict[int, str] = {}
    blocks: list[tuple[str, int, int, str, str]] = []  # kind, start, end, section, lead

    def section() -> str:
        return " > ".join(path[k] for k in sorted(path))

    i = 0
    pending_bullets: list[_Line] = []
    lead: _Line | None = None

    def flush_bullets() -> None:
        nonlocal lead
        if not pending_bullets:
            return
        sec = section()
        if all(len(b.text) <= short_bullet_chars for b in pending_bullets):
            start = lead.start if lead else pending_bullets[0].start
            blocks.append(("list", start, pending_bullets[-1].end, sec, ""))
        else:
            if lead:
                blocks.append(("paragraph", lead.start, lead.end, sec, ""))
            for b in pending_bullets:
                blocks.append(("bullet", b.start, b.end, sec, lead.text if lead else ""))
        pending_bullets.clear()
        lead = None

    while i < len(lines):
        line = lines[i]
        if not line.text:
            i += 1
            continue
        if POST_START.match(line.text) and not MARKDOWN.match(line.text):
            end_j = next(
                (j for j in range(i, min(i + 6, len(lines))) if POST_END.search(lines[j].text)), None
            )
            if end_j is not None:
                flush_bullets()
                doc.skipped.append((line.start, lines[end_j].end, SOCIAL_POST_REASON))
                i = end_j + 1
                continue
        if m := UPDATED.match(line.text):
            flush_bullets()
            doc.updated = m.group(1).strip()
            blocks.append(("date", line.start, line.end, "", ""))
            i += 1
            continue
        if heading := _heading(line.text):
            flush_bullets()
            level, name = heading
            at = line.start + line.text.index(name)
            doc.headings.append({"level": level, "text": name, "start": at, "end": at + len(name)})
            for k in [k for k in path if k >= level]:
                del path[k]
            path[level] = name
            i += 1
            continue
        if BULLET.match(line.text):
            pending_bullets.append(line)
            i += 1
            continue
        flush_bullets()
        nxt = next((ln for ln in lines[i + 1 :] if ln.text), None)
        if line.text.endswith(":") and nxt is not None and BULLET.match(nxt.text):
            lead = line
        else:
            blocks.append(("paragraph", line.start, line.end, section(), ""))
        i += 1
    flush_bullets()
    if lead is not None:  # a lead-in with nothing after it
        blocks.append(("paragraph", lead.start, lead.end, section(), ""))

    for kind, start, end, sec, lead_text in blocks:
        for s, e in _pieces(text, start, end, max_chars):
            doc._add(text[s:e], s, e, sec, kind, lead_text if kind == "bullet" else "")
    return doc.finish()


def chunk_fixed(doc_id: str, text: str, *, title: str | None = None, size: int = 800) -> ParsedDocument:
    """The naive baseline: fixed windows of about `size` characters cut at a space, no structure."""
    doc = ParsedDocument(doc_id, title or guess_title(text, doc_id), detect_language(text[:5000]), None, text)
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > start else end
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            s = start + piece.index(stripped)
            doc._add(stripped, s, s + len(stripped), "", "fixed")
        start = end
    return doc.finish()


def chunk_ids(doc: ParsedDocument) -> list[str]:
    """Deterministic ids from the document id and the embedded text; repeats get an occurrence suffix."""
    seen: dict[str, int] = {}
    ids = []
    for chunk in doc.chunks:
        digest = hashlib.sha256(f"{doc.doc_id}\n{chunk.embed_text}".encode()).hexdigest()[:24]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        ids.append(f"{digest}-{n}" if n else digest)
    return ids
