"""Does the answer keep to what was asked? A list asked for is given whole; a statement about
something the question does not name is left out of the sentence that joins it."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from bot.answer.compose import anchor_spots, dates_in
from bot.answer.judge import capitalised, question_anchors
from bot.answer.anchors import anchors_of
from bot.answer.question import Question
from bot.answer.worked_out import EARLIEST, LATEST
from bot.core import exonyms
from bot.core.names import name_found, uncovered
from bot.core.text import CITATION_MARK, CLAUSE, COMMON_SHARE, YEAR_DIGITS, analyse, fold, prefixes


# A list in a passage: names or acronyms joined by commas and "et"/"and" ("La France, la Slovénie
# et le Monténégro", "(OTAN, ONU, OSCE…)"), places too ("en Albanie (octobre 2023), en Serbie (…)").
_ITEM = r"(?:(?:en|au|aux|à|in|to)\s+)?(?:(?:la|le|les|l['’]|the)\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]+)*"
_LIST = re.compile(rf"{_ITEM}(?:\s*,\s*{_ITEM})+(?:\s*,?\s*(?:et|and)\s+{_ITEM})?|{_ITEM}\s+(?:et|and)\s+{_ITEM}")
_LIST_SEP, _ARTICLE = re.compile(r"\s*,\s*|\s+(?:et|and)\s+"), r"^(?:(?:en|au|aux|à|in|to)\s+)?(?:(?:la|le|les|the)\s+|l['’])?"
ASKS_LIST = re.compile(
    r"\b(quels|quelles|lesquels|lesquelles|avec qui|with whom|list|liste)\b|\bwhich (\w+ )?(?!does\b|is\b|was\b|has\b)\w+s\b"
    r"|\bwhat (\w+ )?\w+s (are|were|does|do|did)\b"
    r"|\bwhat (are|were)\b|\bwho (are|were|did|does)\b|\bwho\b.*\bwith\b|\bwhat (kinds?|sorts?|types?) of\b"
    r"|\bwhat happened\b|\bwhat did\b.*\bdo\b|\bqu'est-ce qui s'est passe\b|\bque s'est-il passe\b|\bqu'a fait\b"
    r"|\bquoi d'autre\b|\bautre chose\b(?!\s+qu)|\bwhat else\b|\banything else\b"  # the rest of a list
)


def asks_list(question: Question) -> bool:
    """The question asks for several things ("Quels pays…", "Which cities…", "What are…")."""
    return bool(ASKS_LIST.search(fold(question.text)))


def listed_items(text: str) -> list[list[str]]:
    """The lists of names of `text` (each at least two items), articles left out."""
    out = []
    for m in _LIST.finditer(re.sub(r"\s*\([^()]*\d[^()]*\)", "", text)):  # what dates each item: "(octobre 2023)"
        items = [re.sub(_ARTICLE, "", i, flags=re.IGNORECASE).strip() for i in _LIST_SEP.split(m.group(0))]
        items = [i for i in items if i]
        if len(items) >= 2:
            out.append(items)
    return out


# What separates the items of a list written in a sentence, in French and English.
_SEPARATOR = re.compile(r"\s*(?<!\d)[,;](?!\d)\s*(?:(?:et|and|ou encore|or)\s)?|\s(?:et|and|ou encore|or)\s")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def list_length(text: str) -> int:
    """How many items the sentence of `text` that lists the most lists, roughly: its separators
    plus one."""
    return max(_separators(sentence) for sentence in _SENTENCE_END.split(text)) + 1


def _separators(sentence: str) -> int:
    """The separators of the list `sentence` gives: semicolons only, when it has some ("(i) …, … ;
    (ii) …"); no comma of a figure ("1,5 milliard")."""
    return sentence.count(";") if ";" in sentence else len(_SEPARATOR.findall(sentence))


def gives_fewer_items(answer: str, evidence: str, embed: Callable[[str], list[float]] | None = None) -> bool:
    """The answer names clearly fewer items than the evidence lists ("the rule of law" for a
    passage listing corruption, justice, human rights, governance and equality), or leaves out one
    of them while it gives others (`items_left_out`)."""
    listed = list_length(evidence)
    return listed >= 3 and (list_length(answer) < listed - 1 or bool(items_left_out(answer, evidence, embed)))


def items_left_out(answer: str, evidence: str, embed: Callable[[str], list[float]] | None = None) -> list[str]:
    """Items of the longest list of `evidence` that the answer gives in no form, when it gives some:
    "justice, human rights, governance and equality" for "lutte contre la corruption, renforcement
    de la justice, droits de l'Homme, bonne gouvernance, égalité femmes-hommes" leaves corruption
    out. An item is given when the answer writes one of its words alike (first five letters) or,
    with `embed`, when one of the answer's items is very close to it in meaning (e5: a translated
    item scores 0.89-0.97 with its own, 0.87 at most with another; bar `ITEM_SIMILARITY`)."""
    items = _items(max(_SENTENCE_END.split(evidence), key=_separators))
    if len(items) < 3:
        return []
    written = prefixes(answer)
    own = [i for t in _SENTENCE_END.split(answer) for i in _items(t)]
    own_vectors = np.asarray([embed(i) for i in own], dtype=np.float32) if embed and own else None
    out, found = [], 0
    for item in items:
        stems = prefixes(item)
        if not stems:
            continue
        if stems & written or (own_vectors is not None and float(
                np.max(own_vectors @ np.asarray(embed(item), dtype=np.float32))) >= ITEM_SIMILARITY):
            found += 1
        else:
            out.append(item.strip())
    return out if found else []


ITEM_SIMILARITY = 0.88


# Where a sentence's list begins: "en particulier en matière de…", "including…", "selon 4 axes : (i)…".
_LIST_LEAD = re.compile(r"\b(?:en particulier|notamment|including|in particular|such as|namely|comme)\b|:")


def _items(sentence: str) -> list[str]:
    """The items of the list `sentence` gives after its lead, or in its parentheses ("secteurs
    (environnement, climat, …)"): semicolons only, when it has some. A clause of more than ten
    words ("et a reçu tous les chefs d'État ou de gouvernement des pays…") is no item; between
    semicolons after a lead, up to twenty ("(iii) la lutte contre la désinformation et les discours de haine")."""
    inner = [p for p in re.findall(r"\(([^()]*)\)", sentence) if len(_SEPARATOR.findall(p)) >= 2]
    lead = _LIST_LEAD.search(sentence)
    body = inner[0] if inner else sentence[lead.end():] if lead else sentence
    items = body.split(";") if ";" in body else _SEPARATOR.split(body)
    return [i for i in items if i.strip() and len(i.split()) <= (20 if ";" in body and (inner or lead) else 10)]


# "What is it meant to do?", "À quoi sert-il ?": what something is for...
ASKS_PURPOSE = re.compile(
    r"\b((?:meant|supposed|intended|designed) to(?! be\b)|purpose|aims?|goals?|missions?|objectives?|what (is|are) .{1,60} for"
    r"|a quoi (ca )?ser[st]|sert a quoi|ca sert|objectifs?|(le|son|leur|quel est le) but|vise a quoi|ca vise quoi)\b")
# ...and an answer that says it: "a pour mission la formation", "to train", "pour renforcer".
GIVES_PURPOSE = re.compile(
    r"\b(missions?|aims?|goals?|purpose|objectives?|in order to|so as to|so that|designed to|intended to|tasked with"
    r"|pour|afin|vise|visant|objectifs?|but|destine|sert a|permet)\b"
    r"|\bto (?!the |a |an |its |their |this |that |these |those |be |have )[a-z]{3,}")


def missing_items(answer: str, question: Question, evidence: str) -> list[str]:
    """For a question asking for several things, the items of a list of the evidence that the
    answer leaves out while it gives others of the same list ("UN and OSCE" for "OTAN, ONU, OSCE").
    Items the question itself names count as given. For a question asking what something is for,
    its purpose, when the answer does not say one ("It was set up by France, Slovenia and
    Montenegro" for "What is it meant to do?")."""
    if question.kind == "other" and ASKS_PURPOSE.search(fold(question.standalone)) and not GIVES_PURPOSE.search(
            re.sub(r"\b(?:is|are|was|were) (?:meant|supposed) to\b", "to", fold(answer))):
        return ["what it is for"]  # "it is meant to" says it only with what it is meant to do
    if not asks_list(question) or question.kind == "date":  # "À quelles dates…": dates, not the names listed
        return []
    given = f"{answer} {question.standalone}"
    out: list[str] = []
    for items in listed_items(evidence):
        absent = [i for i in items if uncovered([i], given) and not _named_in(i, given)]
        if absent and len(absent) < len(items):
            out += absent
    return out


# "When was the last visit", "the first", "in 2024": one date of several is asked.
ONE_DATE = re.compile(rf"{LATEST.pattern}|{EARLIEST.pattern}|\b(recently|dernierement|plus recente|recemment|{YEAR_DIGITS})\b")


def dates_left_out(answer: str, question: Question, evidence: str, language: str) -> list[str]:
    """For "when" asked of something the evidence dates more than once ("en Serbie (juillet 2019,
    août 2024)"), the dates right after what the question names that the answer leaves out while it
    gives one of them ("juillet 2019" alone). Not for "the last visit", "the first" or a year's."""
    if question.kind != "date" or ONE_DATE.search(fold(question.text)):
        return []
    plain = fold(evidence)
    dated: list[str] = []
    for spot in anchor_spots(question.standalone, plain):
        window = re.split(r"\)|[.;!?](?:\s|$)", plain[spot : spot + 80], maxsplit=1)[0]
        found = [v for _, v in dates_in(window, language)]
        if len(set(found)) >= 2:
            dated += [v for v in found if v not in dated]
    if not dated:
        return []
    given = {v for _, v in dates_in(answer, language)}
    absent = [v for v in dated if v not in given]
    return absent if absent and len(absent) < len(dated) else []


# What joins the names of a question asked about together: "et"/"and" ("au Kosovo et en Bosnie"),
# or a comma in a run that ends so ("en Albanie, en Serbie et au Monténégro"); not "ou"/"or" (a choice).
_AND_GAP = re.compile(r"[^?.;:,]{0,20}\b(?:et|and)\b[^?.;:,]{0,20}")
_COMMA_GAP = re.compile(r"\s*,\s*(?:\w+\s+){0,2}")
# Names that are one name with "and" or "et" in it ("Bosnia and Herzegovina"), from the general list.
_ONE_NAME = frozenset(fold(n) for pair in exonyms.FRENCH_NAMES_EN.items() for n in pair if re.search(r" and | et |-", n))


def names_left_out(answer: str, question: Question, evidence: str) -> list[str]:
    """For a question about two or more things it joins ("au Kosovo et en Bosnie", "Serbia and
    Albania"), the ones the evidence writes and the answer leaves out while it speaks of another."""
    folded = fold(question.text)
    named = sorted((m.start(), m.end(), a) for a in question.anchors if not uncovered([a], evidence)
                   for m in [_where_named(a, question.text, folded)] if m)
    joined: set[str] = set()
    run, linked = [], False
    for (_, end, a), nxt in zip(named, [*named[1:], None]):
        run.append(a)
        gap = folded[end : nxt[0]] if nxt else ""
        if nxt and _AND_GAP.fullmatch(gap) and f"{fold(a)}{gap}{fold(nxt[2])}" not in _ONE_NAME:
            linked = True
        elif not (nxt and _COMMA_GAP.fullmatch(gap)):  # the run ends here
            if linked:
                joined |= set(run)
            run, linked = [], False
    left = [a for a in sorted(joined) if uncovered([a], answer)]
    return left if left and len(left) < len(joined) else []


def _where_named(name: str, text: str, folded: str) -> re.Match | None:
    """Where the question (`text`, and `folded`, its folded form of the same length) writes `name`:
    an acronym as written ("UN", not "un"), any other name folded ("macedoine" for "Macédoine")."""
    if name.isupper():
        return re.search(rf"\b{re.escape(name)}\b", text)
    return re.search(rf"\b{re.escape(fold(name))}\b", folded)


def parts_left_out(answer: str, question: Question, evidence: str, language: str) -> list[str]:
    """The dates (`dates_left_out`) or the joined names (`names_left_out`) of the evidence that the
    answer leaves out while it gives the others."""
    return dates_left_out(answer, question, evidence, language) or names_left_out(answer, question, evidence)


def _named_in(item: str, text: str) -> bool:
    """`item` (a name of one or more words) is in `text`, in either language."""
    words = [w for w in re.findall(r"[\w’'-]+", item) if len(w) > 2 or w.isupper()]
    return bool(words) and not uncovered(words, text)


def off_topic(sentences: list[str], question: Question, shares=None) -> list[int]:
    """Sentences of an answer about something else than the question: naming none of the names
    the question itself names but other names, beside a sentence that names them ("France
    contributes to KFOR in Kosovo." before "EUFOR ALTHEA is commanded by the EU." for "And which
    EU force does it command?"). A sentence naming nothing ("It was opened in 2024.") stays."""
    own = anchors_of(question.text)
    again = answers_previous(sentences, question) if question.previous else []  # read for follow-ups only
    if not sentences or not own:
        return again
    about = [len(uncovered(own, s, question.standalone)) < len(own) for s in sentences]
    if not any(about):
        return about_previous(sentences, question, own, shares)
    asked = capitalised(question.standalone)
    return sorted(set(again) | {i for i, s in enumerate(sentences)
                                if not about[i] and {n for n in capitalised(s) if not name_found(n, asked)}})


def answers_previous(sentences: list[str], question: Question) -> list[int]:
    """A follow-up's answer sentences taking up two words of the previous question and none of this one's, beside
    one that takes up this one's: "La coopération touche l'environnement…" answers "La coopération touche quels
    secteurs ?" again, not "Et son centre cyber, il se trouve où ?" ("Il se trouve à Podgorica"). For a follow-up."""
    now = set(analyse(question.text, ("fr", "en")))
    before = set(analyse(question.previous, ("fr", "en"))) - now
    takes_now = [bool(now & set(analyse(s, ("fr", "en")))) for s in sentences]
    return [i for i, s in enumerate(sentences) if any(takes_now) and not takes_now[i]
            and len(before & set(analyse(s, ("fr", "en")))) >= 2]


def about_previous(sentences: list[str], question: Question, own: list[str], shares=None) -> list[int]:
    """A follow-up that puts a name of its own in the earlier question's place ("Et au Kosovo ?"
    after a question on the EU's force in Bosnia) is not answered by sentences naming none of its
    names but a name of the earlier question ("… en Bosnie-Herzégovine"). Names most passages
    hold (`shares`: "France" in a text on French policy) say nothing of which question is answered."""
    if not question.previous or set(question.anchors) != set(own):
        return []  # not a follow-up that changes the subject
    before = [a for a in anchors_of(question.previous) if a not in own and uncovered([a], question.text)]
    if shares is not None:
        before = [a for a in before if max(shares(analyse(a, ("fr", "en"))).values(), default=0.0) < COMMON_SHARE]
    return [i for i, s in enumerate(sentences) if before and len(uncovered(before, s)) < len(before)]


def focus(sentence: str, question: Question) -> str:
    """`sentence` without a joined statement about other things: when one part holds what the
    question names and the other only names the question does not ("Que fait la France au Kosovo
    ?" -> "… forces de l'OTAN au Kosovo (KFOR)", not "… et assure le commandement de la force
    EUFOR ALTHEA … en Bosnie-Herzégovine"), the other part is left out."""
    anchors = question_anchors(question)
    if not anchors:
        return sentence
    pieces = CLAUSE.split(sentence)
    if len(pieces) != 2:
        return sentence
    # A follow-up's own names come first: "And in Kosovo, which force…?" after a question about
    # Bosnia keeps the part about Kosovo, though the other names more of the conversation.
    own = [a for a in anchors if not uncovered([a], question.text)] if question.previous else []
    about = [(len(own) - len(uncovered(own, p, question.standalone)) if own else 0,
              len(anchors) - len(uncovered(anchors, p, question.standalone))) for p in pieces]
    asked = capitalised(question.standalone)
    # Another subject: at least two names the question does not use ("EUFOR ALTHEA", "UE", "Bosnie").
    foreign = [len({n for n in capitalised(p) if not name_found(n, asked)}) >= 2 for p in pieces]
    marks = "".join(CITATION_MARK.findall(sentence))
    for keep, drop in ((0, 1), (1, 0)):
        if about[keep] > about[drop] and foreign[drop] and len(pieces[keep].split()) >= 5:
            kept = re.sub(rf"\s*{CITATION_MARK.pattern}", "", pieces[keep].strip()).rstrip(" .,;")
            if keep == 1:  # "… and holds the command…": the second part needs the first one's subject
                subject = _SUBJECT.match(pieces[0])
                if not subject:
                    return sentence
                kept = f"{subject.group(1)} {kept}"
            return f"{kept[0].upper()}{kept[1:]}{' ' + marks if marks else ''}."
    return sentence


_SUBJECT = re.compile(r"^((?:(?:La|Le|Les|L['’]|The)\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)*)\s+[a-zà-ÿ]")
