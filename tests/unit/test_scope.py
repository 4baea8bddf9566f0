"""An answer keeps to the question: whole lists, no joined statement about something else, names
written another way, questions in several parts (no model, no store)."""

import pytest

from bot.answer import judge, scope
from bot.answer.question import facets_of, read_question
from bot.core.names import missing_names, uncovered
from bot.core.text import is_place

pytestmark = pytest.mark.unit

FORCES = ("La France contribue aux forces de l’OTAN au Kosovo (KFOR) et assure le commandement stratégique "
          "de la force EUFOR ALTHEA de l’UE en Bosnie-Herzégovine.")
BODIES = "La France agit avec les institutions internationales investies dans la région (OTAN, ONU, OSCE…)."


def q(text):
    return read_question(text, [], max_chars=2000)


def test_a_joined_statement_about_another_force_is_left_out():
    out = scope.focus(FORCES.replace(".", " [1]."), q("Que fait la France au Kosovo dans le cadre de l'Alliance atlantique ?"))
    assert out == "La France contribue aux forces de l’OTAN au Kosovo (KFOR) [1]."
    out = scope.focus("France contributes to NATO forces in Kosovo (KFOR) and holds the strategic command of the EU "
                      "force EUFOR ALTHEA in Bosnia-Herzegovina [1].", q("Which EU operation in Bosnia does France command?"))
    assert out == "France holds the strategic command of the EU force EUFOR ALTHEA in Bosnia-Herzegovina [1]."


def test_a_follow_up_keeps_the_part_about_its_own_new_name():
    from bot.core.records import Turn
    follow = read_question("And in Kosovo, which force does France contribute to?",
                           [Turn("What role does France play in the EU force in Bosnia and Herzegovina?", "")], max_chars=2000)
    sentence = ("France contributes to the forces of the NATO in Kosovo (KFOR) and assures the strategic command of "
                "the EUFOR ALTHEA of the EU in Bosnia-Herzegovina [1].")
    assert scope.focus(sentence, follow) == "France contributes to the forces of the NATO in Kosovo (KFOR) [1]."
    alone = q("What role does France play in the EU force in Bosnia and Herzegovina?")
    assert "EUFOR" in scope.focus(sentence, alone)


VISITS = "Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."


@pytest.mark.parametrize("question, answer, left", [
    ("Quand le président s'est-il rendu en Serbie ?", "En juillet 2019 [1].", ["août 2024"]),
    ("When did the president go to Serbia?", "He went to Serbia in July 2019.", ["August 2024"]),
    ("When did the president go to Serbia?", "In July 2019 and August 2024.", []),
    ("When did the president go to Albania?", "In October 2023.", []),  # dated once
    ("When did the president last go to Serbia?", "In August 2024.", []),  # one of them asked
    ("Quand le président s'est-il rendu en Serbie en 2024 ?", "En août 2024.", []),
])
def test_one_date_of_several_given_for_when_leaves_the_others_out(question, answer, left):
    asked = q(question)
    assert scope.dates_left_out(answer, asked, VISITS, asked.language) == left


@pytest.mark.parametrize("question, answer, left", [
    ("À quelles forces la France participe-t-elle au Kosovo et en Bosnie ?", "Aux forces de l'OTAN au Kosovo (KFOR).", ["Bosnie"]),
    ("Which forces does France take part in, in Kosovo and Bosnia?", "France contributes to KFOR in Kosovo.", ["Bosnia"]),
    ("À quelles forces la France participe-t-elle au Kosovo et en Bosnie ?", "KFOR au Kosovo, EUFOR ALTHEA en Bosnie.", []),
    ("Quelle force la France commande-t-elle en Bosnie ?", "EUFOR ALTHEA.", []),  # one name asked
    ("Que fait la France au Kosovo, et avec qui ?", "Elle contribue à la KFOR.", []),  # names not joined
    ("a quelles forces la france participe au kosovo et en bosnie ?", "Aux forces de l'OTAN au Kosovo (KFOR).", ["Bosnie"]),
    ("What does France do in Bosnia and Herzegovina?", "It commands EUFOR ALTHEA in Bosnia.", []),  # one name
    ("Is KFOR in Kosovo or in Bosnia?", "In Kosovo.", []),  # a choice
])
def test_one_of_two_joined_names_left_out_is_found(question, answer, left):
    assert scope.names_left_out(answer, q(question), FORCES) == left


