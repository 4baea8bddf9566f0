"""What the model has written so far, and the checks of its finished sentences."""

from __future__ import annotations

import re

from bot.checks import SentenceCheck, split_answer


class Draft:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.checks: list[SentenceCheck] = []
        self.t_first: float | None = None
        # The evidence units (0-based) the verified sentences answered the question from, in
        # another language than the question's: that evidence is translated instead.
        self.answered_in_other_language: list[int] = []

    @property
    def corrections(self) -> list[int]:
        """The evidence units (0-based) that date otherwise a year the question assumed and the
        draft repeated ("lancée en 2019" for "Why was it only launched in 2022?"): shown instead."""
        return list(dict.fromkeys(c.corrects for c in self.checks if c.corrects is not None))

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def cited(self, n_units: int) -> list[int]:
        """The evidence units (0-based) the draft's markers point to, in order, once each."""
        marks = [int(x) - 1 for m in re.finditer(r"\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]", self.text)
                 for x in re.split(r"[,;]", m.group(1))]
        return list(dict.fromkeys(i for i in marks if 0 <= i < n_units))


# What may still follow a sentence's full stop: its citation marker ("… en 2019. [1]").
MARKER_TAIL = re.compile(r"^(?:\[[\d,;\s]*\]\s*)*(?:\[[\d,;\s]*)?$")


def finished_sentences(text: str) -> list[str]:
    """The sentences of a draft being written that are complete: not the last part, which may still
    grow, nor the one before it while the last part is only the start of its marker ("… 2019. [1").
    A sentence checked before its marker arrives would be checked against every evidence unit."""
    parts = split_answer(text)
    if parts and MARKER_TAIL.match(parts[-1]):
        return parts[:-2]
    return parts[:-1]
