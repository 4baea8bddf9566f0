"""What an ingest reports: one row per document, with the sections it touched, and the totals."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


def _no_sections() -> dict[str, list[str]]:
    return {"added": [], "changed": [], "removed": []}


@dataclass
class DocumentReport:
    path: str
    status: str  # added | updated | unchanged | removed | failed
    chunks: int = 0
    error: str | None = None
    warning: str | None = None
    document: str | None = None
    embedded: int = 0
    # Section paths whose chunks this ingest added, changed or removed (in document order).
    sections: dict[str, list[str]] = field(default_factory=_no_sections)


@dataclass
class IngestReport:
    documents: list[DocumentReport] = field(default_factory=list)
    embedded: int = 0
    removed: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return any(d.status == "failed" for d in self.documents)

    def to_dict(self) -> dict:
        return {
            "documents": [
                {k: v for k, v in asdict(d).items() if v is not None or k == "error"}
                for d in self.documents
            ],
            "embedded": self.embedded,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
        }

    def to_table(self) -> str:
        rows = [("status", "chunks", "embedded", "document", "note")]
        for d in self.documents:
            note = d.error or d.warning or ""
            rows.append((d.status, str(d.chunks), str(d.embedded), d.path, note))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + ("  " + r[4] if r[4] else "") for r in rows]
        lines.append(
            f"{self.embedded} chunk(s) embedded, {self.removed} removed, in {self.seconds:.1f} s"
            + (" — some documents FAILED" if self.failed else "")
        )
        return "\n".join(lines)


def ordered(items) -> list[str]:
    """Distinct values in first-seen order, None left out."""
    return [x for x in dict.fromkeys(items) if x is not None]
