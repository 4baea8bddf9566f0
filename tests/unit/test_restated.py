"""A sentence that gives the question back is cited to what the answering sentence rests on."""

import pytest

from bot.answer.question import read_question
from bot.answer.restated import cite_as_answers
from bot.checks import SentenceCheck

pytestmark = pytest.mark.unit

Q = "does france do anything on the media/audiovisual side with these countries?"


def test_a_restating_yes_is_cited_to_the_passage_of_the_sentence_that_answers():
    q = read_question(Q, [], max_chars=2000)
    checks = [SentenceCheck("Yes, France does something on the media/audiovisual side with these countries.", True, [2]),
              SentenceCheck("It develops cultural and audiovisual cooperation, promoting the French language.", True, [0])]
    assert [c.units for c in cite_as_answers(checks, q)] == [[0], [0]]


def test_sentences_that_each_say_something_keep_their_passages():
    q = read_question(Q, [], max_chars=2000)
    checks = [SentenceCheck("France develops cultural and audiovisual cooperation.", True, [0]),
              SentenceCheck("It also supports independent media against disinformation.", True, [2])]
    assert [c.units for c in cite_as_answers(checks, q)] == [[0], [2]]


def test_a_restating_sentence_alone_keeps_its_passage():
    q = read_question(Q, [], max_chars=2000)
    checks = [SentenceCheck("Yes, France does something on the media/audiovisual side.", True, [2])]
    assert cite_as_answers(checks, q)[0].units == [2]


def test_a_list_lead_in_keeps_its_passage():
    q = read_question("Which fields does France's cooperation cover under the cultural pillar?", [], max_chars=2000)
    checks = [SentenceCheck("France's cooperation under the cultural pillar covers:", True, [0]),
              SentenceCheck("Youth mobility around sport.", True, [2])]
    assert [c.units for c in cite_as_answers(checks, q)] == [[0], [2]]
