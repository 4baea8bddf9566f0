"""Whether evidence is about what a question asks, when the user words it their own way."""

import pytest

from bot.answer.evidence_judge import EvidenceJudge
from bot.answer.question import read_question
from bot.settings import AnswerSettings

pytestmark = pytest.mark.unit

VISITS = "Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."
UPDATED = "Mise à jour : mai 2025"


def judge():
    return EvidenceJudge(AnswerSettings(about_min_score=0.88))


def test_evidence_sharing_a_word_of_the_question_is_about_it_whatever_its_score():
    q = read_question("Quand le Président s'est-il rendu en Serbie ?", [], max_chars=2000)
    assert judge().about(q, VISITS, 0.5)


def test_a_paraphrase_is_about_the_question_only_when_very_close_in_meaning():
    q = read_question("Quand Emmanuel Macron est-il allé en Serbie ?", [], max_chars=2000)  # "allé", not "rendu"
    assert judge().about(q, VISITS, 0.90)
    assert not judge().about(q, VISITS, 0.85)


def test_a_date_from_a_passage_about_something_else_is_not_about_the_question():
    q = read_question("Quand l'envoyé spécial a-t-il été nommé ?", [], max_chars=2000)
    assert not judge().about(q, UPDATED, 0.80)


def test_a_bare_year_where_the_evidence_gives_the_day_is_too_vague_for_when():
    from bot.answer import judge as j
    from bot.core.records import Turn

    q = read_question("And when did it open?", [Turn("What is the C3BO?", "A cyber centre.")], max_chars=2000)
    evidence = "La France a créé le C3BO. Inauguré le 9 décembre 2024, il a pour mission la formation."
    assert j.vaguer_date("The C3BO was created in 2024 [1].", q, evidence, "en")
    assert not j.vaguer_date("It opened on 9 December 2024 [1].", q, evidence, "en")
    # The English order gives the day too (the new-user check saw it taken for a bare year).
    assert not j.vaguer_date("It was opened on December 9, 2024 [1].", q, evidence, "en")
    assert not j.vaguer_date("It was opened on December 9th 2024 [1].", q, evidence, "en")
    # The month where the evidence gives the day: vaguer too, unless the month is what is asked.
    assert j.vaguer_date("It was opened in December 2024 [1].", q, evidence, "en")
    assert j.vaguer_date("It was opened in December 2024 [1].", q, "Lancée en 2019. " + evidence, "en")
    month = read_question("In which month did the C3BO open?", [], max_chars=2000)
    assert not j.vaguer_date("In December 2024 [1].", month, evidence, "en")
    assert not j.vaguer_date("Il a été nommé en octobre 2023 [1].", q, "Un envoyé a été nommé en octobre 2023.", "fr")
    # Asked for the year, a year is the answer; a year the evidence gives alone is as precise as it.
    assert not j.vaguer_date("In 2024 [1].", read_question("In which year did it open?", [], max_chars=2000), evidence, "en")
    q = read_question("Quand la stratégie a-t-elle été lancée ?", [], max_chars=2000)
    assert not j.vaguer_date("Elle a été lancée en 2019 [1].", q, "La stratégie, lancée en 2019, traduit…", "fr")


@pytest.mark.parametrize("question, text, other", [
    ("How many French soldiers serve in KFOR?", "France has 5 pillars [1].", True),
    ("How many experts work at the hub?", "The hub has existed for over 20 years [1].", True),
    ("How many countries does it run in?", "It operates in the six Western Balkan countries [1].", False),
    ("Sur combien de piliers repose la stratégie ?", "Elle repose sur 5 piliers [1].", False),
    ("Combien d’axes compte le projet ?", "Le projet compte 4 axes [1].", False),
    ("Combien de personnes le centre a-t-il formées ?", "Inauguré le 9 décembre 2024, il forme des experts.", True),
    ("À combien s'élèvent les échanges ?", "Ils atteignent 2,6 milliards d'euros.", False),  # nothing counted
    ("Le projet s'articule autour de combien de thèmes ?", "Le projet agit selon 4 axes.", False),  # parts, other name
    # A figure asked with no "how many": a count of the text's parts does not give it, another figure may.
    ("How big is trade with the region these days?", "5. The strategy is based on five pillars [1].", True),
    ("Quel montant l'AFD a-t-elle engagé ?", "La stratégie repose sur 5 piliers.", True),
    ("How big is trade with the region these days?", "2.6 billion euros in 2024, under the fourth of 5 pillars [1].", False),
    ("Quel montant l'AFD a-t-elle engagé ?", "1,5 milliard d'euros depuis 2019 [1].", False),
])
def test_a_count_must_be_of_what_the_question_counts(question, text, other):
    from bot.answer import counting

    q = read_question(question, [], max_chars=2000)
    assert counting.counts_other(text, q, q.language) is other


