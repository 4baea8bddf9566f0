import pytest

from bot.core.text import detect_language

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Quand le C3BO a-t-il été inauguré ?", "fr"),
        ("Combien l'AFD a-t-elle engagé depuis 2019 ?", "fr"),
        ("et depuis quand ?", "fr"),
        ("Qui commande l'EUFOR Althea ?", "fr"),
        ("When was the C3BO inaugurated?", "en"),
        ("How much has the AFD committed since 2019?", "en"),
        ("and who leads it?", "en"),
        ("What is France's strategy for the Western Balkans?", "en"),
        ("Which countries created the cyber centre in Podgorica?", "en"),
        # "C3BO" is no French "c'"; "where's" is no French "s'" (it came out French).
        ("Where's the C3BO cyber centre based?", "en"),
        ("C'est où le C3BO ?", "fr"),
        ("T'as une bonne recette de ratatouille ?", "fr"),
    ],
)
def test_detects_french_and_english(text, lang):
    assert detect_language(text) == lang


def test_no_signal_falls_back_to_default():
    assert detect_language("KFOR ?", default="en") == "en"
    assert detect_language("KFOR ?", default="fr") == "fr"

