"""Each answer sentence checked in code against the evidence it rests on.

A sentence is supported by an evidence unit when (1) every figure, amount, currency, percentage
and month it states is in the unit (read the same way in French and English, bot.core.numbers),
(2) every name and acronym it uses is in the unit's passage, section, title or the question
(bot.core.names), an acronym it adds to the question's names one the source writes with them,
not in a clause about something else, and (3) it means what the unit says: e5 similarity with
one of the unit's sentences above a threshold calibrated for same-language and cross-language
pairs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from bot.core.dated_names import dates_bound_elsewhere, occasions_elsewhere
from bot.core.names import acronyms_in, bound_elsewhere, missing_names, names_in, uncovered
from bot.core.numbers import Reading, consistent, read
from bot.core.owners import amount_owners_unnamed
from bot.core.text import YEAR, YEAR_DIGITS, analyse, detect_language, false_friends, fold, mend_false_friends, prefixes, words
from bot.evidence import EvidenceUnit

MARKER = re.compile(r"\s*\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]")
STRAY = re.compile(r"\[\s*[^\]]{0,12}\]|【[^】]*】")
SENTENCE_END = re.compile(r"[.!?…]+(?:\s*\[[^\]\n]{1,12}\])*(?=\s|$)|\](?=\s+[A-ZÀ-ÖØ-Þ«\"“])|\n+")
# A sentence that stops on a function word, or has a gap, is missing its fact: "Il est de [n]."
DANGLING = re.compile(
    r"\b(est|sont|de|des|du|dans|à|en|le|la|les|par|pour|sur|is|are|of|in|the|by|for|on|to|at|was|were)\s*[.:!?…]?$",
    re.IGNORECASE,
)


@dataclass
class SentenceCheck:
    sentence: str  # without markers
    ok: bool
    units: list[int] = field(default_factory=list)  # indices of the evidence units that support it
    similarity: float = 0.0
    reasons: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)  # the markers the model wrote (1-based)
    corrects: int | None = None  # the evidence unit that dates otherwise what the question assumed


def new_words(sentence: str, question: str, language: str, source: str, share: float = 0.5) -> set[str]:
    """In the source's own language, the words a sentence adds to the question must mostly be the
    source's: "le deuxième pilier est la coopération économique" is not read from "la stratégie
    repose sur 5 piliers". Returns the missing stems when fewer than `share` of them are found."""
    langs = (language,)
    added = {w for w in analyse(sentence, langs) if not w.isdigit()} - set(analyse(question, langs))
    if len(added) < 2:
        return set()
    missing = added - set(analyse(source, langs))
    return missing if len(missing) > (1 - share) * len(added) else set()


def _grams(text: str, n: int = 6) -> set[str]:
    return {w[i : i + n] for w in words(text) if len(w) >= n and not w.isdigit() for i in range(len(w) - n + 1)}


def shares_nothing(sentence: str, claim: Reading, source: str) -> bool:
    """A sentence in another language than its source holds nothing of it: no figure or date, no
    name the source writes, no word it shares six letters with ("information" in "disinformation"
    and "désinformation"). e5 gives any two short sentences ~0.80 across languages: "Season with
    salt and pepper." is not read from a passage on cooperation with the Balkans."""
    if claim.has_figure or claim.has_date:
        return False
    plain = fold(source)
    if any(re.search(rf"\b{re.escape(fold(n))}", plain) for n in names_in(sentence) | acronyms_in(sentence)):
        return False
    return not (_grams(sentence) & _grams(source))


# "Yes, …", "Non, …" (not "Non-EU countries"): a verdict before what the sentence says.
VERDICT = re.compile(r"^(?:yes|no|oui|non|indeed|effectivement)\s*[,.;:!—–]\s*(?=\w)", re.IGNORECASE)


