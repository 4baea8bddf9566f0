"""The conversation as HTML, drawn by the app itself: questions, answers and passages are escaped
text; the only markup is the app's own (citation links, cards, buttons). Nothing of a question,
an answer or a document is ever read as Markdown or HTML."""

from __future__ import annotations

from bot.core.text import detect_language
from bot.ui import icons
from bot.ui.history import Conversation, Message
from bot.ui.labels import EXAMPLES, number, t
from bot.ui.render_cards import card_ids, cards_html, esc
from bot.ui.views import MARKER, Live, closest, plain_text, split_markers


def text_html(text: str) -> str:
    """Escaped text, line breaks kept."""
    return esc(text).replace("\n", "<br>")


def answer_text_html(message_id: str, text: str, cites: list[dict]) -> str:
    """The checked answer, escaped; each [n] that has a passage becomes a link to this answer's card."""
    targets = card_ids(message_id, cites)
    out, pos = [], 0
    for m in MARKER.finditer(text):
        out.append(text_html(text[pos : m.start()]))
        links = [
            f'<a class="cite" href="#{targets[n]}" data-card="{targets[n]}" data-n="{n}">[{n}]</a>'
            for n in split_markers(m.group(0)) if n in targets
        ]
        out.append(("&nbsp;" + "".join(links)) if links else "")
        pos = m.end()
    out.append(text_html(text[pos:]))
    return "".join(out)


def conversation_html(conv: Conversation | None, live: Live | None, lang: str, *, busy: bool) -> str:
    messages = conv.messages if conv else []
    head = (f'<div class="qa-chat" data-page-lang="{esc(lang)}" data-busy="{int(busy)}" '
            f'data-close="{esc(t(lang, "close"))}">')
    if not messages and live is None:
        return head + empty_html(lang) + "</div>"
    items = []
    last_user = max((i for i, m in enumerate(messages) if m.role == "user"), default=-1)
    last_answer = max((i for i, m in enumerate(messages) if m.role == "assistant"), default=-1)
    for i, m in enumerate(messages):
        if m.role == "user":
            items.append(user_html(m, lang, editable=not busy and i == last_user and live is None))
        else:
            items.append(assistant_html(m, lang, last=not busy and i == last_answer and i > last_user))
    if live is not None:
        items.append(live_html(live, lang))
    return head + '<ol class="messages">' + "".join(items) + "</ol></div>"


def empty_html(lang: str) -> str:
    buttons = "".join(
        f'<button type="button" class="example" data-act="ask" data-text="{esc(q)}" lang="{qlang}">{esc(q)}</button>'
        for qlang in ("fr", "en")
        for q in EXAMPLES[qlang]
    )
    return (
        f'<div class="qa-empty"><p class="intro">{esc(t(lang, "empty_intro"))}</p>'
        f'<p class="examples-label">{esc(t(lang, "examples"))}</p><div class="examples">{buttons}</div></div>'
    )


def user_html(m: Message, lang: str, *, editable: bool) -> str:
    qlang = detect_language(m.text, default=lang)
    edit = ""
    if editable:
        edit = (
            f'<div class="toolbar"><button type="button" class="act" data-act="edit" data-msg="{esc(m.id)}">'
            f'{icons.EDIT}<span>{esc(t(lang, "edit"))}</span></button></div>'
            f'<div class="editor" hidden><label class="sr-only" for="edit-{esc(m.id)}">{esc(t(lang, "edit"))}</label>'
            f'<textarea id="edit-{esc(m.id)}" rows="2" lang="{qlang}">{esc(m.text)}</textarea>'
            f'<div class="editor-actions"><button type="button" class="act primary" data-act="resend">{esc(t(lang, "resend"))}</button>'
            f'<button type="button" class="act" data-act="edit-cancel">{esc(t(lang, "cancel"))}</button></div></div>'
        )
    return (
        f'<li class="msg user" id="m-{esc(m.id)}"><p class="who">{esc(t(lang, "you"))}</p>'
        f'<div class="bubble" lang="{qlang}">{text_html(m.text)}</div>{edit}</li>'
    )