HORIZONS = ("La France a lancé en septembre 2024 le projet « Horizons Partagés ».¹ Il déploie ses activités dans les "
            "six pays, au travers de partenariats avec des acteurs de la société civile, selon 4 axes : (i) le sport.")


@pytest.mark.parametrize("question, text, other", [
    ("how many strands does the shared horizons programme have?", "It has six strands [1].", True),  # six countries
    ("how many strands does the shared horizons programme have?", "It has four strands [1].", False),
    ("Combien d'axes compte le projet ?", "Le projet compte 4 axes [1].", False),
    ("Combien d'axes compte le projet ?", "Le projet compte six axes [1].", True),
    ("In how many countries is it active?", "It is active in six countries [1].", False),  # not a count of parts
    ("how many strands does it have?", "It has 4 strands [1].", False),  # a footnote mark ("pays.¹") is no figure
])
def test_a_count_of_parts_must_count_parts_in_the_evidence(question, text, other):
    from bot.answer.counting import counts_other_parts

    assert counts_other_parts(text, read_question(question, [], max_chars=2000), HORIZONS) is other


def test_a_conjugated_verb_and_its_participle_are_one_word():
    q = read_question("Qu'est-ce qui lie la France à cette région ?", [], max_chars=2000)
    text = "La France est liée par l’Histoire, la géographie et des intérêts communs."
    # "région" is in most passages: only "lie" ("li") is specific, and "liée" ("lie") is of its family.
    from bot.answer import judge as j

    assert j.shares_terms(q, text, "fr", lambda stems: {t: (0.9 if t == "region" else 0.01) for t in stems})
    assert not j.shares_terms(q, "La France a ouvert un bureau.", "fr", lambda stems: {t: (0.9 if t == "region" else 0.01) for t in stems})


def test_a_question_to_confirm_a_wrong_name_is_answered_by_the_passage_naming_the_rest():
    from bot.evidence import EvidenceUnit  # noqa: F401  (the judge reads a unit's context)

    centre = "La France, la Slovénie et le Monténégro ont créé le C3BO, basé à Podgorica (Monténégro)."
    q = read_question("The cyber centre in Podgorica was set up by France and Croatia, wasn't it?", [], max_chars=2000)
    assert q.yes_no
    assert judge().missing_anchors(q, centre, "", "La Stratégie française pour les Balkans occidentaux") == []
    # Not from the model's own sentence, and not when only a name standing for another is there.
    assert judge().missing_anchors(q, centre, "Yes, France and Croatia set it up.", "") != []
    q = read_question("Does Paris work with Balkan countries on TV?", [], max_chars=2000)
    assert judge().missing_anchors(q, "La France agit au sein de l’Union européenne.", "", "Balkans occidentaux")
    assert not read_question("What is the C3BO?", [], max_chars=2000).yes_no


def test_a_length_of_time_answers_combien_d_annees():
    from bot.answer import judge as j

    q = read_question("Ça fait combien d’années que la France a un pôle à Belgrade ?", [], max_chars=2000)
    assert j.has_kind("Depuis plus de 20 ans, un pôle est basé à Belgrade.", q, "fr")


def test_a_place_does_not_say_who_heads_something():
    from bot.answer import judge as j

    hub = "Depuis plus de 20 ans, un pôle interministériel d’expertise est dédié à la sécurité en Europe du sud-est, basé à Belgrade."
    q = read_question("Qui est à la tête du pôle interministériel de sécurité installé à Belgrade ?", [], max_chars=2000)
    assert q.kind == "name" and not j.has_kind(hub, q, "fr")
    assert j.has_kind("Le pôle est dirigé par Jean Dupont, préfet.", q, "fr")
    # "qui" inside the question is a relative: the city is what is asked.
    city = read_question("Dans quelle ville est installée la structure qui s’occupe de sécurité en Europe du Sud-Est ?",
                         [], max_chars=2000)
    assert j.has_kind(hub, city, "fr")


