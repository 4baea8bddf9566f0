"""Which name each date of a text belongs to ("en Albanie (octobre 2023), en Serbie (juillet 2019,
août 2024)"), and the claims a sentence makes against it: dates given to another name, a count
of occasions ("twice") the source dates otherwise."""

from __future__ import annotations

import re

from bot.core.names import CALENDAR, CAPITALISED, bare_name, name_found, names_in
from bot.core.numbers import MONTHS, NUMBER_WORDS
from bot.core.text import STOP_WORDS, YEAR, fold, split_sentences

_TOKEN = re.compile(r"[\w-]+")  # "l’Albanie": "l", "Albanie"
# Between two dates of one list ("juillet 2019, août 2024", "July 2019 and August 2024").
_LIST_GAP = re.compile(r"^[\s,;]*(?:et|and|&)?[\s,]*$")


def date_owners(text: str, *, tight: bool = False) -> list[tuple[tuple[int, int], str]]:
    """Each month-and-year date of `text` with the name written last before it in its sentence
    ("en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)": October 2023 is Albania's,
    July 2019 and August 2024 are Serbia's). `tight`: only a name at most two words before the
    date, or before the list of dates it ends. Names are folded and bare; dates are (year, month)."""
    out = []
    for a, b in split_sentences(text):
        sentence = text[a:b]
        names = {m.start(): fold(bare_name(m.group(0))) for m in CAPITALISED.finditer(sentence)}
        owner, owner_at, last_end = "", -10, None
        tokens = list(_TOKEN.finditer(sentence))
        for i, m in enumerate(tokens):
            word = fold(m.group(0))
            if word in MONTHS and i + 1 < len(tokens) and YEAR.fullmatch(tokens[i + 1].group(0)):
                listed = last_end is not None and _LIST_GAP.match(sentence[last_end : m.start()])
                if owner and (not tight or i - owner_at <= 3 or listed):
                    out.append(((int(tokens[i + 1].group(0)), MONTHS[word]), owner))
                    last_end = tokens[i + 1].end()
                else:
                    last_end = None
            elif m.start() in names and word not in CALENDAR and word not in STOP_WORDS:
                owner, owner_at, last_end = names[m.start()], i, None
    return out


def dates_bound_elsewhere(sentence: str, source: str) -> list[str]:
    """Dates the sentence gives to a name that the source dates, but not with these, while it
    gives them to another name: "Albania twice, in October 2023 and July 2019" over "en Albanie
    (octobre 2023), en Serbie (juillet 2019, août 2024)" (July 2019 is a visit to Serbia). Only
    dates the source writes right after their name count ("à Podgorica en décembre 2024", not
    "La France a nommé un envoyé en octobre 2023": a sentence's subject may come first in
    another language's word order)."""
    known = date_owners(source, tight=True)
    wrong = []
    for date, owner in date_owners(sentence):
        of_owner = {d for d, o in known if name_found(owner, {o})}
        if of_owner and date not in of_owner and any(d == date for d, _ in known):
            wrong.append(f"{date[1]:02d}/{date[0]} ({owner})")
    return wrong


# A count of occasions (folded text): "twice", "three times", "deux fois", "à trois reprises", "once".
OCCASIONS = re.compile(r"\b(once|twice|thrice|une fois|(\w+) (?:times|fois)|a (\w+) reprises)\b")
_ONCE = {"once": 1, "une fois": 1, "twice": 2, "thrice": 3}


def occasions_elsewhere(sentence: str, source: str) -> list[str]:
    """Names the sentence counts occasions of ("twice") that the source dates a different number
    of times: "The president visited Albania and Serbia twice" over "en Albanie (octobre 2023),
    en Serbie (juillet 2019, août 2024)" (Albania once). A sentence with more than one count is
    left alone ("Serbia twice and Albania once")."""
    counts = list(OCCASIONS.finditer(fold(sentence)))
    if len(counts) != 1:
        return []
    m = counts[0]
    word = m.group(2) or m.group(3)
    claimed = _ONCE.get(m.group(1)) or (int(word) if word and word.isdigit() else NUMBER_WORDS.get(word or ""))
    if not claimed:
        return []
    known = date_owners(source, tight=True)
    wrong = []
    for name in sorted(names_in(sentence)):
        dates = {d for d, o in known if name_found(name, {o}) or name_found(o, {name})}
        if dates and len(dates) != claimed:
            wrong.append(f"{name} ({len(dates)})")
    return wrong


