"""The Documents tab's handlers over the real ingest service (embedded Chroma, hashing embeddings)."""

from types import SimpleNamespace

import pytest

from bot.ui.render_docs import report_html
from tests.unit.ui_conftest import env, make_ui  # noqa: F401

pytestmark = pytest.mark.unit

XSS = "<img src=x onerror=alert(1)>"


def test_the_table_has_headers_in_the_page_language_and_human_dates(make_ui):
    ui = make_ui()
    fr, en = ui.docs.table("fr"), ui.docs.table("en")
    for header in ("Titre", "Fichier", "Mise à jour du texte", "Passages", "Dernière ingestion"):
        assert f'<th scope="col">{header}</th>' in fr
    for header in ("Title", "File", "Text updated", "Passages", "Last ingested"):
        assert f'<th scope="col">{header}</th>' in en
    assert "mai 2025" in fr and "May 2025" in en
    assert " UTC</time>" in fr and 'datetime="20' in fr  # the browser rewrites it in its own zone


def test_a_bad_upload_changes_nothing(make_ui, settings, tmp_path):
    ui = make_ui()
    before = ui.docs.table("fr")
    bad = tmp_path / "strategie-francaise-balkans-occidentaux.fr.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    report, table = list(ui.docs.upload(str(bad), "fr"))[-1]
    assert "refusé" in report and "binary" in report
    assert table == before
    assert b"\x00" not in (settings.ingest.corpus_dir / bad.name).read_bytes()


def test_a_good_upload_is_ingested_at_once_and_listed(make_ui, settings, tmp_path):
    ui = make_ui()
    doc = tmp_path / "note.md"
    doc.write_text(f"# Note {XSS}\n\nUn bureau de liaison {XSS} est situé à Tirana.\n", encoding="utf-8")
    steps = list(ui.docs.upload(str(doc), "en"))
    assert "Ingesting note.md" in steps[0][0]
    report, table = steps[-1]
    assert "added" in report and "note.md" in report
    assert 'data-doc="note.md"' in table and "<img" not in table and "&lt;img" in table
    assert (settings.ingest.corpus_dir / "note.md").is_file()
    start = doc.read_text(encoding="utf-8").index("Un bureau")
    view = ui.docs.view("note.md", start, start + 9, "en")
    assert "<img" not in view and "&lt;img" in view and 'class="doc-target"' in view


def test_the_report_names_the_sections_added_changed_and_removed():
    doc = SimpleNamespace(path="/c/strategie.txt", status="updated", error=None, warning=None, chunks=20, embedded=2,
                          sections={"added": ["2. Priorités > VI. Nouveau pilier"],
                                    "changed": ["2. Priorités > II. Contribuer à la paix"], "removed": []})
    html = report_html(SimpleNamespace(documents=[doc], seconds=1.25), "fr")
    assert "mis à jour" in html and "20 passages, dont 2 nouveaux ou modifiés" in html
    assert "Sections ajoutées" in html and "Priorités › VI. Nouveau pilier" in html
    assert "Sections modifiées" in html and "Sections retirées" not in html and "en 1,2 s" in html
    unchanged = SimpleNamespace(**{**vars(doc), "sections": {"added": [], "changed": [], "removed": []}})
    assert "Aucune section" in report_html(SimpleNamespace(documents=[unchanged], seconds=0.1), "fr")


def test_remove_withdraws_the_document_after_the_service_says_so(make_ui):
    ui = make_ui()
    removed = []

    class Removing:
        def __init__(self, inner):
            self.inner = inner
            self.store = inner.store

        def remove(self, doc_id):
            removed.append(doc_id)
            self.inner.store.withdraw(doc_id)
            return SimpleNamespace(path=doc_id, status="removed", error=None)

    ui.docs.ingest = Removing(ui.docs.ingest)
    doc_id = next(iter(ui.docs.ingest.store.manifest()))
    notice, table = ui.docs.remove(doc_id, "fr")
    assert removed == [doc_id] and "est retiré" in notice
    assert "Aucun document" in table
    assert ui.docs.remove("no-such-document", "fr")[0] == ""


def test_the_document_view_marks_the_passage_under_its_section(make_ui):
    ui = make_ui()
    doc_id = next(iter(ui.docs.ingest.store.manifest()))
    text = (ui.settings.ingest.corpus_dir / doc_id).read_text(encoding="utf-8")
    start = text.index("Inauguré le 9 décembre 2024")
    view = ui.docs.view(doc_id, start, start + 27, "fr")
    assert '<mark class="doc-target" data-n="0">Inauguré le 9 décembre 2024</mark>' in view
    assert "<h3>Priorités › II. Contribuer à la paix" in view and view.count('class="chunk target"') == 1