def test_an_answer_giving_back_the_question_s_words_spelled_out_adds_nothing():
    from bot.answer import judge as j

    q = read_question("Which EU-led mediation in the region does France say it actively backs?", [], max_chars=2000)
    assert j.adds_nothing("France says it actively backs the mediation conducted by the European Union in the region.", q, "en")
    assert not j.adds_nothing("France backs the EU mediation between Belgrade and Pristina.", q, "en")
    # One name is an answer to "which city".
    q = read_question("Which city hosts the cyber centre that France set up with two partners?", [], max_chars=2000)
    assert not j.adds_nothing("Podgorica.", q, "en", "Le centre, basé à Podgorica (Monténégro), a été inauguré.")
    assert j.adds_nothing("The cyber centre.", q, "en")
    # A sentence's capitalised first word is no name of itself.
    q = read_question("Which EU-led mediation in the region does France say it actively backs?", [], max_chars=2000)
    assert j.adds_nothing("Conducted by the European Union.", q, "en", "la médiation conduite par l'Union européenne")
    # A one-word answer to another kind of question is an answer.
    q = read_question("Does France back the mediation?", [], max_chars=2000)
    assert not j.adds_nothing("Yes, France backs it actively.", q, "en")


def test_the_question_s_own_words_close_to_an_evidence_sentence_make_it_about_the_question():
    import numpy as np

    from bot.answer import judge as j

    q = read_question("Cette fiche, elle a été actualisée pour la dernière fois quand ?", [], max_chars=2000)
    assert "actualisee" in j.specific_words(q, "fr")
    near, far = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    ev = EvidenceJudge(AnswerSettings(about_min_score=0.88, about_focus_min_score=0.84), embed=lambda _text: near)
    assert ev.about(q, UPDATED, 0.5, np.stack([near]))
    assert not ev.about(q, UPDATED, 0.5, np.stack([far]))
    off = EvidenceJudge(AnswerSettings(about_min_score=0.88, about_focus_min_score=None), embed=lambda _text: near)
    assert not off.about(q, UPDATED, 0.5, np.stack([near]))


def test_how_many_times_is_answered_by_twice_or_by_the_dates():
    from bot.answer.counting import counts_other
    from bot.answer.judge import has_kind
    q = read_question("And how many times has he been to Serbia, and when?", [], max_chars=2000)
    assert q.kind == "number"
    said = "He went to Serbia twice, in July 2019 and August 2024."
    assert has_kind(said, q, "en") and not counts_other(said, q, "en")
    assert not has_kind("He went to Serbia.", q, "en")


def test_a_scene_set_with_quand_is_not_a_question_for_a_date():
    from bot.answer.question import question_kind
    assert question_kind("Quand Paris dit vouloir aider ces pays, de quels chantiers de réforme s’agit-il ?") == "other"
    assert question_kind("When France says it backs reforms, which reforms does it mean?") == "other"
    assert question_kind("Quand a-t-il été ouvert, et par qui ?") == "date"
    assert question_kind("When did France open it, and who helped?") == "date"


def test_function_words_say_nothing_of_what_a_question_is_about():
    from bot.answer import judge as j
    q = read_question("L'entrée des pays dans l'UE se fait-elle en bloc ?", [], max_chars=2000)
    # The preposition "entre" is not "l'entrée": the mediation passage does not share a word with it.
    assert not j.shares_terms(q, "La médiation vise la normalisation des relations entre Belgrade et Pristina.", "fr")
    assert j.shares_terms(q, "Leur entrée dans l'Union se fera au mérite.", "fr")
    assert "tous" not in j.specific_words(read_question("Les pays entreront-ils tous ensemble ?", [], max_chars=2000), "fr")
    in_force = read_question("Quand l'accord est-il entré en vigueur ?", [], max_chars=2000)
    assert j.shares_terms(in_force, "Il est entré en application en 2020.", "fr")  # "entré" is no preposition
    # A name is checked apart, not as a word the question is about, whatever its stem ("belgiqu").
    assert not j.shares_terms(read_question("Quel rôle joue la Belgique ?", [], max_chars=2000), "La Belgique est membre.", "fr")
    # "publique" and "public" are one word (c/qu).
    asked = read_question("Quel organisme public finance les projets ?", [], max_chars=2000)
    assert j.shares_terms(asked, "en coopération avec les institutions publiques", "fr", lambda stems: {t: 0.01 for t in stems})


def test_words_about_the_asking_are_not_what_a_question_is_about():
    from bot.answer.judge import specific_words
    q = read_question("Je prépare une note : selon le texte, qu’est-ce qui rattache la France à la région ?", [], max_chars=2000)
    assert specific_words(q, "fr") == ["rattache", "region"]


def test_the_quotation_shares_the_most_of_the_question_s_words():
    from bot.answer.judge import shared_terms
    q = read_question("Quel organisme finance les projets d'aide au développement économique ?", [], max_chars=2000)
    afd = "Le groupe Agence Française de Développement (AFD) finance le développement économique."
    project = "Le projet « Horizons Partagés » déploie ses activités."
    assert len(shared_terms(q, afd, "fr")) > len(shared_terms(q, project, "fr")) > 0


