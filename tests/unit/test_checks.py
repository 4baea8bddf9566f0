"""Each answer sentence checked against the evidence it cites (hashing vectors, coarse thresholds)."""

import numpy as np
import pytest

from bot.checks import AnswerChecker, split_answer
from bot.core.records import Chunk
from bot.core.text import split_sentences
from bot.evidence import EvidenceUnit, select_evidence
from tests.unit.fakes import HashingEmbeddings

pytestmark = pytest.mark.unit

C3BO = (
    "- La France, la Slovénie et le Monténégro ont créé le Centre de développement des capacités cyber "
    "des Balkans occidentaux (C3BO), basé à Podgorica (Monténégro). Inauguré le 9 décembre 2024, il a pour "
    "mission la formation et le renforcement des capacités des pays des Balkans occidentaux."
)
ENVOY = "- Un envoyé spécial pour les Balkans occidentaux a été nommé en octobre 2023."
AFD = "- 1,5 milliard d’euros ont été engagés l’AFD dans les pays des Balkans occidentaux depuis 2019."
EMB = HashingEmbeddings()


def chunk(cid, text, start=1000):
    spans = split_sentences(text)
    vectors = np.asarray(EMB.embed_documents([text[s:e].lstrip("- ") for s, e in spans]), dtype=np.float32)
    return Chunk("doc.txt", text, start, start + len(text), "2. Priorités > II. Paix", "bullet", title="Stratégie",
                 id=cid, sentences=spans, sentence_vectors=vectors)


@pytest.fixture
def units():
    c3bo, envoy, afd = chunk("c3bo", C3BO), chunk("envoy", ENVOY, 500), chunk("afd", AFD, 2000)
    return [EvidenceUnit(c3bo, 0, 1, 1, 0.9), EvidenceUnit(envoy, 0, 0, 0, 0.8), EvidenceUnit(afd, 0, 0, 0, 0.7)]


@pytest.fixture
def checker():
    return AnswerChecker(EMB, same_language=0.3, cross_language=0.05)


def check(checker, units, text, question="question"):
    return checker.check(text, units, question, "fr")


def test_a_supported_sentence_keeps_its_marker(checker, units):
    [c] = check(checker, units, "Le C3BO a été inauguré le 9 décembre 2024 [1].")
    assert c.ok and c.units == [0] and c.cited == [1]


def test_a_wrong_marker_is_moved_to_the_unit_that_supports_the_sentence(checker, units):
    [c] = check(checker, units, "L'envoyé spécial a été nommé en octobre 2023 [1].")
    assert c.ok and c.units == [1]


def test_an_unmarked_sentence_gets_its_supporting_unit(checker, units):
    [c] = check(checker, units, "L'AFD a engagé 1,5 milliard d’euros depuis 2019.")
    assert c.ok and c.units == [2]


@pytest.mark.parametrize("text, reason", [
    ("Le C3BO a été inauguré en octobre 2023 [1].", "month"),
    ("L'AFD a engagé 3 milliards d’euros depuis 2019 [3].", "figure"),
    ("L'AFD a engagé 1,5 milliard de dollars depuis 2019 [3].", "currency"),
    ("La France a créé un centre cyber en Afrique avec la Slovénie [1].", "names"),
])
def test_a_detail_the_evidence_does_not_state_is_caught(checker, units, text, reason):
    [c] = check(checker, units, text)
    assert not c.ok and any(reason in r for r in c.reasons)


def test_a_sentence_with_a_hole_is_not_an_answer(checker, units):
    for text in ("Le deuxième pilier de la stratégie est [1].", "Le C3BO a été inauguré le  décembre 2024 [1]."):
        [c] = check(checker, units, text)
        assert not c.ok


def test_a_name_from_the_question_may_be_repeated(checker, units):
    [c] = checker.check("L'Alliance atlantique n'a pas créé le C3BO, basé à Podgorica [1].", units,
                        "L'Alliance atlantique a-t-elle créé le C3BO ?", "fr")
    assert "names" not in " ".join(c.reasons)


