"""The Documents tab and the document viewer as HTML; every title, file name and text escaped."""

from __future__ import annotations

from pathlib import Path

from bot.ui import icons
from bot.ui.labels import human_datetime, number, section_path, t, updated_date
from bot.ui.render_cards import esc, highlight


def documents_html(entries: list, lang: str) -> str:
    """The ingested documents: title, file, the text's own update date, passages, last ingest."""
    head = f'<div class="qa-docs" data-page-lang="{esc(lang)}">'
    if not entries:
        return head + f'<p class="none">{esc(t(lang, "doc_none"))}</p></div>'
    cols = ("doc_title", "doc_file", "doc_updated", "doc_chunks", "doc_ingested", "doc_actions")
    rows = []
    for e in sorted(entries, key=lambda e: (e.title or e.doc_id).lower()):
        doc = esc(e.doc_id)
        title = e.title or e.doc_id
        rows.append(
            f'<tr data-doc="{doc}"><td lang="{esc(e.language or "fr")}">{esc(title)}</td><td><code>{doc}</code></td>'
            f"<td>{esc(updated_date(e.updated, lang))}</td><td>{len(e.chunks)}</td>"
            f'<td><time datetime="{esc(e.ingested_at)}">{esc(human_datetime(e.ingested_at, lang))}</time></td>'
            f'<td><button type="button" class="act" data-act="remove" data-doc="{doc}" '
            f'aria-label="{esc(t(lang, "doc_remove_named", title=title))}">{icons.TRASH}<span>{esc(t(lang, "doc_remove"))}</span></button>'
            f'<div class="confirm" hidden><span>{esc(t(lang, "doc_confirm"))}</span>'
            f'<button type="button" class="act danger" data-act="remove-yes" data-doc="{doc}">{esc(t(lang, "doc_remove"))}</button>'
            f'<button type="button" class="act" data-act="remove-no">{esc(t(lang, "cancel"))}</button></div></td></tr>'
        )
    header = "".join(f'<th scope="col">{esc(t(lang, c))}</th>' for c in cols)
    return (
        head + f'<table><caption class="sr-only">{esc(t(lang, "documents"))}</caption><thead><tr>{header}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def report_html(report, lang: str) -> str:
    """What an ingest did, per document, with the sections it added, changed and removed."""
    items = []
    for d in report.documents:
        name = Path(d.path).name
        status = t(lang, f"status_{d.status}") if f"status_{d.status}" in _KEYS else d.status
        line = f'<strong class="st st-{esc(d.status)}">{esc(status)}</strong> <span class="file">{esc(name)}</span>'
        if d.error:
            line += f" : {esc(d.error)}" if lang == "fr" else f": {esc(d.error)}"
        elif d.status in ("added", "updated", "unchanged"):
            line += (" : " if lang == "fr" else ": ") + esc(t(lang, "report_chunks", chunks=d.chunks, embedded=d.embedded))
        if d.warning:
            line += f'<br><span class="warning">{esc(d.warning)}</span>'
        line += sections_html(getattr(d, "sections", None), d.status, lang)
        items.append(f"<li>{line}</li>")
    seconds = esc(t(lang, "seconds", seconds=number(report.seconds, lang)))
    return f'<div class="report" role="status"><ul>{"".join(items)}</ul><p class="meta">{seconds}</p></div>'


_KEYS = {f"status_{s}" for s in ("added", "updated", "unchanged", "removed", "failed")}


def sections_html(sections: dict | None, status: str, lang: str) -> str:
    if sections is None or status not in ("added", "updated", "unchanged"):
        return ""
    blocks = []
    for key in ("added", "changed", "removed"):
        names = sections.get(key) or []
        if names:
            listed = "".join(f"<li>{esc(section_path(s, lang))}</li>" for s in names)
            blocks.append(f'<p class="sec-head">{esc(t(lang, "sections_" + key))}</p><ul class="sec-{key}">{listed}</ul>')
    if not blocks:
        return f'<p class="sec-none">{esc(t(lang, "no_section_change"))}</p>' if status == "updated" else ""
    return '<div class="sections">' + "".join(blocks) + "</div>"


def failed_html(name: str, reason: str, lang: str) -> str:
    """A file refused before anything was copied or ingested."""
    sep = " : " if lang == "fr" else ": "
    return (
        f'<div class="report failed" role="alert"><ul><li><strong class="st st-failed">{esc(t(lang, "status_failed"))}</strong> '
        f'<span class="file">{esc(name)}</span>{sep}{esc(reason)}</li></ul></div>'
    )


def notice_html(text: str, *, error: bool = False) -> str:
    role = "alert" if error else "status"
    return f'<div class="report{" failed" if error else ""}" role="{role}"><p>{esc(text)}</p></div>'


def progress_html(text: str) -> str:
    return f'<div class="report" role="status"><p><span class="spinner" aria-hidden="true"></span>{esc(text)}</p></div>'


def document_view_html(entry, chunks: list, start: int, end: int, lang: str) -> str:
    """The whole indexed document, its sections as headings, the passage [start, end) marked."""
    title = entry.title or entry.doc_id
    date = updated_date(entry.updated, lang)
    meta = " · ".join(x for x in (t(lang, "updated", date=date) if date else "", entry.doc_id) if x)
    parts = [
        f'<article class="doc-view" lang="{esc(entry.language or "fr")}">'
        f'<h2 class="doc-view-title" tabindex="-1">{esc(title)}</h2><p class="doc-view-meta" lang="{esc(lang)}">{esc(meta)}</p>'
    ]
    section, previous_end = None, None
    for c in chunks:
        if c.section != section:
            section = c.section
            if section:
                parts.append(f"<h3>{esc(section_path(section, lang))}</h3>")
        elif previous_end is not None and c.start > previous_end + 2:
            parts.append(f'<p class="gap" aria-hidden="true">{esc(t(lang, "gap"))}</p>')
        previous_end = c.end
        target = c.start <= start < c.end or (start <= c.start < end)
        if target:
            body = highlight(c.text, [(start - c.start, end - c.start, 0)]).replace("<mark", '<mark class="doc-target"', 1)
            parts.append(f'<p class="chunk target">{body}</p>')
        else:
            parts.append(f'<p class="chunk">{esc(c.text)}</p>')
    parts.append("</article>")
    return "".join(parts)