def test_a_sentence_naming_one_thing_does_not_answer_a_question_for_several():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    pillars = EvidenceUnit(chunk("p", "La Stratégie française pour les Balkans occidentaux repose sur 5 piliers."), 0, 0, 0, 0.95)
    sectors = EvidenceUnit(chunk("s", "Des actions de coopération dans de multiples secteurs (environnement, climat, transport "
                                      "et infrastructures, agriculture)."), 0, 0, 0, 0.95)
    q = read_question("Par quels domaines la stratégie passe-t-elle, concrètement ?", [], max_chars=2000)
    j = EvidenceJudge(AnswerSettings(about_min_score=0.5))
    assert not j.answers(q, pillars)
    assert j.answers(q, sectors)


def test_kinds_of_actors_answer_who_but_not_which_country():
    from bot.answer import judge as j
    from bot.core.records import Turn

    afd = [Turn("How much has the AFD committed in the Western Balkans?", "1.5 billion euros since 2019.")]
    q = read_question("Who does it team up with on the ground?", afd, max_chars=2000)
    assert q.kind == "who"
    assert j.has_kind("The AFD works with public institutions, private companies and civil society.", q, "en")
    assert not j.has_kind("The AFD works on the ground.", q, "en")
    q = read_question("Parmi les pays des Balkans, lequel est le premier partenaire commercial de la France ?", [], max_chars=2000)
    assert not j.has_kind("Une région porteuse d’opportunités pour les entreprises françaises.", q, "fr")
    # A relative "qui" does not make a question for which countries one asking who.
    q = read_question("Quels pays ont créé le centre qui forme les experts ?", [], max_chars=2000)
    assert q.kind == "who" and not j.has_kind("Il a été créé avec des partenaires.", q, "fr")
    # A question for a person is not answered by kinds of actors.
    q = read_question("Who does France rely on there? I need the person's name.", [], max_chars=2000)
    assert not j.has_kind("France works with public institutions and civil society.", q, "en")
    q = read_question("Who's the person France picked as its envoy? I need a name.", [], max_chars=2000)
    assert q.kind == "name"
    # "Au nom de la France" asks for no person: actors answer it.
    q = read_question("Qui agit au nom de la France sur le terrain ?", [], max_chars=2000)
    assert q.kind == "who" and j.has_kind("Elle agit avec les institutions publiques et la société civile.", q, "fr")


def test_a_passage_naming_two_of_the_question_s_names_answers_who_across_languages():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    mediation = EvidenceUnit(chunk("m", "Elle soutient activement la médiation conduite par l’Union européenne en vue "
                                        "de la normalisation des relations entre Belgrade et Pristina."), 0, 0, 0, 0.80)
    visits = EvidenceUnit(chunk("v", VISITS + " Il a reçu à Paris les dirigeants de la région."), 0, 0, 0, 0.80)
    j = EvidenceJudge(AnswerSettings())
    talks = read_question("Who is brokering the talks between Serbia and Kosovo?", [], max_chars=2000)
    assert talks.kind == "name" and j.answers(talks, mediation)
    # One name of the question (and a year) is not enough below the bar: the envoy is not in the visits.
    envoy = read_question("What's the name of the diplomat Paris picked as its envoy in 2023?", [], max_chars=2000)
    assert not j.answers(envoy, visits)
    # Not far below the bar, and not in the passage's own language (no e5 discount to make up for).
    far = EvidenceUnit(mediation.chunk, 0, 0, 0, 0.70)
    assert not j.answers(talks, far)
    same = read_question("Quel est le nom de l'organisation qui conduit la médiation entre la Serbie et le Kosovo ?",
                         [], max_chars=2000)
    assert same.kind == "name" and not j.answers(same, mediation)
    assert j.answers(same, EvidenceUnit(mediation.chunk, 0, 0, 0, 0.86))


def test_a_passage_sharing_a_rare_word_of_the_question_is_quoted_a_little_below_the_bar():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    law = EvidenceUnit(chunk("l", "La France appuie les réformes en matière de lutte contre la corruption ou encore "
                                  "d’égalité femmes-hommes."), 0, 0, 0, 0.842)
    q = read_question("La France se soucie-t-elle de l'égalité entre les sexes dans sa politique ?", [], max_chars=2000)

    def shares(share):
        return lambda stems: {t: share for t in stems}

    assert EvidenceJudge(AnswerSettings(), term_shares=shares(0.05)).answers(q, law)
    assert not EvidenceJudge(AnswerSettings(), term_shares=shares(0.2)).answers(q, law)
    assert not EvidenceJudge(AnswerSettings(quote_rare_word_relief=0.0), term_shares=shares(0.05)).answers(q, law)