def test_names_joined_by_commas_and_a_last_and_are_one_group():
    visits = VISITS + " Il s'est rendu au Monténégro (mai 2020)."
    asked = q("Quand est-il allé en Albanie, en Serbie et au Monténégro ?")
    assert scope.names_left_out("En Albanie en octobre 2023.", asked, visits) == ["Monténégro", "Serbie"]


def test_a_sentence_about_one_thing_is_kept_whole():
    for text in ("The C3BO's mission is to train and strengthen the capacities of the Balkan countries [1].",
                 "France, Slovenia and Montenegro founded the C3BO [1]."):
        assert scope.focus(text, q("What is the mission of the C3BO?")) == text


def test_a_list_asked_for_must_be_whole():
    question = q("Which international institutions does France work with in the region?")
    assert scope.missing_items("France works with the UN and the OSCE [1].", question, BODIES) == ["OTAN"]
    assert not scope.missing_items("France works with NATO, the United Nations and the OSCE [1].", question, BODIES)
    # The items the question names itself are given; a question for one thing asks for no list.
    founders = "La France, la Slovénie et le Monténégro ont créé le Centre (C3BO)."
    assert not scope.missing_items("Slovenia and Montenegro [1].", q("Who did France team up with for the C3BO?"), founders)
    assert not scope.missing_items("Podgorica (Montenegro) [1].", q("Where is the C3BO?"), founders)
    # Dates asked for several things: the names a passage lists are not what is asked.
    dates = q("À quelles dates tombent le lancement d'Horizons Partagés et l'ouverture du centre de Podgorica ?")
    assert not scope.missing_items("L'ouverture du centre de Podgorica a eu lieu le 9 décembre 2024.", dates,
                                   founders + " Inauguré le 9 décembre 2024.")
    assert scope.missing_items("Slovenia and Montenegro [1].", q("Which countries founded the C3BO?"), founders) == ["France"]
    # Places listed with what dates each ("en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)").
    visits = "Le Président s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024) et a reçu tous les chefs."
    assert scope.missing_items("Il s'est rendu en Serbie (juillet 2019) [1].", q("Dans quels pays s'est-il rendu ?"), visits) == ["Albanie"]
    assert not scope.missing_items("En Albanie et en Serbie [1].", q("Dans quels pays s'est-il rendu ?"), visits)


def test_another_name_of_the_same_thing_covers_the_question_s_name():
    assert not uncovered(["Kosovo", "Alliance"], FORCES, "Que fait la France au Kosovo dans l'Alliance atlantique ?")
    assert not uncovered(["Paris"], BODIES, "Avec qui Paris travaille-t-elle ?")
    assert uncovered(["Afrique"], BODIES, "Avec qui la France travaille-t-elle en Afrique ?") == ["Afrique"]


def test_a_body_written_out_is_its_acronym():
    assert not missing_names("France works with the United Nations and the Organization for Security and "
                             "Co-operation in Europe.", BODIES)
    assert missing_names("France works with the Organization for Economic Cooperation and Development.", BODIES)


def test_agreeing_with_the_question_adds_nothing():
    question = q("Is it true that France commands the NATO force in Kosovo?")
    assert judge.adds_nothing("Yes, France commands the NATO force in Kosovo.", question, "en")
    assert not judge.adds_nothing("France contributes to the NATO force in Kosovo.", question, "en")


def test_a_question_in_several_parts_has_its_parts():
    assert facets_of("Which came first, the envoy's appointment or the opening of the cyber centre?") == [
        "the envoy's appointment", "the opening of the cyber centre"]
    assert facets_of("L'AFD était-elle déjà active quand le président est allé en Albanie ?") == [
        "L'AFD était-elle déjà active", "le président est allé en Albanie"]
    assert facets_of("Who founded the C3BO?") == []