def test_a_name_of_the_question_the_corpus_writes_must_be_in_the_source_it_is_put_on(units):
    """"La France fait des visites bilatérales avec Serbie et Kosovo [3]" from a passage on visits that
    names neither: the corpus writes both names, so the user's words are not the source's."""
    corpus = {"serbie", "kosovo"}
    checker = AnswerChecker(EMB, same_language=0.3, cross_language=0.05, knows=lambda w: w.lower() in corpus)
    question = "Que fait la France entre la Serbie et le Kosovo ?"
    [c] = checker.check("Un envoyé spécial pour la Serbie et le Kosovo a été nommé en octobre 2023 [2].", units, question, "fr")
    assert not c.ok and any("names of the question" in r for r in c.reasons)
    lenient = AnswerChecker(EMB, same_language=0.0, cross_language=0.0, knows=lambda w: w.lower() in corpus)
    [c] = lenient.check("L'Alliance atlantique n'a pas créé le C3BO, basé à Podgorica [1].", units,
                        "L'Alliance atlantique a-t-elle créé le C3BO ?", "fr")  # a name the corpus never writes
    assert c.ok


def test_split_answer_reads_a_numbered_list_as_its_items():
    raw = "It aims at the following:\n1. Promote reconciliation [1].\n2. Sport [1].\n- Heritage [1]."
    assert split_answer(raw) == ["It aims at the following:", "Promote reconciliation [1].", "Sport [1].", "Heritage [1]."]
    assert split_answer("5. [1]") == ["5. [1]"]  # a bare figure keeps its figure


def test_split_answer_handles_markers_after_the_full_stop():
    assert split_answer("Première phrase. [1] Deuxième phrase [2].") == ["Première phrase. [1]", "Deuxième phrase [2]."]


def test_evidence_reads_a_sentence_with_the_one_it_leans_on():
    c3bo = chunk("c3bo", C3BO)
    qvec = np.asarray(EMB.embed_query("Quand le C3BO a-t-il été inauguré ?"), dtype=np.float32)
    [unit] = select_evidence("Quand le C3BO a-t-il été inauguré ?", qvec, [c3bo], kind="date", max_units=1)
    assert unit.first == 0 and unit.last == 1
    assert "9 décembre 2024" in unit.text and "C3BO" in unit.text
    cit = unit.citation(1)
    assert C3BO[cit.start - 1000 : cit.end - 1000] == cit.quote and not cit.quote.startswith("-")


def test_evidence_adds_a_sentence_about_what_the_question_names():
    envoy, afd = chunk("envoy", ENVOY), chunk("afd", AFD)
    qvec = np.asarray(EMB.embed_query("Combien l'AFD a-t-elle engagé ?"), dtype=np.float32)
    units = select_evidence("Combien l'AFD a-t-elle engagé ?", qvec, [envoy, afd], kind="number",
                            anchors=["AFD"], max_units=1)
    assert any(u.chunk.id == "afd" for u in units)


def test_in_the_source_language_an_answer_uses_the_source_s_words(checker):
    pillars = chunk("pillars", "- La Stratégie française pour les Balkans occidentaux repose sur 5 piliers.")
    units = [EvidenceUnit(pillars, 0, 0, 0, 0.9)]
    [c] = checker.check("Le deuxième pilier de la stratégie est la coopération économique [1].", units,
                        "Quel est le deuxième pilier de la stratégie ?", "fr")
    assert not c.ok and any("words not in the source" in r for r in c.reasons)
    [ok] = checker.check("La stratégie repose sur 5 piliers [1].", units, "Sur combien de piliers ?", "fr")
    assert ok.ok


def test_an_answer_that_restates_the_question_adds_nothing():
    from bot.answer.judge import adds_nothing
    from bot.answer.question import read_question

    q = read_question("Which war reinforced the need to anchor the Western Balkans to Europe?", [], max_chars=500)
    assert adds_nothing("The war reinforced the need to anchor the Western Balkans to Europe.", q, "en")
    assert not adds_nothing("Russia's war of aggression against Ukraine, in 2022.", q, "en")