def test_the_first_passage_writing_a_rare_word_of_the_question_alike_is_quoted_a_little_below_the_bar():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    fields = EvidenceUnit(chunk("f", "La France développe des actions de coopération en matière culturelle et audiovisuelle."),
                          0, 0, 0, 0.828)
    q = read_question("does france do anything on the audiovisual side with these countries?", [], max_chars=2000)

    def shares(share):
        return lambda stems: {t: share for t in stems}

    j = EvidenceJudge(AnswerSettings(quote_rare_word_relief_cross=0.03), term_shares=shares(0.05))
    assert j.answers(q, fields, first=True)
    assert not j.answers(q, fields)  # not a unit after the first
    assert j.answering_unit(q, [fields]) is fields
    assert not EvidenceJudge(AnswerSettings(quote_rare_word_relief_cross=0.03), term_shares=shares(0.2)).answers(
        q, fields, first=True)  # a common word says little
    assert not EvidenceJudge(AnswerSettings(quote_rare_word_relief_cross=0.0), term_shares=shares(0.05)).answers(
        q, fields, first=True)
    far = EvidenceUnit(fields.chunk, 0, 0, 0, 0.79)
    assert not j.answers(q, far, first=True)
    # Every word of the passage written like the question's must be rare: one common one ("audioguides") withholds it.
    looks = EvidenceUnit(chunk("l", "La France finance des audioguides et soutient l'audiovisuel public."), 0, 0, 0, 0.828)
    mixed = EvidenceJudge(AnswerSettings(quote_rare_word_relief_cross=0.03),
                          term_shares=lambda stems: {t: 0.05 if t.startswith("audiovis") else 0.5 for t in stems})
    assert mixed.answers(q, fields, first=True)
    assert not mixed.answers(q, looks, first=True)


def test_a_passage_writing_a_rare_word_of_the_question_is_quoted_before_the_one_the_model_cited():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    fields = EvidenceUnit(chunk("f", "Des actions de coopération sont développées en matière culturelle et audiovisuelle."),
                          0, 0, 0, 0.85)
    cited = EvidenceUnit(chunk("e", "La France soutient les efforts et mécanismes de coopération régionale."), 0, 0, 0, 0.85)
    q = read_question("does the french strategy include any media / audiovisual cooperation?", [], max_chars=2000)
    j = EvidenceJudge(AnswerSettings(), term_shares=lambda stems: {t: 0.05 if t.startswith("audiovis") else 0.5 for t in stems})
    assert j.rare_word_first(q, cited, [cited, fields]) is fields
    assert j.rare_word_first(q, fields, [fields, cited]) is fields
    assert j.rare_word_first(q, cited, [cited]) is cited  # none holds one: the cited passage stays
    assert j.rare_word_first(q, None, [cited, fields]) is None


@pytest.mark.parametrize("question", ["À quoi sert exactement le C3BO ?", "What is the C3BO actually meant to do?"])
def test_words_of_asking_are_not_what_the_question_is_about(question):
    # "sert", "exactement", "actually", "meant" ask; only the name says what about, and the
    # passage names it. A word of the topic still has to be there ("budget").
    from bot.answer import judge as j

    q = read_question(question, [], max_chars=2000)
    assert not judge_words(q)  # nothing but the name says what the question is about
    text = "Le C3BO a pour mission la formation des pays de la région."
    assert j.shares_terms(q, text, q.language)
    budget = read_question(question.replace("le C3BO", "le budget du C3BO").replace("the C3BO", "the C3BO budget"),
                           [], max_chars=2000)
    assert not j.shares_terms(budget, "Le C3BO a été inauguré à Podgorica.", budget.language)


def judge_words(q):
    from bot.answer import judge as j

    return j._asked_and_shared(q, "", q.language, None, 0.25)[0]


