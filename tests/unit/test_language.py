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


def test_to_form_for_the_sources_formation_is_mended_to_to_train():
    from bot.core.text import mend_false_friends

    source = "Il a pour mission la formation et le renforcement des capacités."
    assert mend_false_friends("It is meant to form and strengthen capacities.", source) == (
        "It is meant to train and strengthen capacities.")
    assert mend_false_friends("It is meant to form a group.", "Il réunit les pays.") == "It is meant to form a group."
