"""HTML and Markdown for the chat UI. Every piece of question or document text is escaped here."""

from __future__ import annotations

import html
import re

from bot.core.records import Answer

MARKER = re.compile(r"\[(\d{1,2})\]")
RAW_MARKER = re.compile(r"\s*\[[^\]\n]{0,12}\]?$|\s*\[[^\]\n]{0,12}\]")

LABELS = {
    "fr": {
        "sources": "Sources",
        "closest": "Passages les plus proches",
        "none": "Les sources de la réponse s'afficheront ici.",
        "retrieving": "🔎 Recherche des passages…",
        "rewriting": "🔁 Reformulation de la question…",
        "writing": "✍️ Rédaction de la réponse…",
        "reading": "📖 Lecture des extraits…",
        "waiting": "⏳ En attente du modèle…",
        "done": "Réponse en {total:.1f} s (recherche {retrieval:.0f} ms, premier mot {first:.1f} s)",
        "error": "⚠️ {msg}",
        "section": "Section",
        "chars": "caractères",
    },
    "en": {
        "sources": "Sources",
        "closest": "Closest passages",
        "none": "The sources of the answer will show here.",
        "retrieving": "🔎 Finding passages…",
        "rewriting": "🔁 Rewriting the question…",
        "writing": "✍️ Writing the answer…",
        "reading": "📖 Reading the evidence…",
        "waiting": "⏳ Waiting for the model…",
        "done": "Answered in {total:.1f} s (retrieval {retrieval:.0f} ms, first token {first:.1f} s)",
        "error": "⚠️ {msg}",
        "section": "Section",
        "chars": "characters",
    },
}


def label(lang: str, key: str, **kw) -> str:
    return LABELS.get(lang, LABELS["en"])[key].format(**kw)


def user_text(question: str) -> str:
    """A user's question as inert Markdown text: no tag or entity of theirs reaches the page."""
    return html.escape(question)


def streaming_text(raw: str) -> str:
    """The answer while it streams: escaped, without the model's unchecked [n] markers."""
    return html.escape(RAW_MARKER.sub("", raw))


def answer_markdown(answer: Answer) -> str:
    """The checked answer; each [n] is a link to its passage in the sources panel."""
    text = html.escape(answer.answer)
    return MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](#cite-{m.group(1)})", text)


def _highlighted(passage: str, start: int, end: int) -> str:
    return (
        html.escape(passage[:start])
        + "<mark>"
        + html.escape(passage[start:end])
        + "</mark>"
        + html.escape(passage[end:])
    )


def sources_html(answer: Answer | None, lang: str = "fr") -> str:
    if answer is None:
        return f'<div class="sources-empty">{html.escape(label(lang, "none"))}</div>'
    parts = []
    if answer.citations:
        parts.append(f"<h3>{html.escape(label(lang, 'sources'))}</h3>")
        for c in answer.citations:
            rel_start, rel_end = c.start - c.chunk.start, c.end - c.chunk.start
            parts.append(
                f'<details class="citation" id="cite-{c.n}" open>'
                f"<summary><b>[{c.n}]</b> {html.escape(c.chunk.title)}</summary>"
                f'<div class="cite-meta">{html.escape(c.chunk.doc_id)} · {html.escape(c.chunk.section or c.chunk.title)}'
                f" · {html.escape(label(lang, 'chars'))} {c.start}–{c.end}</div>"
                f'<div class="cite-passage">{_highlighted(c.chunk.text, rel_start, rel_end)}</div>'
                "</details>"
            )
    elif answer.passages:
        parts.append(f"<h3>{html.escape(label(lang, 'closest'))}</h3>")
        for i, p in enumerate(answer.passages, 1):
            parts.append(
                f'<details class="citation closest" id="closest-{i}">'
                f"<summary>{html.escape(p.section or p.title)}</summary>"
                f'<div class="cite-meta">{html.escape(p.doc_id)}</div>'
                f'<div class="cite-passage">{html.escape(p.text)}</div></details>'
            )
    return '<div class="sources">' + "".join(parts) + "</div>"


CSS = """
.sources mark { background: #ffe58a; padding: 0 2px; }
.sources details { border: 1px solid #ddd; border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
.sources details.flash { outline: 3px solid #f5a623; }
.cite-meta { color: #666; font-size: 0.85em; margin: 4px 0; }
.cite-passage { white-space: pre-wrap; line-height: 1.45; }
"""

# Clicking a [n] in the chat opens and shows its passage in the sources panel.
HEAD = """
<script>
document.addEventListener('click', function (ev) {
  const a = ev.target.closest ? ev.target.closest('a[href^="#cite-"]') : null;
  if (!a) return;
  ev.preventDefault();
  ev.stopPropagation();
  const el = document.getElementById(a.getAttribute('href').slice(1));
  if (!el) return;
  el.open = true;
  el.scrollIntoView({behavior: 'smooth', block: 'center'});
  el.classList.add('flash');
  setTimeout(function () { el.classList.remove('flash'); }, 1500);
}, true);
</script>
"""
