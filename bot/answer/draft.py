"""What the model has written so far, and the checks of its finished sentences."""

from __future__ import annotations

import re

from bot.checks import SentenceCheck


class Draft:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.checks: list[SentenceCheck] = []
        self.t_first: float | None = None

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def cited(self, n_units: int) -> list[int]:
        """The evidence units (0-based) the draft's markers point to, in order, once each."""
        marks = [int(x) - 1 for m in re.finditer(r"\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]", self.text)
                 for x in re.split(r"[,;]", m.group(1))]
        return list(dict.fromkeys(i for i in marks if 0 <= i < n_units))