def test_when_the_passage_about_what_is_asked_does_not_give_it_no_other_passage_is_quoted():
    # "Who is the special envoy? I need the name": the passage on the envoy gives a date, not a
    # name; a passage naming bodies (close in meaning, across languages) must not be quoted instead.
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    envoy = EvidenceUnit(chunk("e", "Un envoyé spécial pour les Balkans occidentaux a été nommé en octobre 2023."), 0, 0, 0, 0.85)
    bodies = EvidenceUnit(chunk("b", "La France agit avec les institutions internationales (OTAN, ONU, OSCE)."), 0, 0, 0, 0.84)
    j = EvidenceJudge(AnswerSettings(about_min_score=0.88, quote_min_score=0.85, quote_min_score_cross=0.83))
    q = read_question("Who is the special envoy for the region? I need the name for a piece.", [], max_chars=2000)
    assert q.kind == "name" and j.answers(q, bodies)
    assert j.about_without_answer(q, envoy)
    assert j.answering_unit(q, [envoy, bodies]) is None
    # A question the envoy's passage answers still gets it.
    when = read_question("When was the special envoy appointed?", [], max_chars=2000)
    assert j.answering_unit(when, [envoy, bodies]) is envoy
    # In the question's language, a passage sharing fewer of its words than the one about it (the date alone)
    # is not quoted for the name either: "le Président de la République" is not the envoy.
    visits = EvidenceUnit(chunk("v", VISITS + " Il a reçu tous les chefs d’État des Balkans occidentaux."), 0, 0, 0, 0.86)
    nom = read_question("Comment s'appelle l'envoyé spécial pour les Balkans occidentaux nommé en octobre 2023 ?", [], max_chars=2000)
    assert j.about_without_answer(nom, envoy) and j.answers(nom, visits, by_meaning=False)
    assert j.answering_unit(nom, [envoy, visits]) is None


def test_a_passage_in_the_other_language_about_what_is_asked_without_it_means_no_other_date_is_quoted():
    # "What year was the Belgrade security hub set up?": the French passage on the hub writes
    # "sécurité" and gives no year; the president's visits, dated, must not be quoted instead.
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit

    hub = EvidenceUnit(chunk("h", "Depuis plus de 20 ans, un pôle dédié à la sécurité est basé à Belgrade."), 0, 0, 0, 0.80)
    visits = EvidenceUnit(chunk("v", VISITS + " La médiation entre Belgrade et Pristina."), 0, 0, 0, 0.78)
    j = EvidenceJudge(AnswerSettings(about_min_score=0.88, quote_min_score=0.85, quote_min_score_cross=0.77))
    q = read_question("What year exactly was the Belgrade security hub set up?", [], max_chars=2000)
    assert q.kind == "date" and j.answers(q, visits)
    assert j.shares_asked(q, hub) and not j.shares_asked(q, visits)
    assert j.answering_unit(q, [hub, visits]) is None


def test_a_quoted_opening_sentence_comes_with_the_next_one():
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit, with_next

    c = chunk("x", "La France se tient aux côtés des pays de la région. Le processus d’élargissement est fondé "
                   "sur les mérites de chaque pays candidat. Une troisième phrase.")
    opening = with_next(EvidenceUnit(c, 0, 0, 0, 0.9))
    assert opening.text.endswith("chaque pays candidat.") and opening.key == 0
    second = EvidenceUnit(c, 1, 1, 1, 0.9)
    assert with_next(second) is second  # only an opening sentence is widened
    single = EvidenceUnit(chunk("y", "Mise à jour : mai 2025"), 0, 0, 0, 0.9)
    assert with_next(single) is single


def test_the_next_sentence_does_not_supply_a_date_figure_or_name():
    # "Quand le Président a-t-il parlé de réunification ?": the opening sentence has no date; the
    # next one's (2022, the war) must not answer it.
    from bot.answer import AnswerService
    from tests.unit.test_checks import chunk
    from bot.evidence import EvidenceUnit
    from bot.settings import Settings

    c = chunk("p", "Le Président a parlé de la « réunification » du continent. La guerre a commencé en 2022.")
    units = [EvidenceUnit(c, 0, 0, 0, 0.9)]

    class Holder:
        evidence = [units[0].citation(1)]

    svc = AnswerService.__new__(AnswerService)
    svc.settings = Settings()
    when = read_question("Quand le Président a-t-il parlé de la réunification ?", [], max_chars=2000)
    assert svc._widened(Holder(), when, units) == units
    how = read_question("Comment le Président voit-il la réunification ?", [], max_chars=2000)
    holder = Holder()
    wide = svc._widened(holder, how, units)
    assert wide[0].last == 1 and holder.evidence[0].quote.endswith("en 2022.")


def test_words_written_alike_across_languages_are_cognates():
    from bot.core.text import cognates

    assert cognates(["strategy", "kick"], "La Stratégie française, lancée en 2019") == {"strategy"}
    assert not cognates(["companies", "operating"], "La Stratégie repose sur 5 piliers.")
    assert not cognates(["egg"], "Un œuf, egg")  # too short to tell