def test_a_question_denied_in_its_own_words_adds_nothing():
    from bot.answer.judge import adds_nothing
    from bot.answer.question import read_question

    q = read_question("Does France have a diplomat whose job is dedicated solely to the Western Balkans?", [], max_chars=500)
    assert adds_nothing("No, France does not have a diplomat whose job is dedicated solely to the Western Balkans.", q, "en")
    fr = read_question("La France a-t-elle monté toute seule le centre cyber de Podgorica ?", [], max_chars=500)
    assert adds_nothing("Non, la France n'a pas monté toute seule le centre cyber de Podgorica.", fr, "fr")
    assert not adds_nothing("Non, la France, la Slovénie et le Monténégro ont créé le centre.", fr, "fr")


def test_questions_to_confirm_or_deny_are_read_in_both_languages():
    from bot.answer.question import is_yes_no

    for text in ("Macron a-t-il déjà accueilli les dirigeants de ces pays ?", "Y a-t-il des militaires français au Kosovo ?",
                 "Les actions de coopération passent-elles uniquement par l'UE ?", "Est-ce que la France aide l'Albanie ?",
                 "Quick one on timing: was the strategy a reaction to the war?", "Did Paris launch it before 2022?",
                 "The centre was set up by France and Croatia, wasn't it?",
                 "L'AFD est active dans la région depuis 2017, c'est bien ça ? Et elle y a engagé combien ?",
                 "Le centre a été créé avec la Croatie, c'est ça ?",
                 # A relative "que" after a noun asks nothing.
                 "Le centre de cybersécurité que Paris a cofondé se trouve-t-il à Belgrade ?"):
        assert is_yes_no(text), text
    for text in ("Quand la France a-t-elle ouvert le centre ?", "Où le centre se trouve-t-il ?", "Combien la France a-t-elle engagé ?",
                 "Dans quels domaines la France coopère-t-elle ?", "When did Paris launch it?", "What is the C3BO?",
                 "C'est ça qui a rendu l'ancrage plus urgent ?", "Et pourquoi c'est ça ?",
                 "Qui la France a-t-elle nommé ?", "À qui la France a-t-elle confié le centre ?", "Pour Paris, que doit-on retenir ?",
                 "Mais qui la France a-t-elle nommé ?", "Sur qui la France s'appuie-t-elle ?", "Donc que doit-on retenir ?"):
        assert not is_yes_no(text), text


def test_a_question_to_confirm_or_deny_gets_the_hint_in_its_language():
    from bot.answer import compose

    fr = compose.messages("La France a-t-elle monté seule le centre ?", "", [], "fr", yes_no=True)[-1]["content"]
    en = compose.messages("What is the C3BO?", "", [], "en")[-1]["content"]
    assert "« Oui, »" in fr and "yes-or-no" not in en


def test_an_answer_that_points_at_the_text_instead_of_saying_adds_nothing():
    from bot.answer.judge import adds_nothing
    from bot.answer.question import read_question

    q = read_question("Which French ministers are singled out as frequent visitors to the region?", [], max_chars=500)
    assert adds_nothing("The French ministers singled out as frequent visitors are those mentioned in the extract.", q, "en")
    assert not adds_nothing("The minister for European affairs is mentioned in the text.", q, "en")
    fr = read_question("Quels ministres se rendent souvent dans la région ?", [], max_chars=500)
    assert adds_nothing("Les ministres qui se rendent souvent dans la région sont ceux cités dans l'extrait.", fr, "fr")


def test_a_length_of_time_does_not_answer_a_how_many_question():
    from bot.answer.judge import has_kind
    from bot.answer.question import read_question

    hub = "Depuis plus de 20 ans, un pôle interministériel d'expertise est basé à Belgrade."
    staff = read_question("How many experts work at the Belgrade hub?", [], max_chars=500)
    age = read_question("How long has the Belgrade hub existed?", [], max_chars=500)
    assert not has_kind(hub, staff, "fr") and has_kind(hub, age, "fr")
    assert has_kind("Il déploie ses activités dans les six pays, selon 4 axes.", staff, "fr")


