"""Answers worked out in code from cited passages: a section's heading, the order of two dated
events, the time between them (hashing vectors, no model, no store)."""

import numpy as np
import pytest

from bot.answer import worked_out
from bot.answer.question import read_question
from bot.core.records import Chunk
from bot.core.text import split_sentences
from bot.evidence import EvidenceUnit
from tests.unit.fakes import HashingEmbeddings

pytestmark = pytest.mark.unit
EMB = HashingEmbeddings()


def unit(text, section, score=0.9):
    spans = split_sentences(text)
    vectors = np.asarray(EMB.embed_documents([text[s:e] for s, e in spans]), dtype=np.float32)
    c = Chunk("doc.txt", text, 0, len(text), section, "bullet", title="Stratégie", id=text[:12],
              sentences=spans, sentence_vectors=vectors)
    return EvidenceUnit(c, 0, len(spans) - 1, 0, score)


ENVOY = unit("Un envoyé spécial pour les Balkans occidentaux a été nommé en octobre 2023.", "2. Priorités > I. Relations politiques")
CENTRE = unit("Le centre cyber de Podgorica a été inauguré le 9 décembre 2024.", "2. Priorités > II. Paix et sécurité")
VISITS = unit("Le Président s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024).", "2. Priorités > I. Relations politiques")


def facets(q):
    return [(f, np.asarray(EMB.embed_query(f), dtype=np.float32)) for f in q.facets]


def ask(text, units):
    q = read_question(text, [], max_chars=2000)
    return worked_out.timeline_answer(q, units, facets(q))


def test_which_came_first_is_put_in_order_from_the_cited_dates():
    text, cited = ask("Which came first, the appointment of the special envoy or the inauguration of the cyber centre?", [CENTRE, ENVOY])
    assert text.index("October 2023") < text.index("9 December 2024") and "[2]" in text and "[1]" in text
    assert sorted(cited) == [0, 1]


def test_the_time_between_two_events_is_counted():
    text, _ = ask("Combien de temps s'est écoulé entre la nomination de l'envoyé spécial et l'inauguration du centre cyber ?", [CENTRE, ENVOY])
    assert text.startswith("Environ 14 mois")


def test_a_part_with_two_dates_is_not_guessed_unless_it_says_which():
    assert ask("Les visites du président en Serbie, c'était avant ou après la nomination de l'envoyé spécial ?", [VISITS, ENVOY]) is None
    text, _ = ask("Was the president's last trip to Serbia before or after the appointment of the special envoy?", [VISITS, ENVOY])
    assert "August 2024" in text and "came after" in text


def test_a_question_in_one_part_is_not_worked_out():
    assert ask("When was the cyber centre inaugurated?", [CENTRE]) is None


def test_the_section_of_the_passage_answers_under_which_pillar():
    q = read_question("La cybersécurité relève de quel pilier ?", [], max_chars=2000)
    text, cited = worked_out.section_answer(q, [CENTRE, ENVOY], bar=0.5)
    assert "« II. Paix et sécurité »" in text and cited == [0]
    # "faire partie de" is not a question about the text's parts; nor is "the second pillar".
    assert worked_out.section_answer(read_question("La cyber fait-elle partie des priorités ?", [], max_chars=2000), [CENTRE]) is None
    assert worked_out.section_answer(read_question("Quel est le deuxième pilier ?", [], max_chars=2000), [CENTRE]) is None
    # A theme asked of a part is not the part's heading; nor is what else a pillar holds, nor a
    # share ("part" in French).
    for other in ("Autour de quel thème le volet jeunesse est-il organisé ?", "What else falls under that pillar?",
                  "Sur l’enveloppe engagée, quelle part est allée à la Serbie ?"):
        assert worked_out.section_answer(read_question(other, [], max_chars=2000), [CENTRE, ENVOY]) is None
    assert worked_out.section_answer(
        read_question("Under which of the strategy's five pillars does cybersecurity come?", [], max_chars=2000),
        [CENTRE, ENVOY]) is not None
    # A passage not close enough to the question is not given a section.
    assert worked_out.section_answer(q, [unit(CENTRE.text, CENTRE.chunk.section, score=0.4)], bar=0.5) is None


@pytest.mark.parametrize("question, expected", [
    ("When did the president go to Serbia, and how long was the gap between the two trips?",
     "About 5 years, according to the text: July 2019, then August 2024 [1]."),
    ("Combien de temps entre ses deux visites en Serbie ?", "Environ 5 ans, d'après le texte : juillet 2019, puis août 2024 [1]."),
    ("How long was the gap between his trips to Albania?", None),  # one date: nothing to subtract
    ("When did the president go to Serbia?", None),  # no gap asked
])
def test_the_time_between_two_dates_one_passage_gives_one_thing_is_worked_out(question, expected):
    q = read_question(question, [], max_chars=2000)
    done = worked_out.gap_within(q, [VISITS, ENVOY])
    assert (done[0] if done else None) == expected
    assert done is None or done[1] == [0]