def assistant_html(m: Message, lang: str, *, last: bool) -> str:
    data = m.data
    state, mode = data.get("state", "done"), data.get("mode", "answer")
    alang = esc(data.get("language") or lang)
    body = []
    if state == "done" and mode in ("refused", "quoted", "translated"):
        body.append(f'<p class="badge">{esc(t(lang, mode))}</p>')
    if state == "error":
        body.append(f'<p class="error" role="alert">{text_html(m.text)}</p>')
    elif m.text:
        body.append(f'<div class="answer" lang="{alang}">{answer_text_html(m.id, m.text, data.get("citations", []))}</div>')
    if state == "stopped":
        body.append(f'<p class="note">{esc(t(lang, "stopped_partial" if m.text else "stopped"))}</p>')
    elif state == "interrupted":
        body.append(f'<p class="note">{esc(t(lang, "interrupted"))}</p>')
    total = (data.get("timings") or {}).get("total_ms")
    if state == "done" and total:
        body.append(f'<p class="meta">{esc(t(lang, "done", total=number(total / 1000, lang)))}</p>')
    parts = [f'<li class="msg assistant mode-{esc(mode)} state-{esc(state)}" id="m-{esc(m.id)}" data-msg="{esc(m.id)}">',
             f'<p class="who">{esc(t(lang, "assistant"))}</p><div class="bubble">{"".join(body)}</div>']
    if data.get("citations"):
        parts.append(cards_html(m.id, data["citations"], lang, heading=t(lang, "sources"), kind="cited"))
    elif state == "done" and mode == "abstained" and closest(data):
        parts.append(cards_html(m.id, closest(data), lang, heading=t(lang, "closest"), kind="closest", open_all=True))
    elif state != "done" and data.get("evidence"):
        parts.append(cards_html(m.id, data["evidence"], lang, heading=t(lang, "evidence"), kind="evidence"))
    parts.append(toolbar_html(m, lang, last=last))
    parts.append("</li>")
    return "".join(parts)


def toolbar_html(m: Message, lang: str, *, last: bool) -> str:
    data, mid = m.data, esc(m.id)
    buttons = []
    if m.text and data.get("state") != "error":
        copy = plain_text(m.text, data, lang)
        buttons.append(
            f'<button type="button" class="act" data-act="copy" data-copy="{esc(copy)}" data-done="{esc(t(lang, "copied"))}">'
            f'{icons.COPY}<span>{esc(t(lang, "copy"))}</span></button>'
        )
    if last:
        buttons.append(f'<button type="button" class="act" data-act="retry" data-msg="{mid}">{icons.RETRY}'
                       f'<span>{esc(t(lang, "retry"))}</span></button>')
    rated = ""
    if data.get("state") == "done":
        for rating, icon, key in (("up", icons.THUMB_UP, "helpful"), ("down", icons.THUMB_DOWN, "unhelpful")):
            pressed = "true" if m.rating == rating else "false"
            buttons.append(
                f'<button type="button" class="act rate rate-{rating}" data-act="rate" data-rating="{rating}" '
                f'data-msg="{mid}" aria-pressed="{pressed}" aria-label="{esc(t(lang, key))}" title="{esc(t(lang, key))}">'
                f"{icon}</button>"
            )
        if m.rating:
            rated = (
                f'<div class="comment-box"><label for="c-{mid}">{esc(t(lang, "comment"))}</label>'
                f'<textarea id="c-{mid}" rows="2" maxlength="2000">{esc(m.comment)}</textarea>'
                f'<div class="editor-actions"><button type="button" class="act" data-act="comment" data-msg="{mid}">'
                f'{esc(t(lang, "comment_send"))}</button><span class="thanks" role="status">{esc(t(lang, "thanks"))}</span></div></div>'
            )
    return f'<div class="toolbar">{"".join(buttons)}</div>{rated}' if buttons else ""


