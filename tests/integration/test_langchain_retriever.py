"""The LangChain retriever on the real store: real e5 embeddings, real Chroma, opened by the
retriever itself from the settings, as a LangChain user would."""

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
def ingested(settings, corpus_dir):
    from bot.wiring import ingest_service, open_chunk_store

    with open_chunk_store(settings, exclusive=True) as store:
        report = ingest_service(settings, store).ingest([corpus_dir])
    assert not report.failed
    return settings


@pytest.mark.parametrize(
    "question, needle",
    [("Où est basé le C3BO ?", "Podgorica"), ("Where is the C3BO based?", "Podgorica"),
     ("Combien l'AFD a-t-elle engagé depuis 2019 ?", "1,5 milliard")],
)
def test_retriever_invoke_returns_the_passage_from_the_real_store(ingested, question, needle):
    from bot.langchain_api import retriever

    with retriever(ingested) as r:
        docs = r.invoke(question)
    hit = next((d for d in docs if needle in d.page_content), None)
    assert hit is not None, [d.page_content[:60] for d in docs]
    assert hit.metadata["document"] == "strategie-francaise-balkans-occidentaux.fr.txt"
    assert hit.metadata["updated"] and hit.metadata["section"].startswith("2. Priorités")
    assert hit.metadata["end"] - hit.metadata["start"] == len(hit.page_content)
