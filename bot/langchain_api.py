"""The LangChain face of the project: its retriever as a `BaseRetriever`, its answer service as a
`Runnable`, to put inside anyone's LCEL pipeline (`|`, `batch`, `ainvoke`, `astream`, callbacks,
tracing). Both wrap the services from `bot.wiring`, the same ones the chat, the command line and
the HTTP API use; no logic lives here.

    from bot.langchain_api import retriever, chain

    with retriever(settings) as r:
        docs = r.invoke("Où est basé le C3BO ?")       # Documents, metadata: document, section, ...
    with chain(settings) as qa:
        qa.invoke({"question": "Où est basé le C3BO ?"})  # the checked answer: Answer.to_dict()
        for event in qa.stream({"question": "...", "history": [["q", "a"]]}):
            event["type"]                                 # status, evidence, token, sentence, final

The store: each object opens it when it is created (an embedded store with the shared lock that
`ask` takes; with `store.host` set, the Chroma server) and holds it until `close()` or the end of
its `with` block. Create objects once and reuse them. Pass `store=` to share a store you already
opened (it is then yours to close). While `balkans-qa chat` holds an embedded store, open it
through a Chroma server instead, or ask the chat's HTTP API.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import ExitStack
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableGenerator
from langchain_core.runnables.config import run_in_executor
from pydantic import ConfigDict, PrivateAttr

from bot.core.errors import QuestionError
from bot.core.records import Chunk, Turn
from bot.core.text import detect_language
from bot.settings import Settings, load_settings
from bot.wiring import answer_service, make_retriever, open_chunk_store


def _open_store(settings: Settings, store) -> tuple[Any, ExitStack]:
    """The given store (not ours to close), or the configured one opened and held by the stack."""
    stack = ExitStack()
    if store is None:
        store = stack.enter_context(open_chunk_store(settings, exclusive=False))
    return store, stack


def to_document(chunk: Chunk) -> Document:
    """A retrieved chunk as a LangChain Document: its text, and where it sits in its source."""
    return Document(
        id=chunk.id or None,
        page_content=chunk.text,
        metadata={
            "document": chunk.doc_id,
            "title": chunk.title,
            "section": chunk.section,
            "start": chunk.start,
            "end": chunk.end,
            "version": chunk.version,
            "score": chunk.score,
            "updated": chunk.updated,
            "language": chunk.language,
            "kind": chunk.kind,
        },
    )


class BalkansRetriever(BaseRetriever):
    """The project's hybrid (e5 + BM25), manifest-aware retriever: only the current version of
    each document is ever returned. `k` passages, best first; `metadata["score"]` is the dense
    similarity (0 for a passage found by BM25 alone)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    k: int = 3
    _inner: Any = PrivateAttr(default=None)
    _stack: ExitStack = PrivateAttr(default_factory=ExitStack)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        chunks = self._inner.retrieve(query, self.k, query_language=detect_language(query))
        return [to_document(c) for c in chunks]

    def close(self) -> None:
        """Release the store (and its lock) if this retriever opened it."""
        self._stack.close()

    def __enter__(self) -> BalkansRetriever:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def retriever(settings: Settings | None = None, *, store=None, k: int | None = None) -> BalkansRetriever:
    """The retriever over the configured store (opened now, held until `close()`)."""
    settings = settings or load_settings()
    store, stack = _open_store(settings, store)
    r = BalkansRetriever(k=k or settings.retrieval.context_k)
    r._inner = make_retriever(settings, store)
    r._stack = stack
    return r


class Event(dict):
    """One event of the answer stream as a JSON-ready dict: `Status`, `Evidence`, `Token`,
    `Sentence` or `Final` (bot/core/events.py) through its `to_dict()`, told apart by "type".
    A "token" is the model's unchecked draft; "sentence" and "final" are checked.

    Events add up the way LangChain adds stream chunks: a stream's sum is its final answer
    (`Answer.to_dict()`), so `invoke` and `stream` give the same result inside any pipeline."""

    def __add__(self, other: Any) -> Any:
        if isinstance(other, Mapping) and other.get("type") == "final":
            return dict(other["answer"])
        return other


def _question(value: Any) -> tuple[str, list[Turn], str]:
    """(question, history, lang) from the chain's input: a question string, or a mapping with
    "question", optional "history" ([[q, a], ...] or [{"question", "answer"}, ...]) and "lang"."""
    if isinstance(value, str):
        return value, [], "auto"
    if not isinstance(value, Mapping) or not isinstance(value.get("question"), str):
        raise QuestionError('The input must be a question, or {"question": str, "history": [[q, a], ...]}.')
    history = []
    for turn in value.get("history") or ():
        if isinstance(turn, Turn):
            history.append(turn)
        elif isinstance(turn, Mapping):
            history.append(Turn(str(turn.get("question", "")), str(turn.get("answer", ""))))
        elif isinstance(turn, Sequence) and not isinstance(turn, str) and len(turn) == 2:
            history.append(Turn(str(turn[0]), str(turn[1])))
        else:
            raise QuestionError("Each turn of the history must be [question, answer].")
    return value["question"], history, str(value.get("lang") or "auto")


def _gather(value: Any, chunk: Any) -> Any:
    """Input pieces streamed by an upstream step, added up as LangChain does."""
    if value is None:
        return chunk
    try:
        return value + chunk
    except TypeError:
        return chunk


class AnswerChain(RunnableGenerator):
    """The answer service as a Runnable: input {"question", "history", "lang"} (or a question
    string); `invoke`/`batch`/`ainvoke`/`abatch` give the checked answer as a dict
    (`Answer.to_dict()`: answer, language, abstained, mode, citations, evidence, timings, ...);
    `stream`/`astream` give every event as an `Event` dict, the final one carrying that answer."""

    def __init__(self, service, stack: ExitStack | None = None) -> None:
        super().__init__(self._events, self._aevents, name="balkans_qa")
        self.service = service
        self._stack = stack or ExitStack()

    def _events(self, inputs: Iterator[Any]) -> Iterator[Event]:
        value = None
        for chunk in inputs:
            value = _gather(value, chunk)
        question, history, lang = _question(value)
        for event in self.service.stream(question, history, lang):
            yield Event(event.to_dict())

    async def _aevents(self, inputs: AsyncIterator[Any]) -> AsyncIterator[Event]:
        value = None
        async for chunk in inputs:
            value = _gather(value, chunk)
        # The service is synchronous (the model and the store block): step it in a worker thread.
        events = self._events(iter([value]))
        done = object()
        try:
            while (event := await run_in_executor(None, next, events, done)) is not done:
                yield event
        finally:
            with contextlib.suppress(ValueError):  # still running in its thread: it ends there
                events.close()

    def close(self) -> None:
        """Release the store (and its lock) if this chain opened it."""
        self._stack.close()

    def __enter__(self) -> AnswerChain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chain(settings: Settings | None = None, *, store=None) -> AnswerChain:
    """The answer pipeline over the configured store and model (`settings.llm.backend`; the model
    loads on the first question). The store is opened now and held until `close()`."""
    settings = settings or load_settings()
    store, stack = _open_store(settings, store)
    try:
        return AnswerChain(answer_service(settings, store), stack)
    except BaseException:
        stack.close()
        raise
