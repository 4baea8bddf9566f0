"""The bundled Qwen2.5-Coder-1.5B-Instruct GGUF through llama-cpp-python, loaded once per process."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from bot.core.errors import LLMUnavailableError
from bot.core.protocols import Message
from bot.settings import LLMSettings


class LlamaCppChat:
    name = "local"

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self._llm = None
        self._lock = threading.Lock()  # one generation at a time: the model is not re-entrant
        self.last_prompt_tokens = 0

    def load(self):
        if self._llm is None:
            path = self.settings.model_path
            if not path.is_file():
                raise LLMUnavailableError(
                    f"model file not found: {path} (run scripts/setup.sh, or set llm.model_path, "
                    "or use --llm extractive)"
                )
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise LLMUnavailableError(
                    "llama-cpp-python is not installed: run scripts/setup.sh"
                ) from exc
            draft = None
            if self.settings.prompt_lookup:
                # Answers copy their evidence: guess the next tokens from the prompt, verify in a batch.
                from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

                draft = LlamaPromptLookupDecoding(num_pred_tokens=self.settings.prompt_lookup)
            llm = Llama(
                model_path=str(path),
                n_ctx=self.settings.n_ctx,
                n_threads=self.settings.n_threads,
                n_batch=self.settings.n_batch,
                draft_model=draft,
                # llama-cpp-python sizes its score buffer from this flag, not from the draft model:
                # without it, speculative decoding overflows the buffer (ValueError: broadcast).
                logits_all=draft is not None,
                verbose=False,
            )
            self._llm = llm
        return self._llm

    def count_tokens(self, text: str) -> int:
        return len(self.load().tokenize(text.encode("utf-8"), add_bos=False))

    def stream(self, messages: list[Message], *, max_tokens: int) -> Iterator[str]:
        llm = self.load()
        # What the model reads anew: every message but a system prompt it keeps evaluated.
        fresh = "".join(m["content"] for m in messages if m["role"] != "system")
        self.last_prompt_tokens = len(llm.tokenize(fresh.encode("utf-8"), add_bos=False)) + 4 * len(messages)
        with self._lock:
            for part in llm.create_chat_completion(
                messages=messages,
                max_tokens=max_tokens,
                temperature=self.settings.temperature,
                stream=True,
            ):
                text = part["choices"][0]["delta"].get("content")
                if text:
                    yield text
