"""What a question names: its acronyms and names (capitalised or not), and the words that only ask
("which", "quand", "combien"), which say nothing of what it is about."""

from __future__ import annotations

import re

from bot.core.names import bare_name, lowercase_names
from bot.core.numbers import spell_out_months

ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
# Not "I'm", "I've", "I'd" ("As a diplomat I'm curious…" names nothing).
CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b(?!I['’])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{2,}")


def anchors_of(text: str) -> list[str]:
    """Acronyms and names the question is about (not its first word), capitalised or not. A short
    month is its month ("Sept 2024": "September", which "septembre" writes)."""
    text = spell_out_months(text)
    out = [a for a in ACRONYM.findall(text) if not a.isdigit()]
    out += [bare_name(m.group(0)) for m in CAPITALISED.finditer(text.strip())] + lowercase_names(text)
    return list(dict.fromkeys(out))


FACET_WORDS = frozenset(
    "which what who when where how many much did does do was were is are has have had happened happen came come "
    "first last quel quelle quels quelles qui quoi quand combien comment lequel laquelle est sont etait etaient "
    "c'etait ca fait a ont the le la les l' un une des du de d' a in en of for pour exactly exactement so far".split()
)