def test_a_specific_word_must_be_shared_by_a_quotation():
    question = q("Que fait la France contre l'immigration irrégulière dans les Balkans occidentaux ?")
    shares = {"balkan": 0.9, "occidental": 0.9, "franc": 0.8, "immigr": 0.05, "irreguli": 0.05, "fait": 0.3}.get
    common = "Le projet vise l'avenir européen commun des Balkans occidentaux."
    assert judge.shares_terms(question, common, "fr")  # without the corpus's word counts, any word counts
    assert not judge.shares_terms(question, common, "fr", lambda ts: {t: shares(t, 0.0) for t in ts})
    assert judge.shares_terms(question, "La lutte contre l'immigration irrégulière.", "fr",
                              lambda ts: {t: shares(t, 0.0) for t in ts})


def test_a_month_is_not_a_name():
    # "Who is the envoy?" is not answered by the month he was appointed in.
    who = q("Who is France's special envoy for the Western Balkans?")
    assert not judge.has_kind("The special envoy for the Western Balkans was appointed in October 2023.", who, "en")
    assert judge.has_kind("The special envoy for the Western Balkans is Jean Dupont.", who, "en")


def test_a_capitalised_noun_after_an_article_is_not_what_someone_is_called():
    who = q("Who is France's special envoy for the Western Balkans?")
    assert not judge.has_kind("La France y est liée par l’Histoire et la géographie.", who, "fr")


@pytest.mark.parametrize("sentence, question, flagged", [
    ("France takes part in the EU's operation in Bosnia through the Kosovo Force (KFOR).",
     "What is France's role in the EU's military operation in Bosnia?", ["KFOR"]),
    ("France holds the strategic command of EUFOR ALTHEA in Bosnia.",
     "What is France's role in the EU's military operation in Bosnia?", []),
    ("France contributes to KFOR in Kosovo.", "Which NATO force in Kosovo does France contribute to?", []),
    ("France holds the strategic command of EUFOR Althea.", "Who holds the strategic command of EUFOR Althea?", []),
    ("France supports KFOR and EUFOR ALTHEA in Kosovo.", "What does France do in Kosovo?", ["ALTHEA", "EUFOR"]),
])
def test_an_acronym_the_text_writes_of_something_else_is_caught(sentence, question, flagged):
    from bot.core.names import bound_elsewhere

    assert bound_elsewhere(sentence, FORCES, question) == flagged


def test_the_place_a_question_is_about_is_known_by_where_it_stands():
    assert is_place("Macédoine", "Quand le Président s'est-il rendu en Macédoine du Nord ?")
    assert is_place("North", "When did the president visit North Macedonia?")
    assert not is_place("Macron", "Quand Macron est-il allé en Albanie ?")


def test_the_head_of_state_is_the_president():
    assert not uncovered(["État"], "Comme l’a souligné le Président de la République", "D’après le chef de l’État ?")
    # France's president, by name: the text says "le Président de la République".
    assert not uncovered(["Macron"], "Le Président de la République s’est rendu en Albanie", "When did Macron go to Albania?")
    assert uncovered(["Macron"], "Les ministres se rendent régulièrement dans la région", "Did Macron go there?")


def test_a_sentence_about_another_thing_beside_one_that_answers_is_left_out():
    from bot.answer.scope import off_topic
    from bot.core.records import Turn

    q = read_question("And which EU force does it command?", [Turn("Which NATO force does France contribute to?", "KFOR")],
                      max_chars=2000)
    assert off_topic(["France contributes to the KFOR force in Kosovo.", "The EUFOR ALTHEA force is commanded by the EU."], q) == [0]
    # A sentence that names nothing else stays: it goes on about the same thing.
    q = read_question("Où et quand le C3BO a-t-il été inauguré ?", [], max_chars=2000)
    assert off_topic(["Le C3BO est basé à Podgorica.", "Il a été inauguré le 9 décembre 2024."], q) == []


def test_a_follow_ups_answer_does_not_answer_the_previous_question_again():
    from bot.answer.scope import off_topic
    from bot.core.records import Turn

    before = Turn("La coopération française, elle touche quels secteurs ?", "L'environnement, le climat [1].")
    q = read_question("Et son centre cyber, il se trouve dans quelle ville ?", [before], max_chars=2000)
    again = "La coopération française touche l'environnement, le climat et les secteurs sociaux."
    assert off_topic([again, "Il se trouve à Podgorica (Monténégro)."], q) == [0]
    # Alone, or beside nothing that takes up this question, it is judged as it is (not left out here).
    assert off_topic([again], q) == [] and off_topic([again, "Le climat aussi."], q) == []
    # Not a follow-up: nothing to repeat.
    alone = read_question("Et son centre cyber, il se trouve dans quelle ville ?", [], max_chars=2000)
    assert off_topic([again, "Il se trouve à Podgorica (Monténégro)."], alone) == []


