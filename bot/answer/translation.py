"""The evidence in the reader's language: when the model's own answer to an English question over
a French text cannot be verified but a passage answers it, the model translates that passage
(one more, short, generation), and the translation is checked like an answer sentence before it
is shown; else the passage is quoted as it is."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.answer.question import Question
from bot.checks import AnswerChecker
from bot.core.events import Event, Status
from bot.core.exonyms import english_names
from bot.core.numbers import english_amounts, english_decimals
from bot.core.word_order import english_order
from bot.core.protocols import ChatModel
from bot.core.text import CITATION_MARK
from bot.evidence import EvidenceUnit
from prompts import load_prompt, prompt_for


def in_english(text: str, source: str = "") -> str:
    """What a model leaves French in an English sentence, in English: names ("la Slovénie"),
    decimal commas ("1,5"), scale words ("milliards"), and the French order of a noun and its
    adjective copied from `source` ("reform administrative")."""
    return english_order(english_names(english_amounts(english_decimals(text))), source)


def messages(unit: EvidenceUnit, n: int, language: str) -> list[dict]:
    """The answer's own system prompt (still evaluated in the model's cache) and the request."""
    user = prompt_for("translate", language).format(evidence=f"[{n}] {unit.text}", n=n)
    return [{"role": "system", "content": load_prompt("system.txt")}, {"role": "user", "content": user}]


def translate(
    llm: ChatModel, queue, checker: AnswerChecker, q: Question, unit: EvidenceUnit, n: int, *, max_tokens: int,
    unsupported: list[str],
) -> Iterator[Event]:
    """Yields status events; returns the checked translation with its [n] markers, or None (the
    reasons of a rejected one are appended to `unsupported`)."""
    with queue.turn() as waiting:
        for ahead in waiting:
            yield Status("waiting", ahead=ahead)
        yield Status("checking")
        stream = llm.stream(messages(unit, n, q.language), max_tokens=max_tokens)
        try:
            text = "".join(stream).strip()
        finally:
            stream.close()
    checks = checker.check(CITATION_MARK.sub("", text), [unit], q.standalone, q.language)
    bad = [c for c in checks if not c.ok]
    if not checks or bad:
        unsupported += [f"{c.sentence} (translation: {'; '.join(c.reasons)})" for c in bad] or [f"{text} (translation: empty)"]
        return None
    out = " ".join(c.sentence for c in checks)
    out = in_english(out, unit.text) if q.language == "en" else out
    m = re.search(r"([.!?…]+[»\"”)]?)$", out)
    return f"{out[: m.start()].rstrip()} [{n}]{m.group(1)}" if m else f"{out} [{n}]"
