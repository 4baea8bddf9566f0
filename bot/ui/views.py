"""What the chat keeps of an answer, as plain JSON-ready data: the text, its citations with their
passages, the closest passages, timings. The conversation store saves it, the renderer draws it,
the copy button and the feedback log read it; the same data before and after a restart."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from bot.core.records import Answer, Chunk, Citation, Turn
from bot.ui.history import Message
from bot.ui.labels import section_path, t, updated_date

MARKER = re.compile(r"\s*\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]")


def cite_data(c: Citation) -> dict:
    """One citation: its number, quote and offsets, and the passage it sits in."""
    return {
        "n": c.n,
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        **passage_data(c.chunk),
    }


def passage_data(chunk: Chunk) -> dict:
    return {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "section": chunk.section,
        "updated": chunk.updated,
        "language": chunk.language,
        "chunk_id": chunk.id,
        "version": chunk.version,
        "passage": chunk.text,
        "passage_start": chunk.start,
    }


def answer_data(answer: Answer) -> dict:
    """An answer as the chat stores and draws it."""
    return {
        "state": "done",
        # (a service that predates `mode` leaves it at "answer" when it abstains)
        "mode": "abstained" if answer.abstained and answer.mode in ("", "answer") else answer.mode,
        "abstained": answer.abstained,
        "language": answer.language,
        "question": answer.question,
        "standalone_question": answer.standalone_question,
        "citations": [cite_data(c) for c in answer.citations],
        "evidence": [cite_data(c) for c in answer.evidence],
        "passages": [passage_data(p) for p in answer.passages],
        "timings": {k: round(float(v), 1) for k, v in (answer.timings or {}).items()},
        "backend": answer.backend,
        "document_versions": sorted({f"{p.doc_id}@{p.version}" for p in answer.passages}),
    }


def split_markers(text: str) -> list[int]:
    return [int(n) for m in MARKER.finditer(text) for n in re.split(r"\s*[,;]\s*", m.group(1))]


def closest(data: dict) -> list[dict]:
    """What to show when there is no citation: the closest sentences, else the closest passages."""
    return data.get("evidence") or data.get("passages") or []


def turns(messages: list[Message]) -> list[Turn]:
    """The conversation so far as the answer service reads it: questions with their checked answers."""
    out = []
    for question, answer in zip(messages, messages[1:]):
        if question.role == "user" and answer.role == "assistant" and answer.data.get("state") == "done" \
                and answer.data.get("mode") != "refused":
            out.append(Turn(answer.data.get("standalone_question") or question.text, answer.text))
    return out


def plain_text(text: str, data: dict, lang: str) -> str:
    """The answer as plain text with a numbered list of its references (what Copy gives)."""
    lines = [text.strip()]
    cites = data.get("citations") or []
    if cites:
        lines += ["", t(lang, "sources") + (" :" if lang == "fr" else ":")]
        for c in sorted(cites, key=lambda c: c["n"]):
            lines.append(f"[{c['n']}] {reference(c, lang)}")
            lines.append(f"    « {c['quote'].strip()} »" if lang == "fr" else f"    “{c['quote'].strip()}”")
    elif closest(data):
        lines += ["", t(lang, "closest") + (" :" if lang == "fr" else ":")]
        for c in closest(data):
            quote = (c.get("quote") or c["passage"]).strip()
            lines.append(f"- {reference(c, lang)}")
            lines.append(f"    « {quote} »" if lang == "fr" else f"    “{quote}”")
    return "\n".join(lines)


def reference(c: dict, lang: str) -> str:
    """ "Title — Section › Part (updated: May 2025)"."""
    where = f"{c.get('title') or c['doc_id']} — {section_path(c.get('section', ''), lang)}"
    date = updated_date(c.get("updated"), lang)
    return f"{where} ({t(lang, 'updated', date=date)})" if date else where


def feedback_record(message: Message, question: str, conversation_id: str) -> dict:
    """One line of the feedback log: enough to grow the evaluation set from it."""
    data = message.data
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "message_id": message.id,
        "conversation_id": conversation_id,
        "rating": message.rating,
        "comment": message.comment,
        "question": data.get("question") or question,
        "standalone_question": data.get("standalone_question", ""),
        "language": data.get("language", ""),
        "answer": message.text,
        "mode": data.get("mode"),
        "abstained": data.get("abstained", False),
        "citations": [
            {k: c.get(k) for k in ("n", "doc_id", "section", "quote", "start", "end", "version")}
            for c in data.get("citations", [])
        ],
        "document_versions": data.get("document_versions", []),
        "backend": data.get("backend", ""),
    }


class Live:
    """An answer being made: where it is, the evidence found, the draft, the sentences checked."""

    def __init__(self, message_id: str, language: str) -> None:
        self.message_id = message_id
        self.language = language
        self.stage = "retrieving"
        self.ahead = 0
        self.evidence: list[dict] = []
        self.draft = ""
        self.sentences: list[dict] = []
        self.stopping = False

    @property
    def citations(self) -> list[dict]:
        seen, out = set(), []
        for s in self.sentences:
            for c in s["citations"]:
                if c["n"] not in seen:
                    seen.add(c["n"])
                    out.append(c)
        return out

    @property
    def text(self) -> str:
        return " ".join(s["text"].strip() for s in self.sentences)
