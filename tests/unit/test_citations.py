import pytest

from bot.citations import Passage, SentenceSupport, acronyms_in, check_citations, numbers_in, split_answer
from tests.unit.fakes import HashingEmbeddings
from bot.core.records import Chunk

pytestmark = pytest.mark.unit

C3BO = (
    "- La France, la Slovénie et le Monténégro ont créé le Centre de développement des capacités cyber "
    "des Balkans occidentaux (C3BO), basé à Podgorica (Monténégro). Inauguré le 9 décembre 2024, il a pour "
    "mission la formation et le renforcement des capacités des pays des Balkans occidentaux."
)
ENVOY = "- Un envoyé spécial pour les Balkans occidentaux a été nommé en octobre 2023."
AFD = "1,5 milliard d’euros ont été engagés l’AFD dans les pays des Balkans occidentaux depuis 2019."


def chunk(cid, text, start=1000):
    return Chunk("doc.txt", text, start, start + len(text), "2. Priorités > II. Paix", "bullet",
                 title="Stratégie", updated="mai 2025", version="v1", id=cid)


@pytest.fixture
def passages():
    return [Passage(1, chunk("c3bo", C3BO)), Passage(2, chunk("envoy", ENVOY, 500)), Passage(3, chunk("afd", AFD, 2000))]


@pytest.fixture
def support():
    return SentenceSupport(HashingEmbeddings(), threshold=0.5)


def test_numbers_and_months_compare_across_languages():
    assert numbers_in("1,5 milliard d’euros depuis 2019") == {"1.5", "2019"}
    assert numbers_in("1.5 billion euros since 2019") == {"1.5", "2019"}
    assert numbers_in("le 9 décembre 2024") == numbers_in("on December 9, 2024")
    assert "month10" in numbers_in("nommé en octobre 2023")
    assert numbers_in("+56% par rapport à 2020") == {"56", "2020"}


def test_acronyms_use_their_french_form():
    assert acronyms_in("NATO and the EU") == {"OTAN", "UE"}


def test_a_valid_marker_is_kept_with_the_exact_quote_and_offsets(passages, support):
    checked = check_citations("Le C3BO a été inauguré le 9 décembre 2024 [1].", passages, support)
    assert checked.text == "Le C3BO a été inauguré le 9 décembre 2024 [1]."
    [cit] = checked.citations
    assert cit.quote.startswith("Inauguré le 9 décembre 2024")
    assert C3BO[cit.start - 1000 : cit.end - 1000] == cit.quote


def test_a_marker_to_the_wrong_passage_is_moved_to_the_right_one(passages, support):
    checked = check_citations("L'envoyé spécial a été nommé en octobre 2023 [1].", passages, support)
    assert [c.chunk.id for c in checked.citations] == ["envoy"]
    assert checked.text.endswith("[1].")
    assert checked.dropped_markers == 1


def test_a_marker_to_a_passage_that_does_not_exist_is_dropped(passages, support):
    checked = check_citations("L'AFD a engagé 1,5 milliard d’euros depuis 2019 [7].", passages, support)
    assert "[7]" not in checked.text
    assert [c.chunk.id for c in checked.citations] == ["afd"]


def test_an_unmarked_sentence_gets_its_supporting_passage(passages, support):
    checked = check_citations("L'AFD a engagé 1,5 milliard d’euros depuis 2019.", passages, support)
    assert checked.text == "L'AFD a engagé 1,5 milliard d’euros depuis 2019 [1]."
    assert checked.citations[0].chunk.id == "afd"


def test_a_wrong_date_mixed_from_a_neighbouring_passage_is_not_supported(passages, support):
    checked = check_citations("Le C3BO a été inauguré en octobre 2023 [1].", passages, support)
    assert checked.citations == []
    assert checked.unsupported == ["Le C3BO a été inauguré en octobre 2023."]


def test_an_invented_figure_is_flagged(passages, support):
    checked = check_citations("L'AFD a engagé 3 milliards d’euros depuis 2019 [3].", passages, support)
    assert checked.citations == [] and len(checked.unsupported) == 1


def test_no_literal_markers_survive(passages, support):
    checked = check_citations("Le C3BO est basé à Podgorica [n]. Autre chose [1][2] [ ] [abc].", passages, support)
    assert "[n]" not in checked.text and "[abc]" not in checked.text and "[ ]" not in checked.text
    for marker in ("[1]", "[2]", "[3]"):
        if marker in checked.text:
            assert int(marker[1]) <= len(checked.citations)


def test_citations_are_renumbered_in_order_of_appearance(passages, support):
    checked = check_citations(
        "L'AFD a engagé 1,5 milliard d’euros depuis 2019 [3]. L'envoyé spécial a été nommé en octobre 2023 [2].",
        passages, support,
    )
    assert [c.n for c in checked.citations] == [1, 2]
    assert [c.chunk.id for c in checked.citations] == ["afd", "envoy"]
    assert "[1]" in checked.text and "[2]" in checked.text


def test_split_answer_handles_markers_after_the_full_stop():
    assert split_answer("Première phrase. [1] Deuxième phrase [2].") == ["Première phrase. [1]", "Deuxième phrase [2]."]


def test_a_sentence_with_a_hole_is_not_an_answer(passages, support):
    checked = check_citations("Le deuxième pilier de la stratégie est [1].", passages, support)
    assert checked.citations == [] and checked.unsupported
    checked = check_citations("Le C3BO a été inauguré le  décembre 2024 [1].", passages, support)
    assert checked.citations == []


def test_a_name_the_passage_does_not_contain_is_not_supported(passages, support):
    checked = check_citations("La France a créé un centre cyber en Afrique avec la Slovénie [1].", passages, support)
    assert checked.citations == []
    ok = check_citations("France, Slovenia and Montenegro created the C3BO in Podgorica [1].", passages, support)
    assert [c.chunk.id for c in ok.citations] == ["c3bo"]


def test_in_french_a_name_must_match_as_a_whole_word():
    from bot.citations import names_supported

    passage = "un pôle interministériel d’expertise est dédié à la sécurité, basé à Belgrade."
    assert not names_supported("Le pôle est dirigé par le ministre de l'Intérieur.", passage)
    assert names_supported("Le pôle est basé à Belgrade.", passage)
    assert names_supported("The hub is based in Belgrade.", passage)


def test_names_with_hyphens_and_france_as_implicit_subject():
    from bot.citations import names_supported

    passage = "- Elle conduit des coopérations et assure le commandement de la force EUFOR ALTHEA en Bosnie-Herzégovine."
    assert names_supported("La France assure le commandement de l'EUFOR en Bosnie-Herzégovine.", passage)
    assert names_supported("The French command EUFOR Althea in Bosnia.", passage)
    assert not names_supported("La force est déployée en Bosnie-Croatie.", passage)