# A list item's number or bullet at the start of a line ("1. Promote…", "- Sport"): not a sentence.
ITEM_MARK = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•–—])[ \t]+(?=[^\W\d_]|[«\"“])")


def split_answer(text: str) -> list[str]:
    """The answer's sentences; each line of a list is one, without its number or bullet."""
    text = ITEM_MARK.sub("", text)
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    out.append(text[pos:])
    return [s.strip() for s in out if s.strip()]


def strip_markers(sentence: str) -> tuple[str, list[int]]:
    markers = [int(x) for m in MARKER.finditer(sentence) for x in re.split(r"[,;]", m.group(1))]
    return STRAY.sub("", MARKER.sub("", sentence)).strip(), markers


# A year the question does not assume happened then: "depuis 2022", "entre 2019 et 2022", "before 2020".
RELATIVE_YEAR = re.compile(r"\b(?:depuis|since|avant|before|apr[eè]s|after|until|jusqu['’]en|from|entre|between|et|and)"
                           r"\s+(?:l['’]an(?:n[eé]e)?\s+|the\s+year\s+)?$", re.IGNORECASE)
YEAR_RANGE = re.compile(rf"\b({YEAR_DIGITS})\s*[-–]\s*({YEAR_DIGITS})\b")


def _years(text: str) -> set[str]:
    """The years `text` names, a range's included ("2021-2027")."""
    out = set(YEAR.findall(text))
    for a, b in YEAR_RANGE.findall(text):
        out |= {str(y) for y in range(int(a), int(b) + 1)} if 0 < int(b) - int(a) <= 20 else set()
    return out


def premise_misdated(sentence: str, vector: np.ndarray, evidence: list[EvidenceUnit], question_text: str,
                     margin: float = 0.02) -> tuple[str, int] | None:
    """The answer repeats a year the question assumes ("Why was the strategy only launched in
    2022?") while the evidence sentence closest to it in meaning gives another year and not that
    one ("lancée en 2019"), clearly closer than any sentence giving that year: each fact may be in
    the evidence ("2022" dates the war), not together. A sentence that states another figure (an
    amount, a percentage, a day) is anchored by it and not judged so, nor a year the question
    names as a bound ("depuis 2022"). Returns the reason and the unit to show."""
    if re.search(r"\d", YEAR.sub(" ", sentence)):
        return None
    said = set(YEAR.findall(sentence))
    named = set(YEAR.findall(question_text))
    assumed = said & {m.group(0) for m in YEAR.finditer(question_text)
                      if not RELATIVE_YEAR.search(question_text[max(0, m.start() - 24) : m.start()])}
    if not assumed:  # most sentences: no evidence sentence is scored
        return None
    scored = [(float(u.chunk.sentence_vectors[i] @ vector), n, _years(u.chunk.sentence_text(i)))
              for n, u in enumerate(evidence) if u.chunk.sentence_vectors is not None for i in range(u.first, u.last + 1)]
    if not scored:
        return None
    sim, n, years = max(scored, key=lambda t: t[0])
    dating = [t[0] for t in scored if t[2] & assumed]
    if years and not years & (said | named) and sim >= max(dating, default=-1.0) + margin:
        return f"the passage closest to it dates it {', '.join(sorted(years))}, not {', '.join(sorted(assumed))}", n
    return None


class AnswerChecker:
    def __init__(self, embedder, *, same_language: float, cross_language: float, margin: float = 0.02,
                 knows: Callable[[str], bool] | None = None) -> None:
        self.embedder = embedder
        # Does the corpus write this name? A name of the question the corpus writes, put into a
        # sentence whose source does not write it, is not the source's ("visites bilatérales avec
        # Serbie et Kosovo" from a passage on visits elsewhere); one the corpus never writes
        # ("Alliance atlantique" for "OTAN") may be the user's word for the source's.
        self.knows = knows
        self.same_language = same_language
        self.cross_language = cross_language
        self.margin = margin

    def check(self, raw: str, evidence: list[EvidenceUnit], question_text: str, language: str) -> list[SentenceCheck]:
        parts = [strip_markers(s) for s in split_answer(raw)]
        parts = [(s, m) for s, m in parts if re.search(r"\w", s)]
        if language == "en" and any(u.chunk.language == "fr" for u in evidence):
            source = " ".join(u.text for u in evidence if u.chunk.language == "fr")
            parts = [(mend_false_friends(s, source), m) for s, m in parts]
        if not parts:
            return []
        # Compared without the word that agrees or denies: "Yes," is not what the source says.
        vectors = np.asarray(self.embedder.embed_documents([VERDICT.sub("", s) for s, _ in parts]), dtype=np.float32)
        return [
            self.check_sentence(s, m, v, evidence, question_text, language) for (s, m), v in zip(parts, vectors)
        ]

    def check_sentence(
        self,
        sentence: str,
        cited: list[int],
        vector: np.ndarray,
        evidence: list[EvidenceUnit],
        question_text: str,
        language: str,
    ) -> SentenceCheck:
        result = SentenceCheck(sentence, False, cited=cited)
        if DANGLING.search(sentence) or re.search(r"\s{2,}", sentence):
            result.reasons.append("incomplete sentence")
            return result
        if sentence.rstrip(" »\"”)").endswith("?"):  # the model repeating the question
            result.reasons.append("a question, not an answer")
            return result
        if misdated := premise_misdated(sentence, vector, evidence, question_text):
            result.reasons.append(misdated[0])
            result.corrects = misdated[1]
            return result
        lang = detect_language(sentence, default=language)
        claim = read(sentence, lang)
        verdicts = [self._against(sentence, lang, claim, vector, [u], question_text) for u in evidence]
        good = [i for i, v in enumerate(verdicts) if not v[1]]
        if not good and len(evidence) > 1:  # one sentence may join facts of two units of the answer
            pool = [evidence[n - 1] for n in dict.fromkeys(cited) if 0 < n <= len(evidence)] or evidence
            sim, problems = self._against(sentence, lang, claim, vector, pool, question_text)
            if not problems:
                result.ok, result.similarity = True, sim
                result.units = [evidence.index(u) for u in pool]
                return self._not_borrowing(result, evidence, question_text)
        if not good:
            marked = [n - 1 for n in cited if 0 < n <= len(evidence)]
            best = marked[0] if marked else max(range(len(verdicts)), key=lambda i: verdicts[i][0]) if verdicts else None
            result.reasons = verdicts[best][1] if best is not None else ["no evidence"]
            result.similarity = verdicts[best][0] if best is not None else 0.0
            return result
        top = max(verdicts[i][0] for i in good)
        marked = [n - 1 for n in dict.fromkeys(cited) if 0 < n <= len(evidence) and (n - 1) in good]
        marked = [i for i in marked if verdicts[i][0] >= top - self.margin]
        # The model's marker, unless another unit that supports the sentence shares clearly more of
        # its words (cognates across languages: "organized"/"organisée", "trafficking"/"trafic"):
        # a list of crimes cited to the passage listing sectors is a wrong citation.
        own = prefixes(sentence)
        shared = {i: len(own & prefixes(evidence[i].text)) for i in good}
        richest = max(good, key=lambda i: (shared[i], verdicts[i][0]))
        if marked and shared[richest] >= max(shared[i] for i in marked) + 2:
            marked = [richest]
        result.units = marked or [max(good, key=lambda i: verdicts[i][0])]
        result.ok, result.similarity = True, max(verdicts[i][0] for i in result.units)
        return self._not_borrowing(result, evidence, question_text)

    def _not_borrowing(self, result: SentenceCheck, evidence: list[EvidenceUnit], question_text: str) -> SentenceCheck:
        """Refuse a sentence that puts a name of the question on evidence that does not write it,
        when the corpus writes that name elsewhere ("visites bilatérales avec Serbie et Kosovo [3]"
        on a passage about visits elsewhere). Judged once the sentence's evidence is chosen, so that
        the name does not steer it to a passage on something else that happens to write it.
        Acronyms are left to `missing_names` (the source may spell "EU" out)."""
        if self.knows is None:
            return result
        context = " ".join(evidence[i].context for i in result.units)
        borrowed = sorted(n for n in missing_names(result.sentence, context)  # as the answer's names are read:
                          if not n.isupper() and self.knows(n) and uncovered([n], context, question_text))  # aliases, capitals
        if borrowed:
            result.ok, result.reasons = False, [f"names of the question that its source does not write: {borrowed}"]
        return result

    def _against(
        self,
        sentence: str,
        lang: str,
        claim: Reading,
        vector: np.ndarray,
        units: list[EvidenceUnit],
        question_text: str,
    ) -> tuple[float, list[str]]:
        """(similarity, problems) of `sentence` against the union of `units`."""
        text = " ".join(u.text for u in units)
        context = " ".join(u.context for u in units)
        source = read(text, units[0].chunk.language)
        problems = consistent(claim, source)
        missing = missing_names(sentence, context + " " + question_text)
        if missing:
            problems.append(f"names not in the source: {sorted(missing)}")
        if misplaced := bound_elsewhere(sentence, text, question_text):
            problems.append(f"the source says {misplaced} of something else than the question's names")
        if misdated := dates_bound_elsewhere(sentence, text):
            problems.append(f"the source gives the dates {misdated} to another name")
        if miscounted := occasions_elsewhere(sentence, text):
            problems.append(f"the source dates {miscounted} another number of times")
        if owners := amount_owners_unnamed(sentence, claim, text, units[0].chunk.language, question_text, context):
            problems.append(f"the source gives this amount to {', '.join(owners)}, which neither it nor the question names")
        sim = max(float(np.max(u.vectors @ vector)) for u in units)
        same = all(u.chunk.language == lang for u in units)
        if not same and shares_nothing(sentence, claim, text):
            problems.append("nothing of the source in it (no figure, name or shared word)")
        if lang == "en" and any(u.chunk.language == "fr" for u in units):
            if wrong := false_friends(sentence, text):
                problems.append(f"mistranslated: {'; '.join(wrong)}")
        if same:
            unsupported = new_words(sentence, question_text, lang, context)
            if unsupported:
                problems.append(f"words not in the source: {sorted(unsupported)}")
        threshold = self.same_language if same else self.cross_language
        if sim < threshold:
            problems.append(f"similarity {sim:.3f} < {threshold}")
        return sim, problems