def test_a_follow_up_about_another_place_is_not_answered_about_the_earlier_one():
    from bot.answer.scope import off_topic
    from bot.core.records import Turn

    before = Turn("Quel rôle joue la France dans l'opération militaire de l'UE en Bosnie-Herzégovine ?",
                  "La France assure le commandement stratégique de la force EUFOR ALTHEA en Bosnie-Herzégovine.")
    q = read_question("Et au Kosovo, elle participe à quoi ?", [before], max_chars=2000)
    shares = lambda stems: {s: (1.0 if s.startswith("franc") else 0.0) for s in stems}  # "France" in every passage
    assert off_topic(["La France participe aux opérations de l'UE en Bosnie-Herzégovine."], q, shares) == [0]
    # Naming the new place, or nothing of the earlier question but France, it answers.
    assert off_topic(["Elle contribue à la KFOR au Kosovo, comme à EUFOR en Bosnie-Herzégovine."], q, shares) == []
    assert off_topic(["La France contribue à la KFOR."], q, shares) == []
    # A follow-up going on about the same thing keeps the earlier names.
    same = read_question("Et depuis quand ?", [before], max_chars=2000)
    assert off_topic(["La France commande EUFOR en Bosnie-Herzégovine depuis 2019."], same, shares) == []


def test_a_sentence_naming_one_of_the_question_s_names_is_about_it():
    from bot.answer.scope import off_topic

    q = read_question("Que fait la France au Kosovo ?", [], max_chars=2000)
    assert off_topic(["La France contribue à la KFOR.", "La France finance des projets au Kosovo."], q) == []


def test_list_length_counts_items_not_decimal_commas():
    from bot.answer.scope import gives_fewer_items, list_length

    assert list_length("1,5 milliard d’euros ont été engagés depuis 2019.") == 1
    assert list_length("en matière de lutte contre la corruption, de justice, de bonne gouvernance, ou encore d’égalité.") == 4
    assert list_length("(i) la mobilité, autour du sport ; (ii) le patrimoine ; (iii) la désinformation ; (iv) le débat.") == 4
    assert gives_fewer_items("La France appuie la lutte contre la corruption.",
                             "contre la corruption, de justice, de droits de l’Homme, de bonne gouvernance, ou encore d’égalité.")
    assert not gives_fewer_items("1,5 milliard d’euros.", "2,6 milliards d’euros d’échanges en 2024 ; +56 % par rapport à 2020.")


def test_the_items_of_a_list_answer_are_not_about_something_else():
    question = q("Can you break down what the project France started for the Balkans in 2024 works on?")
    answer = ["The project France started for the Balkans in 2024 focuses on several strands:",
              "(i) Development of mobility for young people;", "(ii) Rehabilitation of a shared heritage;",
              "- Fight against disinformation;", "2. Promotion of debate."]
    assert scope.off_topic(answer, question) == []
    # A sentence naming other things stays apart, list mark or not.
    assert scope.off_topic(answer[:1] + ["(i) EUFOR ALTHEA is commanded by the EU in Bosnia."], question) == [1]


@pytest.mark.parametrize("question, answer, left_out", [
    ("What is the C3BO actually meant to do?", "It was set up by France, Slovenia and Montenegro [1].", True),
    ("What is the C3BO actually meant to do?", "It is meant to train the countries of the region [1].", False),
    ("What is the C3BO actually meant to do?", "It is supposed to be in Podgorica [1].", True),
    ("À quoi sert le C3BO ?", "Le C3BO a été inauguré le 9 décembre 2024 [1].", True),
    ("À quoi sert le C3BO ?", "Il a pour mission la formation des pays de la région [1].", False),
    ("Où est basé le C3BO ?", "Il est basé à Podgorica [1].", False),  # not a question of what it is for
    # "supposed to be based on" asks what it rests on, not what it is for
    ("What is EU enlargement supposed to be based on?", "It is based on the merits of each candidate country [1].", False),
])
def test_a_question_of_what_something_is_for_needs_an_answer_saying_it(question, answer, left_out):
    assert bool(scope.missing_items(answer, q(question), "")) is left_out