def live_html(live: Live, lang: str) -> str:
    """The answer being made: its status, the evidence found, the checked sentences, the draft."""
    stage = "reading" if live.stage == "writing" and not live.draft and not live.sentences else live.stage
    if live.stopping:
        status = t(lang, "stopping")
    elif stage == "waiting":
        status = t(lang, "waiting", ahead=live.ahead) if live.ahead else t(lang, "waiting_none")
    else:
        status = t(lang, stage) if stage in ("rewriting", "retrieving", "reading", "writing", "checking") else t(lang, "retrieving")
    mid, alang = esc(live.message_id), esc(live.language)
    body = [f'<p class="status" role="status"><span class="spinner" aria-hidden="true"></span>{esc(status)}</p>']
    if live.sentences:
        body.append(f'<div class="answer" lang="{alang}">{answer_text_html(live.message_id, live.text, live.citations)}</div>')
    draft = MARKER.sub("", live.draft).strip()
    if draft:
        body.append(
            f'<div class="draft"><p class="draft-label">{esc(t(lang, "draft"))}</p>'
            f'<p class="draft-text" lang="{alang}">{text_html(draft)}</p></div>'
        )
    parts = [f'<li class="msg assistant working" id="m-{mid}" data-msg="{mid}" aria-busy="true">',
             f'<p class="who">{esc(t(lang, "assistant"))}</p><div class="bubble">{"".join(body)}</div>']
    if live.citations:
        parts.append(cards_html(live.message_id, live.citations, lang, heading=t(lang, "sources"), kind="cited"))
    elif live.evidence:
        parts.append(cards_html(live.message_id, live.evidence, lang, heading=t(lang, "evidence"), kind="evidence"))
    parts.append("</li>")
    return "".join(parts)


def sidebar_html(conversations: list[Conversation], current: str | None, lang: str) -> str:
    items = []
    for c in conversations:
        cid, title = esc(c.id), esc(c.title)
        current_attr = ' aria-current="true"' if c.id == current else ""
        items.append(
            f'<li class="conv" data-id="{cid}"><button type="button" class="open" data-act="open" '
            f'data-id="{cid}"{current_attr}>{title}</button>'
            f'<button type="button" class="del" data-act="delete" data-id="{cid}" '
            f'aria-label="{esc(t(lang, "delete_named", title=c.title))}" title="{esc(t(lang, "delete"))}">{icons.TRASH}</button>'
            f'<div class="confirm" hidden><span>{esc(t(lang, "confirm_delete"))}</span>'
            f'<button type="button" class="act danger" data-act="delete-yes" data-id="{cid}">{esc(t(lang, "delete"))}</button>'
            f'<button type="button" class="act" data-act="delete-no">{esc(t(lang, "cancel"))}</button></div></li>'
        )
    listing = f'<ul class="conv-list">{"".join(items)}</ul>' if items else f'<p class="none">{esc(t(lang, "no_conversations"))}</p>'
    return (
        f'<nav class="qa-side" data-page-lang="{esc(lang)}" data-toggle="{esc(t(lang, "toggle_sidebar"))}" '
        f'aria-label="{esc(t(lang, "conversations"))}">'
        f'<button type="button" class="new-conv" data-act="new">{icons.PLUS}<span>{esc(t(lang, "new"))}</span></button>'
        f'<h2>{esc(t(lang, "conversations"))}</h2>{listing}</nav>'
    )


def header_html(lang: str) -> str:
    other = "en" if lang == "fr" else "fr"
    return (
        f'<header class="qa-header" data-page-lang="{esc(lang)}" data-page-title="{esc(t(lang, "page_title"))}"><div><h1>{esc(t(lang, "title"))}</h1>'
        f'<p>{esc(t(lang, "subtitle"))}</p></div>'
        f'<button type="button" class="lang-switch" data-act="language" data-lang="{other}" lang="{other}">'
        f'{esc(t(lang, "switch"))}</button></header>'
    )
