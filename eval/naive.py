"""The naive baseline the product is compared with: one generic prompt, no checks."""

from __future__ import annotations

import time

from bot.answer import ABSTAIN
from bot.core.records import Answer, Citation, Turn
from bot.core.text import detect_language
from prompts import load_prompt


class NaiveAnswerer:
    def __init__(self, retriever, llm, k: int = 4, max_tokens: int = 160) -> None:
        self.retriever = retriever
        self.llm = llm
        self.k = k
        self.max_tokens = max_tokens

    def ask(self, question: str, history: list[Turn] = (), lang: str = "auto") -> Answer:
        t0 = time.perf_counter()
        language = detect_language(question)
        query = f"{history[-1].question} {question}" if history else question
        chunks = self.retriever.retrieve(query, self.k, query_language=language)
        retrieval_ms = (time.perf_counter() - t0) * 1000
        context = "\n\n".join(c.text for c in chunks)
        prompt = load_prompt("naive.txt").format(context=context, question=question)
        pieces, first = [], None
        for piece in self.llm.stream([{"role": "user", "content": prompt}], max_tokens=self.max_tokens):
            first = first or (time.perf_counter() - t0) * 1000
            pieces.append(piece)
        total = (time.perf_counter() - t0) * 1000
        text = "".join(pieces).strip()
        answer = Answer(text, language, bool(ABSTAIN.search(text)), question=question, backend="naive")
        # The baseline cites every passage it was given: that is what it can claim.
        answer.citations = [Citation(i + 1, c, c.text, c.start, c.end) for i, c in enumerate(chunks)]
        answer.passages = chunks
        answer.generated_tokens = len(pieces)
        answer.generation_ms = total - (first or total)
        answer.prompt_tokens = getattr(self.llm, "last_prompt_tokens", 0)
        answer.timings = {"retrieval_ms": retrieval_ms, "first_token_ms": first or total, "total_ms": total}
        return answer
