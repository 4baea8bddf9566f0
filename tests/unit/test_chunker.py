import pytest

from bot.core.text import split_sentences
from ingest.chunker import chunk_document, chunk_ids, guess_title

pytestmark = pytest.mark.unit

DOC_ID = "strategie-francaise-balkans-occidentaux.fr.txt"
PRIORITIES = "2. Priorités"
PILLARS = {
    "I": "I. Développer les relations politiques",
    "II": "II. Contribuer à la paix, la sécurité et la stabilité de la région",
    "III": "III. Renforcer l’État de droit",
    "IV": "IV. Développer notre coopération et nos relations économiques",
    "V": "V. Renforcer les liens humains et culturels entre les sociétés",
}


@pytest.fixture
def doc(strategy_text):
    return chunk_document(DOC_ID, strategy_text)


def _chunk_with(doc, needle):
    found = [c for c in doc.chunks if needle in c.text]
    assert len(found) == 1, f"{needle!r} in {len(found)} chunks"
    return found[0]


def test_offsets_are_exact_source_spans(doc, strategy_text):
    assert doc.chunks
    for chunk in doc.chunks:
        assert strategy_text[chunk.start : chunk.end] == chunk.text
    starts = [c.start for c in doc.chunks]
    assert starts == sorted(starts)


def test_document_metadata(doc):
    assert doc.title == "La Stratégie française pour les Balkans occidentaux"
    assert doc.language == "fr"
    assert doc.updated == "mai 2025"


@pytest.mark.parametrize(
    "needle, pillar, kind",
    [
        ("Un envoyé spécial pour les Balkans occidentaux a été nommé", "I", "bullet"),
        ("Centre de développement des capacités cyber", "II", "bullet"),
        ("KFOR", "II", "bullet"),
        ("lutte contre la corruption", "III", "paragraph"),
        ("1,5 milliard d’euros", "IV", "bullet"),
        ("2,6 milliards d’euros", "IV", "bullet"),
        ("Horizons Partagés", "V", "paragraph"),
        ("En matière culturelle et audiovisuelle", "V", "list"),
    ],
)
def test_pillar_content_lands_in_its_section(doc, needle, pillar, kind):
    chunk = _chunk_with(doc, needle)
    assert chunk.section == f"{PRIORITIES} > {PILLARS[pillar]}"
    assert chunk.kind == kind


def test_presentation_and_intro_sections(doc):
    assert _chunk_with(doc, "réunification").section == "1. Présentation"
    assert _chunk_with(doc, "lancée en 2019").section == ""


def test_each_bullet_of_a_long_list_is_its_own_chunk_with_its_lead_in(doc):
    afd = _chunk_with(doc, "Agence Française de Développement")
    assert afd.lead.startswith("L’engagement accru de la France")
    assert afd.lead in afd.embed_text
    assert "Agence Française de Développement" not in _chunk_with(doc, "2,6 milliards").text


def test_short_bullets_are_kept_together_with_their_lead_in(doc):
    lst = _chunk_with(doc, "En soutien à la jeunesse")
    assert lst.text.startswith("Des actions de coopération sont développées :")
    assert "Francophonie" in lst.text


def test_embedded_text_carries_the_section_path(doc):
    envoy = _chunk_with(doc, "envoyé spécial")
    embedded = envoy.embed_text
    assert "I. Développer les relations politiques" in embedded
    assert doc.title in embedded


def test_social_media_post_is_recognised_and_not_indexed(doc, strategy_text):
    assert len(doc.skipped) == 1
    start, end, reason = doc.skipped[0]
    assert strategy_text[start:end].startswith("#Cybersécurité")
    assert strategy_text[start:end].endswith("December 22, 2024")
    assert "social-media post" in reason
    for chunk in doc.chunks:
        assert "pic.twitter.com" not in chunk.text
        assert "@francediplo" not in chunk.text
    # the facts the post repeats are still indexed from the text itself
    assert _chunk_with(doc, "Inauguré le 9 décembre 2024")


def test_chunk_ids_are_deterministic_and_unique(doc, strategy_text):
    ids = chunk_ids(doc)
    assert len(set(ids)) == len(ids)
    assert chunk_ids(chunk_document(DOC_ID, strategy_text)) == ids


def test_an_edit_changes_only_the_edited_chunk_ids(doc, strategy_text):
    edited = strategy_text.replace("1,5 milliard", "1,7 milliard")
    edited = edited.replace("Mise à jour : mai 2025", "Mise à jour : juin 2025")
    new = chunk_document(DOC_ID, edited)
    old_ids, new_ids = chunk_ids(doc), chunk_ids(new)
    changed = set(new_ids) - set(old_ids)
    assert len(changed) == 2
    assert new.updated == "juin 2025"
    assert new.version != doc.version


def test_repeated_paragraphs_get_distinct_ids():
    text = "# Titre\n\nMême paragraphe répété.\n\nMême paragraphe répété.\n"
    ids = chunk_ids(chunk_document("rep.md", text))
    assert len(ids) == 2 and len(set(ids)) == 2


def test_long_paragraph_is_split_at_sentences_within_the_limit():
    sentence = "La France soutient les réformes engagées par les pays partenaires de la région. "
    text = "1. Partie\n" + sentence * 30 + "\n"
    doc = chunk_document("long.txt", text, max_chars=300)
    assert len(doc.chunks) > 5
    for chunk in doc.chunks:
        assert len(chunk.text) <= 300
        assert chunk.text.endswith(".")
        assert text[chunk.start : chunk.end] == chunk.text


def test_markdown_headings_build_the_section_path():
    text = "# Stratégie\n\n## Sécurité\n\n### Cyber\n\nUn centre à Podgorica.\n"
    doc = chunk_document("s.md", text)
    assert doc.title == "Stratégie"
    assert doc.chunks[0].section == "Stratégie > Sécurité > Cyber"


def test_title_fallbacks():
    assert guess_title("Short Title\nBody text.", "x") == "Short Title"
    assert guess_title("", "fallback") == "fallback"


def test_split_sentences_keeps_abbreviated_numbers():
    spans = split_sentences("Il y a 1,5 milliard. Puis 2,6 milliards en 2024. Fin.")
    assert len(spans) == 3