def test_the_figure_a_question_gives_does_not_answer_it():
    from bot.answer.judge import has_kind
    from bot.answer.question import read_question

    afd = "1,5 milliard d’euros ont été engagés l’AFD dans les pays des Balkans occidentaux depuis 2019."
    share = read_question("Sur les 1,5 milliard de l'AFD, quelle part est allée aux transports ?", [], max_chars=500)
    total = read_question("Combien l'AFD a-t-elle engagé depuis 2019 ?", [], max_chars=500)
    assert share.kind == "number" and not has_kind(afd, share, "fr")
    assert has_kind(afd, total, "fr")
    assert has_kind("Les transports en ont reçu 300 millions d'euros.", share, "fr")
    of_six = read_question("How many of the 6 Western Balkan countries has Macron visited?", [], max_chars=500)
    assert has_kind("He visited all 6.", of_six, "en")  # a count the question gives may be the answer
    takes = read_question("Quelle part la France prend-elle à l'opération EUFOR Althea ?", [], max_chars=500)
    assert takes.kind != "number"  # "prendre part": a role, not a share


def test_a_city_asked_is_not_answered_by_countries_or_titles():
    from bot.answer.judge import has_kind
    from bot.answer.question import read_question

    visits = ("Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, "
              "août 2024) et a reçu tous les chefs d’État ou de gouvernement des pays des Balkans occidentaux.")
    city = read_question("Which Albanian city did the French president visit in October 2023?", [], max_chars=500)
    villes = read_question("En Serbie, le président est allé dans quelles villes ?", [], max_chars=500)
    country = read_question("Which countries did the French president visit?", [], max_chars=500)
    assert not has_kind(visits, city, "fr") and not has_kind(visits, villes, "fr") and has_kind(visits, country, "fr")
    hub = "Depuis plus de 20 ans, un pôle interministériel d'expertise est basé à Belgrade (Serbie)."
    where = read_question("In which city is the security hub?", [], max_chars=500)
    assert has_kind(hub, where, "fr")
    # The answer names the city without a preposition; its evidence writes it as a place.
    assert has_kind("The hub is Belgrade [1].", where, "en", hub)
    assert not has_kind("The hub is in Serbia [1].", where, "en", hub)
    # "la ville de Mostar" and "the capital, Tirana" are places; the English article "a" is not "à".
    assert has_kind("Le pôle est basé dans la ville de Mostar [1].", where, "fr")
    assert not has_kind("It runs a Council of Europe programme [1].", where, "en")
    # A question for a person or a body that names a city is not a city question.
    mayor = read_question("Qui est le maire de la ville de Tirana ?", [], max_chars=500)
    assert has_kind("Erion Veliaj est le maire de la ville [1].", mayor, "fr")


def test_an_answer_in_the_other_language_is_noticed():
    from bot.answer.judge import other_language

    french = "Depuis plus de 20 ans, un pôle interministériel d'expertise est basé à Belgrade."
    assert other_language(french, "en") == "fr" and other_language(french, "fr") == ""
    english = "France contributes to the forces of NATO in Kosovo (KFOR)."
    assert other_language(english, "en") == "" and other_language("KFOR.", "fr") == ""


def test_a_quotation_must_share_what_the_question_is_about_besides_its_names():
    from bot.answer.judge import shares_terms
    from bot.answer.question import read_question

    q = read_question("Combien coûte la mission de l'envoyé spécial dans les Balkans ?", [], max_chars=500)
    trade = "2,6 milliards d'euros d'échanges commerciaux avec les Balkans en 2024."
    assert not shares_terms(q, trade, "fr")
    assert shares_terms(q, "La mission de l'envoyé spécial coûte 2 millions d'euros.", "fr")


def test_a_bare_name_does_not_show_its_language():
    from bot.answer.judge import reads_as

    assert not reads_as("Belgrade.", "en") and not reads_as("Podgorica (Monténégro).", "en")
    assert reads_as("The hub is based in Belgrade.", "en") and reads_as("Le pôle est basé à Belgrade.", "fr")


def test_the_question_repeated_is_not_an_answer(checker, units):
    [c] = check(checker, units, "Le C3BO a-t-il été inauguré le 9 décembre 2024 [1] ?")
    assert not c.ok and c.reasons == ["a question, not an answer"]


def test_the_draft_says_which_evidence_the_model_used():
    from bot.answer.draft import Draft

    draft = Draft()
    draft.pieces = ["Elle a été nommée en octobre 2023 [2]. Le centre [3, 1] ", "ouvre [2] [9]."]
    assert draft.cited(3) == [1, 2, 0]


