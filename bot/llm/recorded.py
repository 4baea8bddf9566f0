"""A model's replies, recorded and replayed: the same prompt gets the reply the model gave it.

Greedy decoding (temperature 0) gives one reply per prompt, so a change to the checks, the
fallback or the judge, which leaves the prompts as they were, is re-scored on the whole dev split
in minutes instead of an hour of generation. A prompt not yet recorded is sent to the recorded
backend (`llm.recorded_backend`, the local model by default) and its reply appended to the file.
For tuning only: latency from a replay means nothing, and reports of the test split are live."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path

from bot.core.errors import ConfigError
from bot.core.protocols import ChatModel, Message
from bot.settings import PROJECT_ROOT

_REPLIES_DIR = PROJECT_ROOT / "eval" / "replies"


def prompt_key(messages: list[Message], max_tokens: int) -> str:
    """What the reply depends on, hashed: the messages and the length allowed."""
    text = json.dumps([messages, max_tokens], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_replies(path: Path) -> dict[str, dict]:
    """The recorded replies by prompt key; a line cut short by an interrupted run is skipped."""
    replies: dict[str, dict] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():  # a cut may split a character
            try:
                record = json.loads(line)
                if isinstance(record["reply"], str):
                    replies[record["key"]] = record
            except (ValueError, KeyError, TypeError):
                continue
    return replies


class RecordedChat:
    def __init__(self, settings) -> None:  # LLMSettings
        if settings.recorded_backend == "recorded":
            raise ConfigError("llm.recorded_backend must name another backend than 'recorded'")
        self.settings = settings
        # One file per backend: another model's replies are not this one's.
        self.path = Path(settings.replies_path or _REPLIES_DIR / f"{settings.recorded_backend}.jsonl")
        self.name = f"recorded {settings.recorded_backend}"  # whose replies, replayed
        self.replies = read_replies(self.path)
        self.replayed = self.generated = 0
        self.last_prompt_tokens = 0
        self._model: ChatModel | None = None
        self._lock = threading.Lock()

    def _recorded_model(self) -> ChatModel:
        if self._model is None:
            from bot.llm.registry import make_llm

            model = make_llm(self.settings.model_copy(update={"backend": self.settings.recorded_backend}))
            if model is None:
                raise ConfigError(f"llm.recorded_backend {self.settings.recorded_backend!r} has no model to record")
            self._model = model
        return self._model

    def stream(self, messages: list[Message], *, max_tokens: int) -> Iterator[str]:
        key = prompt_key(messages, max_tokens)
        record = self.replies.get(key)
        if record is not None:
            self.replayed += 1
            self.last_prompt_tokens = record.get("prompt_tokens", 0)
            yield record["reply"]
            return
        model = self._recorded_model()
        pieces = []
        for piece in model.stream(messages, max_tokens=max_tokens):
            pieces.append(piece)
            yield piece
        # Recorded only once the reply is whole: a reader who stops it leaves nothing half-written.
        self.generated += 1
        self.last_prompt_tokens = getattr(model, "last_prompt_tokens", 0)
        record = {"key": key, "reply": "".join(pieces), "prompt_tokens": self.last_prompt_tokens}
        with self._lock:
            self.replies[key] = record
            self.path.parent.mkdir(parents=True, exist_ok=True)
            line = json.dumps(record, ensure_ascii=False) + "\n"
            with self.path.open("a+b") as f:  # bytes: a line an earlier run left cut may end inside a character
                end = f.seek(0, 2)
                if end:
                    f.seek(end - 1)
                    if f.read(1) != b"\n":
                        line = "\n" + line
                f.write(line.encode("utf-8"))
