"""English order for a French noun and adjective a model copied in French order."""

import pytest

from bot.core.word_order import english_order

pytestmark = pytest.mark.unit

SECTORS = "des actions de coopération dans de multiples secteurs (agriculture, secteurs sociaux, ou encore réforme administrative)."
CRIME = "renforcer la lutte contre la criminalité organisée, l’immigration irrégulière, le trafic d’armes."
FORCES = ("La France contribue aux forces de l’OTAN au Kosovo (KFOR) et assure le commandement stratégique de la force "
          "EUFOR ALTHEA. Elle soutient la médiation conduite par l’Union européenne, dans une région exposée à des "
          "influences. Elle agit avec les institutions internationales.")


@pytest.mark.parametrize("sentence, source, expected", [
    ("It covers agriculture, social sectors and reform administrative [1].", SECTORS,
     "It covers agriculture, social sectors and administrative reform [1]."),
    ("It goes after criminality organized, illegal immigration.", CRIME, "It goes after organized criminality, illegal immigration."),
    ("France holds the commandment strategic of EUFOR.", FORCES, "France holds the strategic commandment of EUFOR."),
    # Right already, or not a calque: left as they are.
    ("It works in multiple sectors.", SECTORS, "It works in multiple sectors."),
    ("France contributes to NATO forces.", FORCES, "France contributes to NATO forces."),
    ("It supports mediation conducted by the EU.", FORCES, "It supports mediation conducted by the EU."),
    ("It is a region exposed to influences.", FORCES, "It is a region exposed to influences."),
    ("It fights immigration irregularities.", CRIME, "It fights immigration irregularities."),
    ("The text says « institutions internationales ».", FORCES, "The text says « institutions internationales »."),
    ("It covers reform administrative.", "", "It covers reform administrative."),
    ("The programmes financed 30 projects.", "les programmes financés", "The programmes financed 30 projects."),
    ("It will make the process irreversible.", "rendre le processus irréversible", "It will make the process irreversible."),
    ("It backs cyber-security regional work.", "la sécurité régionale", "It backs cyber-security regional work."),
    ("It cites « criminalité organized ».", CRIME, "It cites « criminalité organized »."),
    ("It gave 1.5 billion euros allocated.", "euros alloués", "It gave 1.5 billion euros allocated."),
])
def test_calqued_pairs_are_put_in_english_order(sentence, source, expected):
    assert english_order(sentence, source) == expected


def test_the_first_word_of_a_sentence_keeps_the_capital():
    assert english_order("Presence economic grew.", "notre présence économique") == "Economic presence grew."