def test_an_evaluative_word_does_not_make_a_question_about_good_governance():
    from bot.answer import judge as j

    q = read_question("T'as une bonne recette de ratatouille ?", [], max_chars=2000)
    assert not j.shares_terms(q, "la lutte contre la corruption, la bonne gouvernance", "fr")
    q = read_question("Que fait la France pour la bonne gouvernance ?", [], max_chars=2000)
    assert j.shares_terms(q, "la lutte contre la corruption, la bonne gouvernance", "fr")


def test_a_year_a_when_question_gets_wrong_is_corrected_by_the_text_s_dates():
    q = read_question("Il est allé en Serbie en 2022 : c'était à quel moment de l'année ?", [], max_chars=2000)
    answer = "Il s'est rendu en Serbie en juillet 2019 et en août 2024."
    assert judge().missing_anchors(q, VISITS, answer) == []
    assert judge().missing_anchors(q, VISITS, "Il s'y est rendu en 2022.") == ["2022"]  # repeating it does not answer
    assert judge().missing_anchors(q, VISITS, "Il s'y est rendu en juillet.") == ["2022"]  # read as July 2022
    assert judge().missing_anchors(q, VISITS, "") == ["2022"]  # nor does a quotation


def test_a_word_of_the_document_title_does_not_tie_a_passage_in_the_other_language_to_the_question():
    q = read_question("does france back roads and railways, or is that not part of the strategy?", [], max_chars=2000)
    title = "La Stratégie française pour les Balkans occidentaux"
    intro = "La Stratégie française pour les Balkans occidentaux, lancée en 2019, traduit la volonté de la France."
    j = EvidenceJudge(AnswerSettings())
    assert j.writes_asked_alike(q, intro) and not j.writes_asked_alike(q, intro, title)
    sectors = "La France met en œuvre des actions dans les secteurs des transports et des infrastructures (railways)."
    assert j.writes_asked_alike(q, sectors, title)
    launch = read_question("When was the strategy launched?", [], max_chars=2000)  # the passage must hold a date
    assert j.writes_asked_alike(launch, intro, title)


@pytest.mark.parametrize("sentence, denies", [
    ("No, France wants the Balkan countries let into the EU together as one group [1].", True),
    ("No, France does not want the Balkan countries let into the EU together as one group [1].", False),
    ("No, enlargement rests on each country's own merits [1].", False),  # says what instead
    ("Yes, France wants the Balkan countries let into the EU together as one group [1].", False),
    ("Non, non, France wants the Balkan countries let into the EU together as one group [1].", True),  # no, said twice
])
def test_a_no_followed_by_what_the_question_asks_contradicts_itself(sentence, denies):
    from bot.answer.judge import denies_by_restating

    q = read_question("Does France want the Balkan countries let into the EU together as one group?", [], max_chars=2000)
    assert q.yes_no
    assert denies_by_restating(sentence, q, "en") is denies


def test_an_answer_repeating_the_alternative_a_question_sets_aside_adds_nothing():
    from bot.answer.judge import adds_nothing

    q = read_question("does france do anything on the media side, or is it all politics and security?", [], max_chars=2000)
    assert adds_nothing("No, France does not do anything on the media side, or is it all politics and security.", q, "en")


