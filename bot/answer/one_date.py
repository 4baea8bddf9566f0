"""A question that asks for one date, answered with two from two passages: "The page was last updated
in May 2025 [2]. The strategy page was last updated in October 2023 [3]." The second date is the
envoy's appointment ("Un envoyé spécial … nommé en octobre 2023"): each sentence is true to its own
passage, so the per-sentence checks pass it, and the answer looks trustworthy while one of its dates
is wrong. The answer keeps the date of the passage ranked first among the evidence."""

from __future__ import annotations

import re

from bot.answer.compose import anchor_spots, dates_in
from bot.answer.question import Question, question_kind
from bot.answer.scope import asks_list
from bot.answer.worked_out import EARLIEST, LATEST, date_order
from bot.core.text import fold


# A part of a question that is a question itself: an asking word or a verb first, or an inverted subject.
_OWN_ASK = re.compile(r"^(?:(?:and|et|but|mais)\s+)?(?:when|how|what|which|who|whom|where|why|is|are|was|were|does|do|did|has"
                      r"|have|had|can|will|quand|comment|quel\w*|qui|ou|pourquoi|combien|de quand|depuis quand|est-ce)\b"
                      r"|-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
WHY = "another date than the one asked, from a passage on something else"  # why a sentence is left out

# A question comparing dates or giving one of its own: each passage's date may be part of the answer.
_COMPARES = re.compile(r"\b(?:before|after|avant|apres|par rapport|compared?|than"
                       r"|then|alors|(?:19|20)\d\d)\b")
_ALREADY = re.compile(r"\b(?:deja|already|still|encore|toujours)\b")
_WHEN_BEFORE = re.compile(r"\b(?:when|quand)\s*$", re.IGNORECASE)


def asks_one_date(question: Question) -> bool:
    """A "when" question about one thing: not a list ("a timeline of …"), and at most one of its
    parts asks "when" ("How current is this page? When was it last updated?" asks one date;
    "When was it launched, and when was the envoy appointed?" asks two, and so does "When was it
    launched and the envoy appointed?", whose second part shares the first one's "when")."""
    plain = fold(question.text)
    if question.kind != "date" or asks_list(question) or _COMPARES.search(plain) or (
            question.yes_no and _ALREADY.search(plain)):  # "Was the AFD already active when he went to Albania?"
        return False  # "Did it open then, or when?", "before or after his trip?": two dates to compare
    dated, before = 0, "other"
    for facet in question.facets:
        at = question.text.find(facet)
        kind = ("date" if question_kind(facet) == "date" or (at > 0 and _WHEN_BEFORE.search(question.text[:at]))
                else before if not _OWN_ASK.search(fold(facet)) else "other")
        dated, before = dated + (kind == "date"), kind
    return dated <= 1


def other_dates(sentences: list[str], cited: list[tuple[int, ...]], question: Question) -> list[int]:
    """The sentences (indexes) that give a date the others do not, from passages none of the
    sentences giving the first-ranked passage's date cite. `cited[i]`: the evidence units (indexes,
    in rank order) sentence `i` cites. A sentence that dates nothing stays."""
    if not asks_one_date(question):
        return []
    dated = [(i, {d for _, d in dates_in(s, question.language)}) for i, s in enumerate(sentences)]
    dated = [(i, dates) for i, dates in dated if dates and cited[i]]
    if len(dated) < 2:
        return []
    first = min(min(cited[i]) for i, _ in dated)
    kept = [i for i, _ in dated if first in cited[i]]
    kept_units = {u for i in kept for u in cited[i]}
    kept_dates = set().union(*(dates for i, dates in dated if i in kept))
    return [i for i, dates in dated
            if i not in kept and not kept_units & set(cited[i]) and not dates & kept_dates]


# A name and the dates in brackets right after it.
_LISTED = re.compile(r"[\w-]+\s*\(([^()]{4,60})\)")
# "Premier ministre", "first lady": titles, not the first of several dates.
_TITLE = re.compile(r"\b(?:premiere? ministre|prime minister|first lady|premiere dame)\b")


def not_the_one_asked(answer: str, question: Question, evidence: str) -> list[str]:
    """For "the last visit to Serbia" (or the first), the last (first) of the dates the evidence
    lists in brackets right after the question's name, when the answer gives another of them and
    not it: "juillet 2019" where the passage says "en Serbie (juillet 2019, août 2024)"."""
    asked = _TITLE.sub(" ", fold(question.text))
    latest = bool(LATEST.search(asked))
    if question.kind != "date" or not (latest or EARLIEST.search(asked)):
        return []
    given = {v for _, v in dates_in(answer, question.language)}
    plain = fold(evidence)
    for spot in anchor_spots(question.standalone, plain):
        listed = _LISTED.match(plain, spot)  # the name's own dates: "serbie (juillet 2019, aout 2024)"
        found = sorted({v for _, v in dates_in(listed.group(1), question.language)} if listed else (),
                       key=lambda d: date_order(d, question.language))
        asked_date = (found[-1] if latest else found[0]) if len(found) >= 2 else None
        if asked_date and given & set(found) and asked_date not in given:
            return [asked_date]
    return []