def test_evidence_weighs_shared_words_by_how_rare_they_are_in_the_corpus():
    # "Balkans", "occidentaux", "France" are in every passage of a text about them: sharing them says
    # little. The passage that shares the rare word wins once words are weighed by rarity.
    launch = chunk("launch", "- La Stratégie française pour les Balkans occidentaux, lancée en 2019, engage la France.")
    envoy = chunk("envoy", ENVOY)
    question = "Depuis quand la France a-t-elle un envoyé pour les Balkans occidentaux ?"
    qvec = np.zeros_like(np.asarray(EMB.embed_query(question), dtype=np.float32))  # words only
    common = {"balkan", "occidental", "occidentaux", "franc", "france", "francais"}

    def shares(stems):
        return {s: (0.95 if s in common else 0.05) for s in stems}

    plain = select_evidence(question, qvec, [launch, envoy], kind="date", max_units=1, passage_weight=0.0,
                            lexical_weight=0.1)
    weighed = select_evidence(question, qvec, [launch, envoy], kind="date", max_units=1, passage_weight=0.0,
                              lexical_weight=0.1, term_shares=shares)
    assert plain[0].chunk.id == "launch"
    assert weighed[0].chunk.id == "envoy"


def test_the_first_retrieved_passage_with_the_date_asked_joins_the_evidence():
    # "Mise à jour : mai 2025" shares no word with "last updated"; the launch sentence shares
    # "strategy" and scores higher on words. Retrieval ranked the update line first: the model sees both.
    update = chunk("update", "Mise à jour : mai 2025")
    launch = chunk("launch", "- La Stratégie française pour les Balkans occidentaux, lancée en 2019, engage la France.")
    question = "When was this presentation of the strategy last updated?"
    qvec = np.zeros_like(np.asarray(EMB.embed_query(question), dtype=np.float32))  # words only
    words = dict(max_units=1, passage_weight=0.0, lexical_weight=0.1)
    assert [u.chunk.id for u in select_evidence(question, qvec, [update, launch], kind="date", **words)] == [
        "launch", "update"]
    # Not when retrieval ranked the launch first, nor for a question that asks no date.
    assert [u.chunk.id for u in select_evidence(question, qvec, [launch, update], kind="date", **words)] == ["launch"]
    assert [u.chunk.id for u in select_evidence(question, qvec, [update, launch], kind="other", **words)] == ["launch"]
    # Nor when the first passage holds no date.
    plain = chunk("plain", "La stratégie a été présentée en détail.")
    assert [u.chunk.id for u in select_evidence(question, qvec, [plain, launch], kind="date", **words)] == ["launch"]
    # With `top_passage`, the first passage joins the evidence for any kind of question, a date or not.
    assert [u.chunk.id for u in select_evidence(question, qvec, [update, launch], kind="other", top_passage=True,
                                                **words)] == ["launch", "update"]
    assert [u.chunk.id for u in select_evidence(question, qvec, [plain, launch], kind="date", top_passage=True,
                                                **words)] == ["launch"]  # a date asked: still one with a date


def test_an_english_look_alike_of_a_french_word_that_means_something_else_is_not_a_translation(checker, units):
    # "formation" is training: "to form the capacities" mistranslates it.
    [c] = checker.check("The C3BO is to form and strengthen the capacities of the countries of the Western Balkans [1].",
                        units[:1], "What is the mission of the C3BO?", "en")
    assert not c.ok and any("mistranslated: to form" in r for r in c.reasons)
    [ok] = checker.check("The C3BO is to train and strengthen the capacities of the countries of the Western Balkans [1].",
                         units[:1], "What is the mission of the C3BO?", "en")
    assert not any("mistranslated" in r for r in ok.reasons)


def test_an_english_form_of_is_not_a_false_friend():
    from bot.core.text import false_friends

    assert false_friends("Support takes the form of training.", "la formation des jeunes") == []
    assert false_friends("The centre is to form experts.", "la formation des experts")


