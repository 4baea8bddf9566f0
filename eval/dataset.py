"""The versioned evaluation set: eval/questions.jsonl, one item per line."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
QUESTIONS = EVAL_DIR / "questions.jsonl"
UPDATE_DIR = EVAL_DIR / "data" / "update"
ANSWERABLE = ("factual", "list", "number", "date", "follow-up")
ABSTAIN = ("unanswerable", "out_of_scope")
TYPES = ANSWERABLE + ABSTAIN + ("injection",)
SCENARIOS = ("base", "updated")  # an item of another scenario would never be run


@dataclass
class Item:
    id: str
    question: str
    language: str
    type: str
    scenario: str = "base"
    gold: list[dict] = field(default_factory=list)
    facts: list[list[str]] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    standalone: str | None = None
    forbidden: list[str] = field(default_factory=list)  # strings that make an answer wrong
    note: str | None = None
    split: str = "dev"  # dev: tune on it; test: report only, never tuned on

    @property
    def answerable(self) -> bool:
        return self.type in ANSWERABLE

    @property
    def should_abstain(self) -> bool:
        return self.type in ABSTAIN

    @property
    def retrieval_query(self) -> str:
        return self.standalone or self.question


SPLITS = ("dev", "test")


def load_items(path: Path = QUESTIONS, split: str = "all") -> list[Item]:
    """Items of `split` ("dev", "test" or "all")."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = Item(**json.loads(line))
        if (item.type not in TYPES or item.language not in ("fr", "en") or item.split not in SPLITS
                or item.scenario not in SCENARIOS):
            raise ValueError(f"{path}:{n}: bad type, language, split or scenario in {item.id}")
        if any(set(turn) != {"question", "answer"} for turn in item.history):
            raise ValueError(f"{path}:{n}: each turn of the history of {item.id} needs a question and an answer, nothing else")
        if split in ("all", item.split):
            items.append(item)
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate ids")
    return items
