"""What a question asks about, without what it sets aside: "Does Paris work with them on TV and
media, or is it all security and money?" asks about TV and media, and "Beyond the Shared Horizons
project, in which fields…?" about the other fields; the passages on security and on Shared Horizons
are what the user expects is not the answer. Retrieval, evidence selection and the check of what
an answer is about read the question without it; the model reads the whole question."""

from __future__ import annotations

import re

_REST = r"\b[^?]*?(?=\s*(?:\?|$))"  # up to the question mark
_EN = (r"[,;]?\s+or\s+(?:(?:is|was|does|do|are)\s+(?:it|that|this|france|paris|they|she|he)\s+"
       r"(?:all|only|just|purely|strictly|mainly|mostly|simply|merely)|only|just|merely)" + _REST)
_FR = (r"[,;]?\s+ou\s+(?:bien\s+)?(?:(?:c['’]est|est-ce(?: que c['’]est)?|ce n['’]est|tout est|elle (?:ne )?fait)\s+"
       r"(?:que|seulement|uniquement|juste|tout|surtout|essentiellement|purement|strictement|simplement)"
       r"|seulement|uniquement|juste)" + _REST)
CONTRAST = re.compile(f"{_EN}|{_FR}", re.IGNORECASE)
# "Beyond the Shared Horizons project, …", "À part le sport, …", "Au-delà de la réconciliation, …"; not "A part
# of the budget, …", nor a time ("Beyond 2025, …").
SET_ASIDE = re.compile(r"(?:^|(?<=[.:;!?]\s))((?:et|and|but|mais)\s+)?(?:beyond|apart from|aside from|besides|other than|outside of"
                       r"|au-del[àa] d(?:e|u|es|['’])|[àa] part(?!\s+of\b)|en dehors d(?:e|u|es|['’])|outre)(?!\s*\d)\s*[^,?.;:]{1,60},\s*",
                       re.IGNORECASE)


def without_contrast(text: str) -> str:
    """`text` without an "…, or is it all X?" / "…, ou c'est seulement X ?" ending, nor a
    "Beyond X, …" / "À part X, …" opening, when at least three words are asked without them."""
    if (m := CONTRAST.search(text)) and len(re.findall(r"\w+", text[: m.start()])) >= 3:
        text = (text[: m.start()] + text[m.end():]).strip()
    if (m := SET_ASIDE.search(text)) and len(re.findall(r"\w+", text[m.end():])) >= 3:
        text = (text[: m.start()] + (m.group(1) or "") + text[m.end():]).strip()
    return text