RULE_OF_LAW = ("Il s’agit d’appuyer les réformes engagées par les pays partenaires, en particulier en matière de lutte "
               "contre la corruption, de renforcement de la justice, de respect des droits de l’Homme, de bonne "
               "gouvernance, ou encore d’égalité femmes-hommes.")


def test_an_item_of_the_list_left_out_is_found_though_the_answer_lists_as_many_words():
    answer = ("La France appuie le renforcement de la justice, le respect des droits de l'Homme, la bonne gouvernance "
              "et l'égalité femmes-hommes [1].")
    assert scope.items_left_out(answer, RULE_OF_LAW) == ["en matière de lutte contre la corruption"]
    assert scope.gives_fewer_items(answer, RULE_OF_LAW)
    whole = "La France appuie la lutte contre la corruption, " + answer[len("La France appuie "):]
    assert scope.items_left_out(whole, RULE_OF_LAW) == [] and not scope.gives_fewer_items(whole, RULE_OF_LAW)


def test_items_are_read_in_parentheses_and_a_long_clause_is_no_item():
    sectors = ("La France met ainsi en œuvre, dans un cadre bilatéral ou européen, des actions de coopération dans de "
               "multiples secteurs (environnement, climat, transport et infrastructures, agriculture).")
    assert scope.items_left_out("Environnement, climat, transport, infrastructures, agriculture [1].", sectors) == []
    assert scope.items_left_out("Environnement, climat et agriculture [1].", sectors) == ["transport", "infrastructures"]
    visits = ("Le Président s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024) et a reçu tous "
              "les chefs d’État ou de gouvernement des pays des Balkans occidentaux.")
    assert scope.items_left_out("Le Président s'est rendu en Serbie en juillet 2019 et en août 2024 [1].", visits) == []


def test_a_translated_item_counts_as_given_when_its_meaning_is_very_close():
    answer = "France backs the strengthening of justice, respect for human rights and good governance [1]."
    close = {"respect for human rights": "respect des droits de l’Homme", "good governance [1].": "de bonne gouvernance"}

    seen: dict[str, int] = {}

    def embed(text):  # a fake meaning: the same vector for an item and its translation, another for any other
        key = close.get(text, text).strip(" ,.").lower()
        vector = [0.0] * 256
        vector[seen.setdefault(key, len(seen))] = 1.0  # not hash(): salted per process, it could collide
        return vector

    left = scope.items_left_out(answer, RULE_OF_LAW, embed)
    assert left == ["en matière de lutte contre la corruption", "d’égalité femmes-hommes."]
    assert "de bonne gouvernance" in scope.items_left_out(answer, RULE_OF_LAW)  # without meaning: not alike


@pytest.mark.parametrize("question, listed", [
    ("À part le sport, Horizons Partagés travaille sur quoi d'autre ?", True),
    ("What else does the project work on, besides sport?", True),
    ("Quels secteurs la France appuie-t-elle ?", True),
    ("Sur quoi travaille Horizons Partagés ?", False),
    ("What does the project work on?", False),
    ("La France fait-elle autre chose que financer ?", False),
])
def test_asking_for_the_rest_asks_for_a_list(question, listed):
    assert scope.asks_list(q(question)) is listed


def test_items_between_semicolons_may_be_long():
    axes = ("Il déploie ses activités selon 4 axes : (i) le développement de la mobilité des jeunes, autour de la "
            "thématique du sport ; (ii) la réhabilitation et valorisation d’un patrimoine historique commun ; (iii) la "
            "lutte contre la désinformation et les discours de haine ; (iv) la promotion du débat d’idées.")
    answer = "Il travaille sur le patrimoine historique commun et la lutte contre la désinformation [1]."
    left = scope.items_left_out(answer, axes)
    assert len(left) == 2 and "(iv) la promotion du débat d’idées." in left and left[0].startswith("(i) le développement")
    assert scope.gives_fewer_items(answer, axes)
    assert not scope.items_left_out("Sport, patrimoine, désinformation et débat d'idées [1].", axes)
