"""Source cards: one card per passage, grouped by document, the cited sentences highlighted.

Every piece of document text goes through `esc`; only the app's own markup is HTML."""

from __future__ import annotations

from html import escape

from bot.ui import icons
from bot.ui.labels import section_path, t, updated_date


def esc(text: object) -> str:
    return escape(str(text if text is not None else ""), quote=True)


def highlight(passage: str, spans: list[tuple[int, int, int]]) -> str:
    """`passage` escaped, with each (start, end, n) span inside a <mark> (overlaps merged)."""
    spans = sorted((max(0, s), min(len(passage), e), n) for s, e, n in spans if e > s and s < len(passage))
    merged: list[list[int]] = []
    for s, e, n in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e, n])
    out, pos = [], 0
    for s, e, n in merged:
        out.append(esc(passage[pos:s]))
        out.append(f'<mark data-n="{n}">{esc(passage[s:e])}</mark>')
        pos = e
    out.append(esc(passage[pos:]))
    return "".join(out)


def group_cards(cites: list[dict]) -> list[dict]:
    """Citations (or passages) grouped into one card per passage, in the order first cited."""
    cards: dict[str, dict] = {}
    for c in cites:
        key = c.get("chunk_id") or f"{c['doc_id']}:{c.get('passage_start')}"
        card = cards.setdefault(key, {"ns": [], "spans": [], "quotes": [], **c})
        if c.get("n") is not None:
            card["ns"].append(c["n"])
        if c.get("quote") and c.get("start") is not None:
            base = c.get("passage_start") or 0
            card["spans"].append((c["start"] - base, c["end"] - base, c.get("n") or 0))
            card["quotes"].append(c["quote"])
    return list(cards.values())


def card_ids(message_id: str, cites: list[dict]) -> dict[int, str]:
    """Citation number -> the id of its card, for this answer only."""
    out = {}
    for k, card in enumerate(group_cards(cites), 1):
        for n in card["ns"]:
            out[n] = f"{message_id}-p{k}"
    return out


def cards_html(message_id: str, cites: list[dict], lang: str, *, heading: str, kind: str,
               open_all: bool = False) -> str:
    """A titled list of passage cards, one group per document."""
    if not cites:
        return ""
    cards = group_cards(cites)
    groups: dict[str, list[tuple[int, dict]]] = {}
    for k, card in enumerate(cards, 1):
        groups.setdefault(card["doc_id"], []).append((k, card))
    parts = [f'<section class="sources {kind}" aria-label="{esc(heading)}"><h3>{esc(heading)}</h3>']
    for doc_id, members in groups.items():
        first = members[0][1]
        date = updated_date(first.get("updated"), lang)
        parts.append(
            f'<div class="doc-group"><p class="doc-title"><span class="doc-name">{esc(first.get("title") or doc_id)}</span>'
            + (f' <span class="doc-date">· {esc(t(lang, "updated", date=date))}</span>' if date else "")
            + "</p>"
        )
        for k, card in members:
            parts.append(_card(f"{message_id}-p{k}", card, lang, open_all))
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _card(card_id: str, card: dict, lang: str, is_open: bool) -> str:
    nums = "".join(f'<span class="num">[{n}]</span>' for n in card["ns"])
    quote = card["quotes"][0].strip() if card["quotes"] else card["passage"].strip()
    preview = quote if len(quote) <= 110 else quote[:107].rstrip() + "…"
    plang = esc(card.get("language") or "fr")
    open_attr = " open" if is_open else ""
    start = card.get("start") if card.get("start") is not None else card.get("passage_start", 0)
    end = card.get("end") if card.get("end") is not None else (card.get("passage_start", 0) + len(card["passage"]))
    return (
        f'<details class="card" id="{esc(card_id)}" data-ns="{" ".join(map(str, card["ns"]))}"{open_attr}>'
        f'<summary>{nums}<span class="where">{esc(section_path(card.get("section", ""), lang))}</span>'
        f'<span class="preview" lang="{plang}">{esc(preview)}</span></summary>'
        f'<div class="card-body" tabindex="-1" aria-label="{esc(section_path(card.get("section", ""), lang))}">'
        f'<p class="passage" lang="{plang}">{highlight(card["passage"], card["spans"])}</p>'
        '<div class="card-actions">'
        f'<button type="button" class="act" data-act="doc" data-doc="{esc(card["doc_id"])}" '
        f'data-start="{int(start)}" data-end="{int(end)}">{icons.DOCUMENT}<span>{esc(t(lang, "view_doc"))}</span></button>'
        f'<button type="button" class="act" data-act="back">{icons.BACK}<span>{esc(t(lang, "back"))}</span></button>'
        "</div></div></details>"
    )