def test_a_marker_on_a_passage_that_shares_few_of_the_sentence_s_words_goes_to_the_one_that_does():
    crimes = chunk("crimes", "- La coopération en matière de sécurité intérieure renforce la lutte contre la criminalité "
                             "organisée, l’immigration irrégulière, les trafics d’armes et de stupéfiants.", 3000)
    sectors = chunk("sectors", "- La France met en œuvre des actions de coopération dans de multiples secteurs "
                               "(environnement, climat, transport, agriculture).", 4000)
    pool = [EvidenceUnit(crimes, 0, 0, 0, 0.8), EvidenceUnit(sectors, 0, 0, 0, 0.8)]
    lenient = AnswerChecker(EMB, same_language=0.0, cross_language=-1.0, margin=2.0)  # both units "support" it
    sentence = "The cooperation targets organised crime, irregular immigration and arms trafficking [2]."
    (check,) = lenient.check(sentence, pool, "Which crimes does the cooperation target?", "en")
    assert check.ok and check.units == [0]
    # A marker on a unit sharing as many words stays.
    (check,) = lenient.check("France carries out cooperation in multiple sectors [2].", pool, "Where?", "en")
    assert check.units == [1]


def test_a_look_alike_with_one_right_word_is_mended_where_the_source_has_the_french_word():
    from bot.core.text import mend_false_friends
    source = "(iii) la lutte contre la désinformation et les discours de haine"
    assert mend_false_friends("the fight against misinformation [1]", source) == "the fight against disinformation [1]"
    assert mend_false_friends("Misinformation spreads.", source) == "Disinformation spreads."
    assert mend_false_friends("the fight against misinformation", "la lutte contre les rumeurs") == "the fight against misinformation"
    crime = "renforcer la lutte contre la criminalité organisée, l’immigration irrégulière"
    assert mend_false_friends("It targets organised criminality [1].", crime) == "It targets organized crime [1]."
    assert mend_false_friends("It targets organized criminality.", "la corruption") == "It targets organized criminality."
    assert mend_false_friends("It targets criminality organized, drugs.", crime) == "It targets organized crime, drugs."


def test_a_sentence_sharing_nothing_with_its_source_in_the_other_language_is_not_supported():
    from bot.checks import shares_nothing
    from bot.core.numbers import read

    source = ("Elle soutient la lutte contre la désinformation et les discours de haine. "
              "La France contribue aux forces de l’OTAN au Kosovo (KFOR).")

    def nothing(sentence):
        return shares_nothing(sentence, read(sentence, "en"), source)

    # e5 puts a recipe's steps ~0.80 from any short French sentence: nothing of the source in them.
    assert nothing("Season with salt and pepper.")
    assert nothing("Serve hot with crusty bread.")
    # A cognate ("disinformation"/"désinformation"), a name the source writes, a figure or a date.
    assert not nothing("- Fight against disinformation and hate speech")
    assert not nothing("France contributes to KFOR.")
    assert not nothing("It was opened in 2024.")
    assert not nothing("Five.")
    # A name the source does not write is not shared (and a sentence's first word is no name).
    assert nothing("Serve it with Gruyère.")


@pytest.mark.parametrize("text, kind, yes_no", [
    ("Macron s’est déplacé en Albanie à quel moment ?", "date", False),
    ("At what point did France open the centre?", "date", False),
    ("C’est qui, l’émissaire ? J’ai besoin de son nom pour un article.", "name", False),
    ("France never bothered to appoint an envoy, did it?", "other", True),
    ("Quel est le moment fort de la stratégie ?", "other", False),
    ("À quel moment du processus d'élargissement la France intervient-elle ?", "other", False),
    ("Il est allé en Serbie en 2022 : c'était à quel moment de l'année ?", "date", False),
    ("What time of year did the president go to Serbia?", "date", False),
    ("At what point in the year was the centre opened?", "date", False),
    ("Il est allé en Serbie en quel mois ?", "date", False), ("À quelle saison la stratégie a-t-elle été mise à jour ?", "date", False),
    ("Qui c'est qui a créé le C3BO ?", "who", False),
    ("Give me the name of the special envoy, could you?", "name", False),
])
def test_colloquial_forms_of_asking(text, kind, yes_no):
    from bot.answer.question import is_yes_no, question_kind

    assert question_kind(text) == kind and is_yes_no(text) == yes_no


