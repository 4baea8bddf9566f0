"""The answer service: question -> evidence sentences -> the model's draft -> checked answer.

Order of what a reader gets, best first: the model's sentences, each verified against the
evidence it cites; else the evidence itself, quoted, when it answers the question; else "the
text does not say", with what it says nearby. Never a sentence the checks could not verify."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from bot.answer import compose, judge, one_date, outline, restated, scope, translation, worked_out
from bot.answer.draft import Draft, finished_sentences
from bot.answer.counting import counts_other, counts_other_parts
from bot.answer.evidence_judge import EvidenceJudge
from bot.answer.queue import ModelQueue
from bot.answer.question import Question, read_question
from bot.checks import AnswerChecker, SentenceCheck, split_answer
from bot.core.events import Event, Evidence, Final, Sentence, Status, Token
from bot.core.protocols import ChatModel, Embedder, Retriever
from bot.core.records import Answer, Turn
from bot.evidence import EvidenceUnit, relevance, select_evidence, with_next
from prompts import load_prompt, message

ABSTAIN = re.compile(r"ne (le )?précise pas|ne le dit pas|ne mentionne pas|n'est pas (précisé|mentionné)|does not (say|specify|mention)"
                     r"|doesn't (say|specify|mention)|not (specified|mentioned|stated) in", re.IGNORECASE)


class AnswerService:
    def __init__(
        self, retriever: Retriever, llm: ChatModel | None, embedder: Embedder, settings,
        *, knows: Callable[[str], bool] | None = None,
        term_shares: Callable[[list[str]], dict[str, float]] | None = None,
        headings: outline.Outline | None = None,
    ) -> None:
        self.retriever = retriever
        self.term_shares = term_shares
        self.headings = headings or (lambda _chunk: [])  # a passage's document's headings, its outline
        # Whether an evidence unit answers the question (names, kind of answer, topic).
        self.evidence_judge = EvidenceJudge(settings.answer, knows=knows, term_shares=term_shares,
                                            embed=embedder.embed_query)
        self.llm = llm
        self.embedder = embedder
        self.settings = settings
        a = settings.answer
        self.checker = AnswerChecker(embedder, same_language=a.same_language_support, cross_language=a.cross_language_support, knows=knows)
        self.queue = ModelQueue()

    @property
    def backend(self) -> str:
        return self.llm.name if self.llm else "extractive"

    # -- public API ----------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the model and evaluate the shared system prompt once, before the first question."""
        if self.llm is not None:
            messages = [{"role": "system", "content": load_prompt("system.txt")}, {"role": "user", "content": "OK"}]
            with self.queue.turn():
                for _ in self.llm.stream(messages, max_tokens=1):
                    pass
        self.embedder.embed_query("warm-up")

    def ask(self, question: str, history: Sequence[Turn] = (), lang: str = "auto") -> Answer:
        final = None
        for event in self.stream(question, history, lang):
            if isinstance(event, Final):
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] = (), lang: str = "auto") -> Iterator[Event]:
        """Status, then Evidence as soon as retrieval is done, then the model's draft as Token
        events and each verified sentence as a Sentence event, and last Final (the checked Answer).
        Closing the generator early cancels the generation and frees the model."""
        t0 = time.perf_counter()
        cfg = self.settings
        q = read_question(question, history, max_chars=cfg.answer.max_question_chars, lang=lang)
        answer = Answer("", q.language, False, question=q.text, standalone_question=q.standalone, backend=self.backend)
        timings: dict[str, float] = {}
        answer.timings = timings
        if q.instruction:
            answer.mode, answer.abstained, answer.answer = "refused", True, message("refused", q.language)
            timings.update(retrieval_ms=0.0, first_evidence_ms=_ms(t0), first_token_ms=_ms(t0), total_ms=_ms(t0))
            yield Final(answer)
            return
        yield Status("retrieving")
        t_r = time.perf_counter()
        chunks = self.retriever.retrieve(q.search or q.standalone, cfg.retrieval.context_k, query_language=q.language,
                                         dense_kept=cfg.retrieval.dense_kept)
        qvec = np.asarray(self.embedder.embed_query(q.standalone), dtype=np.float32)
        facets = [(f, np.asarray(self.embedder.embed_query(f), dtype=np.float32)) for f in q.facets]
        units = select_evidence(
            q.standalone, qvec, chunks, kind=q.kind, anchors=judge.question_anchors(q), facets=facets,
            max_units=cfg.answer.evidence_units, max_chars=cfg.answer.evidence_max_chars,
            margin=cfg.answer.evidence_margin, passage_weight=cfg.answer.passage_weight,
            term_shares=self.term_shares, top_passage=cfg.answer.evidence_top_passage,
        )
        timings["retrieval_ms"] = _ms(t_r)
        answer.passages = chunks
        answer.evidence = [u.citation(n) for n, u in enumerate(units, 1)]
        yield Evidence(tuple(answer.evidence))
        timings["first_evidence_ms"] = _ms(t0)
        if not units or relevance(qvec, chunks) < cfg.answer.min_relevance:
            self._abstain(answer, q, units, near=False)
        elif outlined := outline.outline_answer(q, chunks, self.headings, answer.evidence, self.term_shares):
            answer.mode, answer.answer, answer.citations, added = "answer", *outlined
            answer.evidence = answer.evidence + added  # the headings quoted, after the sentences
        elif done := self._worked_out(q, units, facets):
            answer.mode, answer.answer = "answer", done[0]  # worked out in code from cited passages
            answer.citations = [answer.evidence[i] for i in done[1]]
        elif self.llm is None:
            self._quote_or_abstain(answer, q, self._widened(answer, q, units))
        else:
            yield from self._generate(answer, q, units, t0)
        timings.setdefault("first_token_ms", _ms(t0))
        timings["total_ms"] = _ms(t0)
        yield Final(answer)

    # -- steps ---------------------------------------------------------------------------------
    def _worked_out(self, q: Question, units: list[EvidenceUnit], facets) -> tuple[str, list[int]] | None:
        a = self.settings.answer
        bar = a.quote_min_score if all(u.chunk.language == q.language for u in units) else a.quote_min_score_cross
        return (worked_out.section_answer(q, units, facets, bar=bar) or worked_out.timeline_answer(q, units, facets)
                or worked_out.gap_within(q, units))

    def _generate(self, answer: Answer, q: Question, units: list[EvidenceUnit], t0: float) -> Iterator[Event]:
        draft = Draft()
        with self.queue.turn() as waiting:
            for ahead in waiting:
                yield Status("waiting", ahead=ahead)
            yield Status("reading")
            msgs = compose.messages(q.text, q.previous, units, q.language, yes_no=q.yes_no)
            stream = self.llm.stream(msgs, max_tokens=self.settings.llm.max_tokens)
            try:
                for piece in stream:
                    if draft.t_first is None:
                        draft.t_first = time.perf_counter()
                        answer.timings["first_token_ms"] = (draft.t_first - t0) * 1000
                        yield Status("writing")
                    draft.pieces.append(piece)
                    yield Token(piece)
                    # Every finished sentence is checked at once (the last part may still grow).
                    yield from self._check_new(draft, finished_sentences(draft.text), answer, units, q)
            finally:
                stream.close()  # a reader who stops the answer frees the model at once
        if draft.t_first is not None:
            answer.generated_tokens = len(draft.pieces)
            answer.generation_ms = (time.perf_counter() - draft.t_first) * 1000
        answer.prompt_tokens = getattr(self.llm, "last_prompt_tokens", 0)
        raw = answer.raw_answer = draft.text.strip()
        if not raw or ABSTAIN.search(raw):  # an empty reply does not say that the text does not say
            yield from self._fallback(answer, q, units, abstained=bool(raw))
            return
        yield from self._check_new(draft, split_answer(raw), answer, units, q)
        if not self._decide(answer, q, units, draft):
            yield from self._fallback(answer, q, units, draft.cited(len(units)),
                                      draft.answered_in_other_language or draft.corrections)

    def _fallback(self, answer: Answer, q: Question, units: list[EvidenceUnit], cited=(), answered=(),
                  abstained: bool = False) -> Iterator[Event]:
        """The evidence that answers, translated into the question's language when it is in the
        other one (and the translation checks out); else quoted as it is; else an abstention.
        The evidence the model cited first, then the rest (dev 0.824 -> 0.837). `answered`: what the
        model's verified sentences answered from in the wrong language, or the evidence that dates
        otherwise a year it repeated from the question: it answers, whatever the judge says."""
        units = self._widened(answer, q, units)
        ej = self.evidence_judge
        best = units[answered[0]] if answered else ej.rare_word_first(q, (
            cited and ej.answering_unit(q, [units[i] for i in cited])) or ej.answering_unit(q, units), units)
        if best is not None and best.chunk.language != q.language:
            n, holds = units.index(best) + 1, abstained and not ej.overrules_abstention(q, best)
            text = None if holds else (yield from translation.translate(
                self.llm, self.queue, self.checker, q, best, n, max_tokens=self.settings.llm.max_tokens,
                unsupported=answer.unsupported))
            if holds or (text and counts_other(text, q, q.language)):  # "five pillars": how many companies?
                best = None
            elif text:
                lead = compose.key_value(best.text, q.kind, q.language, q.standalone)
                answer.mode, answer.abstained, answer.citations = "translated", False, [answer.evidence[n - 1]]
                answer.answer = (message("value_lead", q.language, value=lead) if lead else "") + message(
                    "translated", q.language, text=text, source_language=message(best.chunk.language, q.language))
                return
        self._quote_or_abstain(answer, q, units, best)

    def _check_new(self, draft, sentences: list[str], answer: Answer, units, q: Question) -> Iterator[Event]:
        for sentence in sentences[len(draft.checks) :]:
            check = self._check(sentence, units, q)
            draft.checks.append(check)
            if check.ok:
                yield Sentence(self._cited(check, q.language, units), tuple(answer.evidence[i] for i in check.units))

    def _check(self, sentence: str, units: list[EvidenceUnit], q: Question) -> SentenceCheck:
        found = self.checker.check(scope.focus(sentence, q), units, q.standalone, q.language)
        if found and found[0].ok and judge.denies_by_restating(sentence, q, q.language):
            found[0].ok, found[0].reasons = False, ["it says no, then what the question asks"]
        return found[0] if found else SentenceCheck(sentence, False, reasons=["empty"])

    @staticmethod
    def _cited(check: SentenceCheck, language: str, units: list[EvidenceUnit]) -> str:
        labels = "".join(f"[{i + 1}]" for i in check.units)
        source = " ".join(units[i].text for i in check.units)  # the French words it may keep in French order
        sentence = translation.in_english(check.sentence, source) if language == "en" else check.sentence
        m = re.search(r"([.!?…]+[»\"”)]?)$", sentence)
        if m:
            return f"{sentence[: m.start()].rstrip()} {labels}{m.group(1)}"
        return f"{sentence} {labels}"

    def _decide(self, answer: Answer, q: Question, units: list[EvidenceUnit], draft: Draft) -> bool:
        """Make the verified sentences the answer if they answer the question (True). Sentences
        that answer it in the other language leave their evidence in `draft.answered_in_other_language`."""
        checks = draft.checks
        ok = [c for c in checks if c.ok]
        answer.unsupported = [f"{c.sentence} ({'; '.join(c.reasons)})" for c in checks if not c.ok]
        aside = sorted(set(off := scope.off_topic([c.sentence for c in ok], q, self.term_shares))  # or another date
                       | set(one_date.other_dates([c.sentence for c in ok], [tuple(c.units) for c in ok], q)))
        answer.unsupported += [f"{ok[i].sentence} ({'about something else than the question' if i in off else one_date.WHY})"
                               for i in aside]
        ok = restated.cite_as_answers([c for i, c in enumerate(ok) if i not in aside], q)
        if ok:
            text = " ".join(self._cited(c, q.language, units) for c in ok)
            plain = " ".join(c.sentence for c in ok)
            cited = sorted({i for c in ok for i in c.units})
            context = " ".join(units[i].context for i in cited)
            missing = self.evidence_judge.missing_anchors(q, context, plain, units[cited[0]].chunk.title)
            kind = judge.has_kind(plain, q, q.language, context)
            vacuous = judge.adds_nothing(plain, q, q.language, context)
            foreign = judge.other_language(plain, q.language)
            cited_text = " ".join(units[i].text for i in cited)
            left_out = scope.missing_items(plain, q, cited_text) or one_date.not_the_one_asked(plain, q, cited_text)
            vague = judge.vaguer_date(plain, q, cited_text, q.language)
            other_count = counts_other(plain, q, q.language) or counts_other_parts(plain, q, cited_text)
            # Evidence in the question's language must share a word of what the question is about
            # ("Mise à jour : mai 2025" does not date the envoy's appointment; "coopération régionale"
            # is not what France does against irregular immigration), or be very close to it.
            elsewhere = self.evidence_judge.cited_elsewhere(q, [units[i] for i in cited])
            answers = kind and not (missing or vacuous or left_out or elsewhere or vague or other_count)
            if answers and not foreign:
                if not judge.reads_as(plain, q.language):  # "Belgrade [1]." or "Podgorica (Monténégro) [1]."
                    text = message("short_lead", q.language, answer=text)
                # A question for several things may find them in several passages: the others that
                # answer it too are quoted after the answer.
                wants_list = scope.asks_list(q)
                more = [i for i, u in enumerate(units) if wants_list and i not in cited and self.evidence_judge.answers(q, u)]
                # A list asked for, given in part: the cited passage's own list is quoted after it.
                short = [i for i in cited
                         if wants_list and scope.gives_fewer_items(plain, units[i].text, self.evidence_judge.embed)]
                if short:
                    text += " " + compose.listed(units, short, q.language)
                # "When did he go to Serbia?" answered with one of the two dates the passage gives, "au
                # Kosovo et en Bosnie ?" for Kosovo only: the passage is quoted after it.
                partial = [i for i in cited if i not in short and scope.parts_left_out(plain, q, units[i].text, q.language)]
                if partial or more:  # under one "the text also says"
                    text += " " + compose.also(units, partial + more, q.language)
                answer.mode, answer.answer = "answer", text
                answer.citations = [answer.evidence[i] for i in sorted(cited + more)]
                return True
            if answers:  # in the other language
                draft.answered_in_other_language = cited
            why = (
                "it only restates the question" if vacuous else "a vaguer date than the text gives" if vague else
                "a count of something else" if other_count else f"it leaves out {', '.join(left_out)}" if left_out else
                "its evidence is about something else" if elsewhere else
                "missing " + ", ".join(missing) if missing else
                f"written in {foreign}, not {q.language}" if foreign else f"no {q.kind} in it")
            answer.unsupported.append(f"{plain} (does not answer the question: {why})")
        return False

    def _widened(self, answer: Answer, q: Question, units: list[EvidenceUnit]) -> list[EvidenceUnit]:
        if self.settings.answer.quote_with_next and q.kind == "other":  # not to supply a date, figure, name
            units = [with_next(u) for u in units]
            answer.evidence = [u.citation(n) for n, u in enumerate(units, 1)] + answer.evidence[len(units):]
        return units

    def _quote_or_abstain(self, answer: Answer, q: Question, units: list[EvidenceUnit], best=False) -> None:
        """Quote the evidence when it answers the question, else abstain with what is nearby."""
        best = self.evidence_judge.answering_unit(q, units) if best is False else best
        if best is None:
            self._abstain(answer, q, units, near=True)
            return
        n = units.index(best) + 1
        answer.mode, answer.abstained = "quoted", False
        answer.answer = compose.quoted_answer([best], [n], q.language, q.kind, q.standalone)
        answer.citations = [answer.evidence[n - 1]]

    def _abstain(self, answer: Answer, q: Question, units: list[EvidenceUnit], *, near: bool) -> None:
        answer.mode, answer.abstained, answer.citations = "abstained", True, []
        if not (near and units):
            answer.answer = compose.abstention(q.language)
            return
        # What the text says nearby: preferably about what the question names.
        about = [u for u in units if not judge.anchors_covered(q, u.context)]
        nearby = (about or units)[0]
        answer.answer = compose.abstention(q.language, nearby, units.index(nearby) + 1)


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000
