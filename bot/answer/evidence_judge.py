"""Does an evidence unit answer the question? About everything the question names, holding the
kind of answer it asks for (a figure, a date, a name), about what it asks, close enough in
meaning. Used to decide whether the model's verified sentences answer, and which unit to quote
when they do not."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from bot.answer import counting, judge, scope
from bot.answer.follow_up import topic_of_follow_up
from bot.answer.question import Question
from bot.core.capitals import paired_countries, written_by_capital
from bot.core.owners import amounts_all_owned_elsewhere
from bot.core.text import YEAR, analyse, cognates, fold, is_place, words
from bot.evidence import EvidenceUnit, TermShares

# Words that say where something is: "basé à Podgorica", "located in Belgrade".
_SITED = r"(?:basé|situé|installé|implanté|établi)e?s?|based|located|headquartered"
LOCATED = re.compile(rf"(?i:\b(?:{_SITED}))\s+(?:à|en|au|aux|in|at)\s+[A-ZÀ-Ý]")
# "installé à Tirana", "se trouve-t-il à Belgrade", "based in Skopje": where the question places what it asks
# about; not "présenté à Macron", "the EU's decision in 2023", "l'entrée dans l'UE".
PLACED_AT = re.compile(rf"\b(?:{_SITED}|(?:ouvert|inauguré|créé|cofondé|fondé)e?s?"
                       r"|trouve(?:-t-(?:il|elle))?|trouvent|opened|set up|founded"
                       r"|co-?founded|housed)(?:\s+(?:bien|vraiment|really|actually))?\s+(?:à|in|at)\s+$", re.IGNORECASE)


def names_pair_by_capitals(q: Question, text: str) -> bool:
    """`text` writes the capitals of both countries the question names as a pair."""
    paired = paired_countries(q.standalone)
    return len(paired) >= 2 and all(written_by_capital(c, q.standalone, text) for c in paired)


class EvidenceJudge:
    def __init__(self, settings, *, knows: Callable[[str], bool] | None = None,
                 term_shares: TermShares | None = None, embed=None) -> None:
        self.settings = settings  # AnswerSettings
        # Does the corpus write this name anywhere? A name only the question uses ("Alliance
        # atlantique" for "OTAN") cannot be required of the evidence the model answered from.
        self.knows = knows or (lambda _word: True)
        # How common a word is in the corpus: a quotation must share a specific one with the question.
        self.term_shares = term_shares
        self.embed = embed  # a query's embedding: what the question asks about, against the evidence's sentences
        self._focus: tuple = (None, None)

    def missing_anchors(self, q: Question, context: str, plain: str, title: str = "", quoted: str = "") -> list[str]:
        """The question's names the cited evidence lacks. A name the corpus never writes ("Paris"
        for "la France", "Macron" for "le Président") is waived when the question also names
        something specific the evidence has and the answer speaks the corpus's words: for a
        question asking for a date, a figure or a name, and for any other question only when the
        model's verified sentences are given (`plain`), never for a quotation. A question only
        about an unknown name ("Moldova"), an open question about it ("what does it say about
        Africa?") and an answer repeating the name stay unanswered."""
        anchors = judge.question_anchors(q)
        missing = judge.anchors_covered(q, context)
        if missing and self.own_words_shared(q, context):
            # "Et sur le cyber, elle a monté quoi ?" after a question on the force in Kosovo: a passage
            # on what the follow-up itself asks about need not name what the earlier question did.
            missing = [a for a in missing if judge.anchors_covered_by(a, q.text)]
        if q.kind == "date" and any(y in context for y in YEAR.findall(plain)):
            # A year the question wrongly assumes ("allé en Serbie en 2022 : à quel moment ?"), corrected
            # by a year of the evidence that the answer gives instead (not by "en juillet" alone).
            missing = [a for a in missing if not (YEAR.fullmatch(a) and a not in plain)]
        # "Set up by France and Croatia, wasn't it?": a passage naming the rest of what the question
        # names (the centre in Podgorica, something specific, not the title's words) says who did.
        if q.yes_no and missing and not plain:
            plain_context = fold(context)  # the name itself, not "France" for "Paris"
            if [a for a in anchors if a not in missing and not judge.anchors_covered_by(a, title)
                    and re.search(rf"\b{re.escape(fold(a))}\b", plain_context)]:
                return []
        if missing and not plain and self._places_elsewhere(q, missing, context, quoted or context):
            return []  # quoted, it corrects the place the question assumes
        if not missing or len(missing) == len(anchors) or (q.kind == "other" and not plain):
            return missing  # an open question about an unknown name ("la stratégie pour l'Afrique")
        # What the question names besides must be specific: the document's title ("French",
        # "Western Balkans") does not make "the French president's visit to North Macedonia"
        # a question about the visits the passage lists.
        if not [a for a in anchors if a not in missing and not judge.anchors_covered_by(a, title)]:
            return missing
        return [a for a in missing if a.isdigit() or self.knows(a) or judge.anchors_covered_by(a, plain)
                or is_place(a, q.text)]

    def _places_elsewhere(self, q: Question, missing: list[str], context: str, quoted: str) -> bool:
        """"Le centre cyber installé à Tirana, créé par quels pays ?": each name the evidence lacks
        is where the question places what it asks about, and the evidence, which shares two of its
        specific words, places it somewhere else ("basé à Podgorica")."""
        return (all(not a.isdigit() and is_place(a, q.standalone, PLACED_AT, re.IGNORECASE) for a in missing)
                and bool(LOCATED.search(quoted))
                and len(judge.shared_terms(q, context, q.language, self.term_shares)) >= 2)

    def answering_unit(self, q: Question, units: list[EvidenceUnit]) -> EvidenceUnit | None:
        """The first evidence unit that answers the question: one that shares a specific word with
        it before one that is only close in meaning (a passage about trade scores high for "how
        much money did the development agency put in" too: the one naming the agency comes first);
        of those, the one sharing the most of the question's words ("organisme public … projets
        d'aide au développement": the passage on the development agency before one that only says
        "projet"). The first unit (the one the model cited first, or the best one) writing a rare
        word of the question alike may answer a little lower (`answers`, `first`)."""
        sharing = [u for u in units if self.answers(q, u, by_meaning=False, first=u is units[0])]
        shared = {id(u): len(judge.shared_terms(q, u.text, q.language, self.term_shares)) for u in units}
        silent = [u for u in units if q.kind in ("number", "date", "name", "who") and self.about_without_answer(q, u)]
        if silent:
            # The passage about what is asked does not give it: one that is only close in meaning
            # (or, across languages, merely names something) does not either, nor one that shares fewer of
            # its words ("le Président … s'est rendu en Albanie (octobre 2023)" for the name of the envoy
            # "nommé en octobre 2023", which the passage on the envoy does not give).
            most = max(shared[id(u)] for u in silent)
            sharing = [u for u in sharing if self.shares_asked(q, u) and shared[id(u)] >= most]
            if not sharing:
                return None
        if sharing:  # a follow-up's own words before the earlier question's
            return max(sharing, key=lambda u: (bool(self.own_words_shared(q, u.text)), names_pair_by_capitals(q, u.text),
                                               shared[id(u)]))
        return next((u for u in units if self.answers(q, u, first=u is units[0])), None)

    def rare_word_first(self, q: Question, best: EvidenceUnit | None, units: list[EvidenceUnit]) -> EvidenceUnit | None:
        """`best`, unless it holds no word of the question that few passages hold and another unit
        that answers does ("audiovisual" and « En matière culturelle et audiovisuelle »): the
        passage the model cited may only be close to the question's common words."""
        if best is None or self.holds_a_rare_word(q, best):
            return best
        return next((u for u in units if u is not best and self.holds_a_rare_word(q, u) and self.answers(q, u)), best)

    def holds_a_rare_word(self, q: Question, unit: EvidenceUnit) -> bool:
        """`unit` holds a word of the question few passages hold: the same stem in the question's
        language (`shares_a_rare_word`), written alike in the other (`writes_a_rare_word_alike`)."""
        if unit.chunk.language == q.language:
            return self.shares_a_rare_word(q, unit.text)
        return self.writes_a_rare_word_alike(q, unit)

    def own_words_shared(self, q: Question, text: str) -> set[str]:
        """For a follow-up turning to a subject of its own ("Et sur le cyber, …"), the stems of that
        subject's words that `text`, in the question's language, holds (not "acteurs" in "Et elle
        travaille avec quels types d'acteurs ?", which asks for a kind of answer)."""
        topic = topic_of_follow_up(q.text) if q.previous else ""
        return judge.shared_terms(replace(q, standalone=topic), text, q.language, self.term_shares) if topic else set()

    def about_without_answer(self, q: Question, unit: EvidenceUnit) -> bool:
        """`unit` is about what a question for a figure, a date, a name or "who" asks about (it holds its
        names and shares a specific word with it: "un envoyé spécial … nommé en octobre 2023" for
        "Who is the special envoy? I need the name") and does not give what is asked."""
        return (not self.missing_anchors(q, unit.context, "", unit.chunk.title, unit.text)
                and self.shares_asked(q, unit)
                and not judge.has_kind(unit.text, q, unit.chunk.language, unit.context))

    def shares_asked(self, q: Question, unit: EvidenceUnit) -> bool:
        """`unit` writes a specific word of the question: the same stem in the question's language,
        the same word's first letters in the other ("security" and "sécurité")"""
        if unit.chunk.language == q.language:
            return bool(judge.shared_terms(q, unit.text, q.language, self.term_shares))
        return self.writes_asked_alike(q, unit.text, unit.chunk.title)

    def writes_asked_alike(self, q: Question, text: str, title: str = "") -> bool:
        """`text`, in the other language, writes a specific word of the question with the same first
        letters ("security" and "sécurité"). Where no figure, date or name is asked that the passage
        must hold, not a word of the document's title, which says nothing of one passage ("strategy"
        and "La Stratégie française pour les Balkans occidentaux": dev, 2 wrong answers abstained)."""
        title = title if q.kind == "other" else ""
        asked = [w for w in judge.specific_words(q, q.language, self.term_shares) if not cognates([w], title)]
        return bool(cognates(asked, text))

    def overrules_abstention(self, q: Question, unit: EvidenceUnit) -> bool:
        """When the model said the text does not say, `unit`, in the other language, answers all
        the same only if a word the question asks about is written alike in it ("strategy" and
        "Stratégie … lancée en 2019"): across languages the judge reads by meaning only, and "5
        piliers" is close to "how long do I boil an egg?". Off: `model_abstention_holds_across_languages`
        (dev, 726 answerable: 3 right answers lost, 3 wrong ones and 3 answers to unanswerable
        questions abstained instead)."""
        if not self.settings.model_abstention_holds_across_languages:
            return True
        return self.writes_asked_alike(q, unit.text, unit.chunk.title) or names_pair_by_capitals(q, unit.text)

    def answers(self, q: Question, unit: EvidenceUnit, *, by_meaning: bool = True, first: bool = False) -> bool:
        """`unit` answers the question: about everything it names, holding the kind of answer it
        asks for (a figure, a date, a name); for other questions, close enough in meaning (e5
        scores translations lower: a lower bar across languages). `first`: the first of the units
        `answering_unit` is given (the one the model cited first, then, if none of those answers,
        the best one); a rare word of the question written alike in it lets it answer a little lower."""
        cfg = self.settings
        if self.missing_anchors(q, unit.context, "", unit.chunk.title, unit.text):
            return False
        if q.kind == "number" and q.money and amounts_all_owned_elsewhere(unit.text, unit.chunk.language, q.standalone,
                                                                          unit.context):
            return False  # "1,5 milliard d'euros … engagés l'AFD" is not the strategy's budget
        if self.of_the_year_asked(q, unit.text, unit.chunk.title):
            return True
        if unit.chunk.language == q.language and not self.about(
                q, unit.text, unit.score if by_meaning else 0.0, unit.vectors if by_meaning else None):
            return False  # nothing the question asks about is in it (a figure is not enough)
        bar = cfg.quote_min_score if unit.chunk.language == q.language else cfg.quote_min_score_cross
        if unit.score < bar and unit.chunk.language == q.language and self.shares_a_rare_word(q, unit.text):
            bar -= cfg.quote_rare_word_relief
        elif first and unit.score < bar and unit.chunk.language != q.language and self.writes_a_rare_word_alike(q, unit):
            bar -= cfg.quote_rare_word_relief_cross
        if names_pair_by_capitals(q, unit.text):  # "entre Belgrade et Pristina" for "Serbia–Kosovo": a little below
            bar -= cfg.quote_names_relief
        if q.kind == "name" and unit.score < bar and not (
                unit.chunk.language != q.language and unit.score >= bar - cfg.quote_names_relief
                and self.names_all_asked(q, unit)):
            return False  # any capitalised word is "a name": the passage must also be close in meaning
        if unit.chunk.language == q.language and counting.counts_other(unit.text, q, q.language):
            return False  # "9 décembre 2024" does not say how many people were trained
        if q.kind != "other":
            return judge.has_kind(unit.text, q, unit.chunk.language, unit.context)
        if scope.asks_list(q) and scope.list_length(unit.text) < 2:
            return False  # "Par quels domaines ?" is not answered by "La stratégie repose sur 5 piliers."
        return unit.score >= bar

    def shares_a_rare_word(self, q: Question, text: str) -> bool:
        """`text` holds a word of the question that few passages hold ("égalité" in one passage in
        twenty): a passage a little less close in meaning may still answer."""
        if self.term_shares is None:
            return False
        shared = judge.shared_terms(q, text, q.language, self.term_shares)
        rare = self.settings.quote_rare_word_share
        return bool(shared) and min(self.term_shares(sorted(shared)).values(), default=1.0) < rare

    def writes_a_rare_word_alike(self, q: Question, unit: EvidenceUnit) -> bool:
        """`unit`, in the other language, writes alike a word of the question that few passages
        hold ("audiovisual" and "audiovisuelle", in one passage in twenty): every word of the unit
        written like it is rare, so that a common word which only looks like it does not count."""
        if self.term_shares is None:
            return False
        for prefix in {fold(w)[:5] for w in cognates(judge.specific_words(q, q.language, self.term_shares), unit.text)}:
            stems = sorted({s for w in words(unit.text) if w[:5] == prefix for s in analyse(w, (unit.chunk.language,))})
            if stems and max(self.term_shares(stems).values()) < self.settings.quote_rare_word_share:
                return True
        return False

    @staticmethod
    def names_all_asked(q: Question, unit: EvidenceUnit) -> bool:
        """The unit names two or more things the question names besides the document's title
        ("the talks between Serbia and Kosovo" and "la médiation … entre Belgrade et Pristina"):
        across languages, where e5 scores a passage lower, `answers` lets it answer a who-question
        a little below the bar (`quote_names_relief`)."""
        own = [a for a in q.anchors if not judge.anchors_covered_by(a, unit.chunk.title)]  # names, not years
        return len(own) >= 2 and not judge.anchors_covered(q, unit.context)

    @staticmethod
    def of_the_year_asked(q: Question, text: str, title: str) -> bool:
        """"What happened in 2019?" is answered by what the text says of 2019 (not "trade with
        Serbia in 2024" by a passage with Serbia and 2024: names besides the title's must be there)."""
        years = YEAR.findall(q.text)
        return (q.kind == "other" and bool(years) and all(y in text for y in years)
                and all(judge.anchors_covered_by(a, title) for a in q.anchors))

    def cited_elsewhere(self, q: Question, units: list[EvidenceUnit]) -> bool:
        """The evidence an answer cites is about something else than the question asks. In the
        question's language: not `about` it. In the other, where e5 scores translations lower: no
        word asked written alike, and the question's specific words not this close to any of its
        sentences (`about_focus_min_score_cross`; None: not checked)."""
        context, title = " ".join(u.context for u in units), units[0].chunk.title
        if self.of_the_year_asked(q, context, title):
            return False
        vectors = np.concatenate([u.vectors for u in units])
        if all(u.chunk.language == q.language for u in units):
            return not self.about(q, context, max(u.score for u in units), vectors)
        bar = self.settings.about_focus_min_score_cross
        if bar is None or self.embed is None or self.writes_asked_alike(q, context, title) or self.focus_vector(q) is None:
            return False
        return not self._focus_reaches(q, vectors, bar)

    def about(self, q: Question, text: str, score: float, vectors=None) -> bool:
        """Evidence in the question's language is about what it asks when it shares a specific word
        with it, or when it is very close to it in meaning: users ask in their own words
        ("actualisée" for "mise à jour", "allé en Serbie" for "s'est rendu en Serbie")."""
        if (score >= self.settings.about_min_score or judge.shares_terms(q, text, q.language, self.term_shares)
                or names_pair_by_capitals(q, text)):
            return True
        bar = self.settings.about_focus_min_score
        if bar is None or vectors is None or self.embed is None:
            return False
        return self._focus_reaches(q, vectors, bar)

    def _focus_reaches(self, q: Question, vectors, bar: float) -> bool:
        """The question's specific words, embedded alone, are at least `bar` close to one of `vectors`."""
        focus = self.focus_vector(q)
        return focus is not None and float(np.max(vectors @ focus)) >= bar

    def focus_vector(self, q: Question):
        """The embedding of what the question asks about, its specific words only (cached for the
        latest question; read once, as two questions may be judged at the same time)."""
        asked, vector = self._focus
        if asked is not q:
            words = judge.specific_words(q, q.language, self.term_shares)
            vector = np.asarray(self.embed(" ".join(words)), dtype=np.float32) if words else None
            self._focus = (q, vector)
        return vector