def test_a_year_the_question_assumed_is_refused_when_the_closest_evidence_dates_it_otherwise():
    from bot.checks import premise_misdated

    launch = chunk("launch", "- La Stratégie française pour les Balkans occidentaux a été lancée en 2019.", 100)
    war = chunk("war", "- La guerre de la Russie contre l’Ukraine a commencé en 2022.", 300)
    units = [EvidenceUnit(war, 0, 0, 0, 0.9), EvidenceUnit(launch, 0, 0, 0, 0.8)]
    question = "Pourquoi la Stratégie française pour les Balkans occidentaux a-t-elle été lancée en 2022 ?"

    def misdated(sentence):
        return premise_misdated(sentence, np.asarray(EMB.embed_documents([sentence])[0], dtype=np.float32), units, question)

    reason, shown = misdated("La Stratégie française pour les Balkans occidentaux a été lancée en 2022.")
    assert "2019" in reason and shown == 1  # the launch passage is shown instead
    assert misdated("La Stratégie française pour les Balkans occidentaux a été lancée en 2019.") is None
    assert misdated("La guerre de la Russie contre l’Ukraine a commencé en 2022.") is None  # its own passage
    # A sentence with another figure is anchored by it; a year the question does not assume is not judged here.
    assert misdated("La Stratégie française pour les Balkans occidentaux a été lancée en 2022 avec 5 piliers.") is None
    assert premise_misdated("La Stratégie a été lancée en 2022.", np.ones(4), [], question) is None


def test_a_refused_premise_points_the_checker_at_the_evidence_that_corrects_it(checker):
    launch = chunk("launch", "- La Stratégie française pour les Balkans occidentaux a été lancée en 2019.", 100)
    war = chunk("war", "- La guerre de la Russie contre l’Ukraine a commencé en 2022.", 300)
    units = [EvidenceUnit(war, 0, 0, 0, 0.9), EvidenceUnit(launch, 0, 0, 0, 0.8)]
    [check] = checker.check("La Stratégie française pour les Balkans occidentaux a été lancée en 2022. [1]", units,
                            "Pourquoi la Stratégie a-t-elle été lancée en 2022 ?", "fr")
    assert not check.ok and check.corrects == 1
    from bot.answer.draft import Draft

    draft = Draft()
    draft.checks.append(check)
    assert draft.corrections == [1]


def test_a_year_the_question_names_as_a_bound_or_a_range_is_not_an_assumed_date():
    from bot.checks import premise_misdated

    def misdated(sentence, evidence_text, question):
        c = chunk("c", "- " + evidence_text, 100)
        vector = np.asarray(EMB.embed_documents([evidence_text])[0], dtype=np.float32)  # closest: that sentence
        return premise_misdated(sentence, vector, [EvidenceUnit(c, 0, 0, 0, 0.9)], question)

    # "depuis 2022" is a bound, not a date the question assumes.
    assert misdated("Depuis 2022, la France soutient la Moldavie.", "Depuis 2014, la France soutient la Moldavie.",
                    "Qu'a fait la France pour la Moldavie depuis 2022 ?") is None
    # A year the question names itself is no correction ("entre 2019 et 2022").
    assert misdated("En 2022, la France a soutenu la région.", "En 2019, la France a soutenu la région.",
                    "Qu'a fait la France entre 2019 et 2022 ?") is None
    # A range dates every year in it.
    assert misdated("Le cadre a été adopté en 2024.", "Le cadre couvre la période 2021-2027.",
                    "Pourquoi le cadre a-t-il été adopté en 2024 ?") is None
    assert misdated("Le cadre a été adopté en 2024.", "Le cadre a été adopté en 2019.",
                    "Pourquoi le cadre a-t-il été adopté en 2024 ?") is not None


def test_a_yes_or_no_before_the_statement_is_not_compared_with_the_source(checker, units):
    [plain] = check(checker, units, "Le C3BO a été inauguré le 9 décembre 2024 [1].")
    [agreeing] = check(checker, units, "Oui, le C3BO a été inauguré le 9 décembre 2024 [1].")
    assert agreeing.ok and agreeing.similarity == pytest.approx(plain.similarity)
    [word] = check(checker, units, "Non-membres, les pays des Balkans occidentaux ont reçu 1,5 milliard d’euros [3].")
    [rest] = check(checker, units, "Les pays des Balkans occidentaux ont reçu 1,5 milliard d’euros [3].")
    assert word.similarity != pytest.approx(rest.similarity)  # "Non-membres" is a word of its own, compared
