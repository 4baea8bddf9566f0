"""The LangChain retriever and chain inside LCEL pipelines: a real embedded Chroma with the
strategy ingested (hashing embeddings), a scripted model registered through the app's registry."""

import asyncio

import pytest
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from bot.core.errors import QuestionError, StoreBusyError
from bot.langchain_api import AnswerChain, BalkansRetriever, chain, retriever
from tests.unit.scripted_store import scripted_store  # noqa: F401  (fixture)

pytestmark = pytest.mark.unit

C3BO = "Où est basé le C3BO ?"
PODGORICA = "Le C3BO est basé à Podgorica [1]."


def test_retriever_returns_documents_with_their_place_in_the_source(settings, scripted_store, strategy_text):
    store, _ = scripted_store
    r = retriever(settings, store=store)
    assert isinstance(r, BalkansRetriever)
    docs = r.invoke(C3BO)
    assert len(docs) == settings.retrieval.context_k
    assert all(isinstance(d, Document) for d in docs)
    best = next(d for d in docs if "Podgorica" in d.page_content)
    meta = best.metadata
    assert {"document", "title", "section", "start", "end", "version", "score", "updated"} <= set(meta)
    assert strategy_text[meta["start"] : meta["end"]] == best.page_content
    assert meta["document"].startswith("strategie-francaise") and meta["version"] and meta["updated"]
    assert best.id


def test_retriever_in_an_lcel_pipeline_sync_batch_and_async(settings, scripted_store):
    store, _ = scripted_store
    r = retriever(settings, store=store, k=2)
    prompt = {"context": r | RunnableLambda(lambda docs: "\n".join(d.page_content for d in docs)),
              "question": RunnablePassthrough()} | RunnableLambda(lambda x: f"{x['context']}\n\nQ: {x['question']}")
    out = prompt.invoke(C3BO)
    assert "Podgorica" in out and out.endswith(f"Q: {C3BO}")
    both = r.batch([C3BO, "Où est basé le pôle interministériel de sécurité ?"])
    assert len(both) == 2 and all(len(docs) == 2 for docs in both)
    assert any("Belgrade" in d.page_content for d in both[1])
    docs = asyncio.run(r.ainvoke(C3BO))
    assert [d.id for d in docs] == [d.id for d in r.invoke(C3BO)]


def test_chain_invoke_gives_the_checked_answer_as_a_dict(settings, scripted_store):
    store, use = scripted_store
    use(PODGORICA)
    qa = chain(settings, store=store)
    assert isinstance(qa, AnswerChain)
    out = qa.invoke({"question": C3BO})
    assert out["answer"].startswith("Le C3BO est basé à Podgorica") and not out["abstained"]
    assert out["language"] == "fr" and out["mode"] == "answer"
    assert out["citations"][0]["n"] == 1 and "Podgorica" in out["citations"][0]["quote"]
    assert {"document", "section", "start", "end", "updated"} <= set(out["citations"][0])
    assert set(out["timings"]) >= {"retrieval_ms", "first_token_ms", "total_ms"}
    assert qa.invoke(C3BO)["answer"] == out["answer"]  # a plain question string works too


def test_chain_stream_yields_the_service_events_and_adds_up_to_invoke(settings, scripted_store):
    store, use = scripted_store
    use(PODGORICA)
    qa = chain(settings, store=store)
    events = list(qa.stream({"question": C3BO}))
    types = [e["type"] for e in events]
    assert types[0] == "status" and types[-1] == "final" and types.count("final") == 1
    assert set(types) <= {"status", "evidence", "token", "sentence", "final"}
    final = events[-1]["answer"]
    assert final["answer"] == qa.invoke({"question": C3BO})["answer"]
    total = events[0]
    for e in events[1:]:
        total = total + e
    assert total["answer"] == final["answer"] and total["citations"] == final["citations"]


def test_chain_composes_with_passthrough_and_pipes_in_invoke_and_stream(settings, scripted_store):
    store, use = scripted_store
    use(PODGORICA)
    qa = chain(settings, store=store)
    pipeline = (
        RunnablePassthrough.assign(question=lambda x: x["q"].strip(), history=lambda x: [])
        | RunnablePassthrough.assign(result=qa)
        | RunnableLambda(lambda x: (x["q"], x["result"]["answer"], len(x["result"]["citations"])))
    )
    invoked = pipeline.invoke({"q": f"  {C3BO} "})
    streamed = list(pipeline.stream({"q": f"  {C3BO} "}))[-1]
    assert invoked == streamed
    assert invoked[0] == f"  {C3BO} " and "Podgorica" in invoked[1] and invoked[2] == 1
    answer_only = qa | RunnableLambda(lambda a: a["answer"])
    assert list(answer_only.stream(C3BO))[-1] == answer_only.invoke(C3BO)


def test_chain_batch_and_async_variants(settings, scripted_store):
    store, use = scripted_store
    use(PODGORICA)
    qa = chain(settings, store=store)
    outs = qa.batch([{"question": C3BO}, {"question": "Where is the C3BO based?"}])
    assert [o["language"] for o in outs] == ["fr", "en"]

    async def run():
        one = await qa.ainvoke({"question": C3BO})
        events = [e async for e in qa.astream({"question": C3BO})]
        many = await qa.abatch([C3BO, C3BO])
        return one, events, many

    one, events, many = asyncio.run(run())
    assert one["answer"] == outs[0]["answer"] == many[1]["answer"]
    assert events[0]["type"] == "status" and events[-1]["type"] == "final"
    assert events[-1]["answer"]["answer"] == one["answer"]


def test_chain_history_makes_a_follow_up(settings, scripted_store):
    store, use = scripted_store
    chat = use("Le C3BO a été inauguré le 9 décembre 2024 [1].")
    qa = chain(settings, store=store)
    for history in ([["Qu'est-ce que le C3BO ?", "Un centre cyber basé à Podgorica [1]."]],
                    [{"question": "Qu'est-ce que le C3BO ?", "answer": "Un centre cyber."}]):
        out = qa.invoke({"question": "et quand a-t-il été inauguré ?", "history": history})
        assert "C3BO" in out["standalone_question"] and "inauguré" in out["standalone_question"]
        assert "Qu'est-ce que le C3BO" in chat.prompts[-1][1]["content"]  # the model knows the topic
        assert "9 décembre 2024" in out["answer"]


@pytest.mark.parametrize("bad", [{"history": []}, {"question": 3}, {"question": "  "},
                                 {"question": "Où ?", "history": [["only the question"]]}, 42])
def test_chain_refuses_bad_input_with_a_user_error(settings, scripted_store, bad):
    store, use = scripted_store
    use(PODGORICA)
    with pytest.raises(QuestionError):
        chain(settings, store=store).invoke(bad)


def test_objects_hold_the_store_until_closed(settings):
    from bot.wiring import open_chunk_store

    with chain(settings) as qa, retriever(settings) as r:
        assert qa.service and r.k == settings.retrieval.context_k
        with pytest.raises(StoreBusyError):  # `ingest` would wait: the store is in use
            with open_chunk_store(settings, exclusive=True):
                pass
    with open_chunk_store(settings, exclusive=True):  # released
        pass
