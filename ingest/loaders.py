"""Read files into plain text, one loader per extension, refusing what cannot be read with a clear reason.

The registry below is the one list of accepted formats: the ingest report, the command line and
the chat's upload box all take it from `supported_formats()`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.errors import LoadError


@dataclass
class LoadedText:
    text: str
    title: str | None = None
    warning: str | None = None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 50)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM), else Windows-1252 with a warning; binary data is refused."""
    if _looks_binary(data):
        raise LoadError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, "not UTF-8: decoded as Windows-1252/Latin-1"


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _load_html(data: bytes) -> LoadedText:
    from bs4 import BeautifulSoup

    raw, warning = decode_text(data)
    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "iframe"]):
        tag.decompose()
    title = None
    if soup.title and soup.title.get_text(strip=True):
        title = soup.title.get_text(strip=True)
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    body = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[str] = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td"]):
        if el.find(["p", "li", "h1", "h2", "h3", "h4", "blockquote"]):
            continue  # a container: its children are emitted on their own
        text = el.get_text(" ", strip=True)
        if not text:
            continue
        text = re.sub(r"\s+", " ", text)
        if el.name == "h1":
            continue
        if el.name in ("h2", "h3", "h4", "h5", "h6"):
            if not re.match(r"^(\d{1,2}|[IVX]+)\.\s", text):
                text = "#" * int(el.name[1]) + " " + text
        elif el.name == "li":
            text = "- " + text
        lines.append(text)
    return LoadedText("\n".join(lines), title, warning)


def _load_pdf(path: Path) -> LoadedText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise LoadError(f"unreadable PDF: {exc}") from exc
    title = None
    if reader.metadata and reader.metadata.title:
        title = str(reader.metadata.title).strip() or None
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError("PDF has no extractable text (scanned images?)")
    return LoadedText(text, title)


def _load_plain(path: Path) -> LoadedText:
    # Text files keep their exact characters, so offsets point into the file itself.
    text, warning = decode_text(path.read_bytes())
    return LoadedText(text, None, warning)


def _load_html_file(path: Path) -> LoadedText:
    loaded = _load_html(path.read_bytes())
    loaded.text = _normalise(loaded.text)
    return loaded


def _load_pdf_file(path: Path) -> LoadedText:
    loaded = _load_pdf(path)
    loaded.text = _normalise(loaded.text)
    return loaded


Loader = Callable[[Path], LoadedText]
# HTML and PDF offsets point into the extracted text.
LOADERS: dict[str, Loader] = {
    ".txt": _load_plain,
    ".md": _load_plain,
    ".html": _load_html_file,
    ".htm": _load_html_file,
    ".pdf": _load_pdf_file,
}


def register_loader(extension: str, loader: Loader) -> None:
    """Accept another format: `extension` like ".docx", `loader(path) -> LoadedText`."""
    LOADERS[extension.lower()] = loader


def supported_formats() -> tuple[str, ...]:
    return tuple(LOADERS)


def load_file(path: Path, *, max_bytes: int) -> LoadedText:
    """Load one file, or raise LoadError with a one-line reason."""
    if not path.exists():
        raise LoadError("no such file")
    if not path.is_file():
        raise LoadError("not a regular file")
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported format '{suffix or '(none)'}' (supported: {' '.join(LOADERS)})")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file")
    if size > max_bytes:
        raise LoadError(f"file too large: {size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB")
    loaded = loader(path)
    if not loaded.text.strip():
        raise LoadError("empty file (no text)")
    return loaded