def test_a_passage_placing_what_is_asked_elsewhere_is_quoted_to_correct_the_place_the_question_assumes():
    centre = ("La France, la Slovénie et le Monténégro ont créé le Centre de développement des capacités cyber "
              "des Balkans occidentaux (C3BO), basé à Podgorica (Monténégro).")
    title = "La Stratégie française pour les Balkans occidentaux"
    q = read_question("Le centre cyber des Balkans occidentaux installé à Tirana, il a été créé par quels pays ?", [],
                      max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == []
    # Not the model's sentence restating the wrong place; not a passage that says nowhere where it is,
    # nor one that places something else it does not share two words with.
    assert judge().missing_anchors(q, centre, "Le centre installé à Tirana a été créé par la France.", title) == ["Tirana"]
    assert judge().missing_anchors(q, centre.replace(", basé à Podgorica (Monténégro)", ""), "", title) == ["Tirana"]
    hub = "Un pôle interministériel d’expertise est dédié à la sécurité des Balkans occidentaux, basé à Belgrade."
    assert judge().missing_anchors(q, hub, "", title) == ["Tirana"]
    # A place the question asks about, not one it places what it asks in: "what does France do in Moldova?".
    q = read_question("Quels pays ont créé un centre cyber avec la Moldavie ?", [], max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == ["Moldavie"]
    # "l'entrée dans l'UE" is not where the question places the centre, nor a person or a year after "à", "in".
    q = read_question("le centre cyber de Podgorica, ça a un rapport avec l'entrée dans l'UE ?", [], max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == ["UE"]
    q = read_question("Le centre cyber des Balkans occidentaux a-t-il été présenté à Macron ?", [], max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == ["Macron"]
    q = read_question("Was the Western Balkans cyber centre set up in 2023?", [], max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == ["2023"]
    # Typed in lower case, and asked to confirm; the place must be in what is quoted, not only in its passage.
    q = read_question("le centre cyber que la France a cofondé se trouve-t-il à tirana ?", [], max_chars=2000)
    assert judge().missing_anchors(q, centre, "", title) == []
    assert judge().missing_anchors(q, centre, "", title, quoted="La France a créé un centre cyber.") != []
    # A follow-up keeps the place its conversation assumed: "Et il a été inauguré quand ?".
    from bot.core.records import Turn

    q = read_question("Et il a été inauguré quand ?", [Turn("le centre cyber installé à Sarajevo, il sert à quoi ?",
                                                            "D'après le texte : « … basé à Podgorica … »")], max_chars=2000)
    assert "Sarajevo" in q.anchors
    assert judge().missing_anchors(q, centre + " Inauguré le 9 décembre 2024.", "", title) == []


def test_an_acronym_written_out_is_not_a_new_name():
    from bot.answer import judge as j

    afd = ("Le déploiement des activités du groupe Agence Française de Développement (AFD). "
           "1,5 milliard d’euros ont été engagés par l’AFD dans les pays des Balkans occidentaux.")
    q = read_question("Parmi les pays des Balkans occidentaux, lequel reçoit la plus grosse part des financements de l'AFD ?",
                      [], max_chars=2000)
    assert q.kind == "who" and not j.has_kind(afd, q, "fr")
    assert j.has_kind(afd + " La Serbie en reçoit la plus grosse part.", q, "fr")


def test_only_an_acronym_written_out_beside_it_is_the_question_s_own_name():
    from bot.answer import judge as j

    q = read_question("Où l'UE a-t-elle ouvert une mission de conseil ?", [], max_chars=2000)
    assert j.has_kind("En Ukraine, depuis décembre.", q, "fr")  # "En Ukraine" spells UE by chance


def test_a_follow_up_turning_to_a_subject_of_its_own_is_answered_by_the_passage_on_that_subject():
    # "Et sur le cyber, …" after a question on the force in Kosovo: the passage on the cyber centre
    # answers, though it names neither NATO nor Kosovo, and before the one on the forces.
    from tests.unit.test_checks import chunk
    from bot.core.records import Turn
    from bot.evidence import EvidenceUnit

    forces = EvidenceUnit(chunk("f", "La France participe aux forces de l’OTAN au Kosovo (KFOR)."), 0, 0, 0, 0.93)
    cyber = EvidenceUnit(chunk("c", "La France, la Slovénie et le Monténégro ont créé le Centre de développement "
                                    "des capacités cyber des Balkans occidentaux (C3BO), basé à Podgorica."), 0, 0, 0, 0.87)
    j = EvidenceJudge(AnswerSettings(about_min_score=0.88, quote_min_score=0.85, quote_min_score_cross=0.83))
    before = [Turn("La France participe à quelle force de l'OTAN au Kosovo ?", "À la KFOR [1].")]
    q = read_question("Et sur le cyber, elle a monté un truc dans la région ? ça s'appelle comment ?", before, max_chars=2000)
    assert j.own_words_shared(q, cyber.text) and j.answers(q, cyber)
    assert j.answering_unit(q, [forces, cyber]) is cyber
    # A follow-up asking for a kind of answer ("quels types d'acteurs") turns to no subject: the earlier names hold.
    actors = read_question("Et elle travaille avec quels types d'acteurs sur place ?", before, max_chars=2000)
    assert not j.own_words_shared(actors, "Des acteurs de la société civile.")


@pytest.mark.parametrize("question, topic", [
    ("Et sur le cyber, elle a monté un truc ?", "le cyber"),
    ("Et en matière d'environnement, elle fait quoi ?", "environnement"),
    ("Pour ce qui est des échanges, combien ?", "échanges"),
    ("And as for trade, how much?", "trade"),
    ("Concernant ce pays, quelle force ?", ""),  # points back
    ("Et sur place, elle travaille avec qui ?", ""),
    ("Et sur le terrain, ça donne quoi ?", ""),
    ("Sur quoi porte la coopération ?", ""),  # asks
])
def test_the_subject_a_follow_up_turns_to(question, topic):
    from bot.answer.follow_up import topic_of_follow_up

    assert topic_of_follow_up(question) == topic
