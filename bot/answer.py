"""The answer service: question -> language -> standalone question -> passages -> LLM -> checked citations."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np

from bot.citations import MARKER, Passage, SentenceSupport, check_citations
from bot.core.errors import QuestionError
from bot.core.events import Event, Final, Status, Token
from bot.core.protocols import ChatModel, Retriever
from bot.core.records import Answer, Chunk, Citation, Turn
from bot.core.text import detect_language
from prompts import load_prompt, prompt_for

ABSTAIN = re.compile(
    r"ne (le )?précise pas|ne le dit pas|ne mentionne pas|n'est pas (précisé|mentionné)|does not (say|specify|mention)"
    r"|doesn't (say|specify|mention)|not (specified|mentioned|stated) in",
    re.IGNORECASE,
)
FOLLOW_UP_START = re.compile(r"^(et|and|also|aussi|what about|et pour|et en|and in|and for|puis)\b", re.IGNORECASE)
PRONOUNS = frozenset(
    "il elle ils elles lui leur leurs son sa ses celui celle cela ça ce it its they them their he she his her this that those".split()
)


def clean_question(question: str, max_chars: int) -> str:
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    lang = detect_language(text[:500]) if text else "en"
    if not re.search(r"\w", text):
        raise QuestionError("La question est vide." if lang == "fr" and text else "The question is empty.")
    if len(text) > max_chars:
        raise QuestionError(
            f"La question est trop longue ({len(text)} caractères ; maximum {max_chars})."
            if lang == "fr"
            else f"The question is too long ({len(text)} characters; the limit is {max_chars})."
        )
    return text


def looks_like_follow_up(question: str) -> bool:
    words = re.findall(r"\w+", question.lower())
    if FOLLOW_UP_START.match(question.strip()):
        return True
    return len(words) <= 8 and any(w in PRONOUNS for w in words) or len(words) <= 3


class AnswerService:
    def __init__(
        self,
        retriever: Retriever,
        llm: ChatModel | None,
        support: SentenceSupport,
        settings,
    ) -> None:
        self.retriever = retriever
        self.llm = llm
        self.support = support
        self.settings = settings

    @property
    def backend(self) -> str:
        return self.llm.name if self.llm else "extractive"

    # -- public API ----------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the model and evaluate the shared system prompt once, before the first question."""
        if self.llm is not None:
            messages = [{"role": "system", "content": load_prompt("system.txt")}, {"role": "user", "content": "OK"}]
            for _ in self.llm.stream(messages, max_tokens=1):
                pass
        self.retriever.warm_up()

    def ask(self, question: str, history: Sequence[Turn] = (), lang: str = "auto") -> Answer:
        final = None
        for event in self.stream(question, history, lang):
            if isinstance(event, Final):
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] = (), lang: str = "auto") -> Iterator[Event]:
        """Yield Status, Token and, last, Final events; Final carries the checked Answer."""
        t0 = time.perf_counter()
        cfg = self.settings
        text = clean_question(question, cfg.answer.max_question_chars)
        previous = detect_language(history[-1].question) if history else "fr"
        language = lang if lang in ("fr", "en") else detect_language(text, default=previous)
        standalone = text
        if history and looks_like_follow_up(text):
            yield Status("rewriting")
            standalone = self._standalone(text, history[-cfg.answer.history_turns :], language)
        yield Status("retrieving")
        query = standalone
        if cfg.retrieval.translate_query and self.llm and language != "fr":
            query = f"{self._translate(standalone)} {standalone}"
        t_r = time.perf_counter()
        chunks = self.retriever.retrieve(query, cfg.retrieval.context_k, query_language=language)
        retrieval_ms = (time.perf_counter() - t_r) * 1000
        answer = Answer("", language, False, question=text, standalone_question=standalone, backend=self.backend)
        answer.passages = chunks
        qvec = self.support.embed_query(standalone)
        relevance = max(
            (float(np.dot(qvec, v)) for c in chunks for _, _, v in self.support.sentences(c)), default=0.0
        )
        if relevance < cfg.answer.min_relevance:  # far from anything in the documents
            self._abstain(answer)
            first_ms = (time.perf_counter() - t0) * 1000
            yield Token(answer.answer)
        elif self.llm is None:
            self._extractive(answer, chunks, qvec)
            first_ms = (time.perf_counter() - t0) * 1000
            yield Token(answer.answer)
        else:
            passages = [Passage(i + 1, c) for i, c in enumerate(chunks)]
            messages = self._messages(standalone, passages, qvec, language)
            yield Status("writing")
            pieces: list[str] = []
            first_ms = None
            for piece in self.llm.stream(messages, max_tokens=cfg.llm.max_tokens):
                if first_ms is None:
                    first_ms = (time.perf_counter() - t0) * 1000
                pieces.append(piece)
                yield Token(piece)
            if first_ms is not None:  # streamed pieces are tokens for llama.cpp and most servers
                answer.generated_tokens = len(pieces)
                answer.generation_ms = (time.perf_counter() - t0) * 1000 - first_ms
            raw = "".join(pieces).strip()
            answer.raw_answer = raw
            first_ms = first_ms if first_ms is not None else (time.perf_counter() - t0) * 1000
            self._finish(answer, raw, passages)
        answer.timings = {
            "retrieval_ms": retrieval_ms,
            "first_token_ms": first_ms,
            "total_ms": (time.perf_counter() - t0) * 1000,
        }
        yield Final(answer)

    # -- steps ---------------------------------------------------------------------------------
    def _standalone(self, question: str, history: Sequence[Turn], language: str) -> str:
        if self.llm is None:
            return f"{history[-1].question} {question}"
        label_q, label_a = ("Q", "R") if language == "fr" else ("Q", "A")
        convo = "\n".join(
            f"{label_q}: {t.question}\n{label_a}: {MARKER.sub('', t.answer)[:300]}" for t in history
        )
        prompt = prompt_for("condense", language).format(history=convo, question=question)
        out = "".join(self.llm.stream([{"role": "user", "content": prompt}], max_tokens=48)).strip()
        out = out.splitlines()[0].strip().strip('"«» ') if out else ""
        return out if 5 <= len(out) <= 300 else f"{history[-1].question} {question}"

    def _translate(self, question: str) -> str:
        prompt = load_prompt("translate_query.txt").format(question=question)
        out = "".join(self.llm.stream([{"role": "user", "content": prompt}], max_tokens=60)).strip()
        return out.splitlines()[0] if out else question

    def _passage_text(self, chunk: Chunk, qvec: np.ndarray, budget: int) -> str:
        """The chunk, or its sentences most relevant to the question when it exceeds the budget."""
        text = chunk.text.lstrip("-•* ").strip()
        if len(text) <= budget:
            return text
        sentences = self.support.sentences(chunk)
        ranked = sorted(sentences, key=lambda s: -float(np.dot(qvec, s[2])))
        kept, used = [], 0
        for s, e, _ in ranked:
            if used and used + (e - s) > budget:
                continue
            kept.append((s, e))
            used += e - s
        return " … ".join(chunk.text[s:e].lstrip("-•* ") for s, e in sorted(kept))

    def _messages(self, question: str, passages: list[Passage], qvec: np.ndarray, language: str) -> list[dict]:
        remaining = self.settings.retrieval.context_max_chars
        blocks = []
        for p in passages:  # in rank order: the best passage gets its room first
            budget = min(self.settings.retrieval.passage_max_chars, remaining)
            if budget < 120:
                break
            text = self._passage_text(p.chunk, qvec, budget)
            remaining -= len(text)
            head = p.chunk.section.split(" > ")[-1] if p.chunk.section else p.chunk.title
            blocks.append(f"[{p.n}] ({head}) {text}")
        # Best passage last, next to the question: the small local model reads the end of its
        # prompt best (measured: it otherwise answers from another passage or abstains).
        user = prompt_for("answer", language).format(passages="\n".join(reversed(blocks)), question=question)
        return [
            # One system prompt for both languages: it stays in the model's context between
            # questions, so only the passages and the question are evaluated each time.
            {"role": "system", "content": load_prompt("system.txt")},
            {"role": "user", "content": user},
        ]

    def _finish(self, answer: Answer, raw: str, passages: list[Passage]) -> None:
        if not raw or ABSTAIN.search(raw):
            self._abstain(answer)
            return
        checked = check_citations(raw, passages, self.support)
        answer.unsupported = checked.unsupported
        if not checked.citations:
            self._abstain(answer)
            return
        answer.answer = checked.text
        answer.citations = checked.citations

    def _abstain(self, answer: Answer) -> None:
        answer.abstained = True
        answer.answer = prompt_for("abstain", answer.language)
        answer.citations = []

    def _extractive(self, answer: Answer, chunks: list[Chunk], qvec: np.ndarray) -> None:
        """No LLM: the best supporting sentence(s) of the retrieved passages, quoted and cited."""
        scored = []
        for rank, chunk in enumerate(chunks):
            for s, e, v in self.support.sentences(chunk):
                scored.append((float(np.dot(qvec, v)) - 0.01 * rank, chunk, s, e))
        scored.sort(key=lambda x: -x[0])
        if not scored:
            self._abstain(answer)
            return
        best = [scored[0]]
        for cand in scored[1:3]:
            if cand[0] >= scored[0][0] - 0.015 and cand[1].id != best[0][1].id:
                best.append(cand)
                break
        quotes = []
        for n, (_, chunk, s, e) in enumerate(best, 1):
            quote = chunk.text[s:e]
            answer.citations.append(Citation(n, chunk, quote, chunk.start + s, chunk.start + e))
            quotes.append(f"« {quote.lstrip('-•* ').strip()} » [{n}]")
        answer.answer = prompt_for("extractive_intro", answer.language) + " " + " ".join(quotes)
