"""What the Documents tab relies on: removing a document, and the sections each ingest touched.
A real embedded Chroma with hashing embeddings (no model)."""

import pytest

from tests.conftest import CORPUS_FILE
from tests.unit.fakes import HashingEmbeddings

pytestmark = pytest.mark.unit

NAME = CORPUS_FILE.name
PILLAR_IV = "2. Priorités > IV. Développer notre coopération et nos relations économiques"
PILLAR_II = "2. Priorités > II. Contribuer à la paix, la sécurité et la stabilité de la région"


@pytest.fixture
def service(settings):
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store

    return IngestService.from_settings(settings, open_store(settings.store, HashingEmbeddings()))


def test_sections_of_a_first_ingest_an_unchanged_one_and_an_edit(service, corpus_dir):
    first = service.ingest([corpus_dir]).documents[0]
    assert first.status == "added"
    assert PILLAR_IV in first.sections["added"] and first.sections["changed"] == first.sections["removed"] == []
    again = service.ingest([corpus_dir]).documents[0]
    assert again.status == "unchanged" and again.sections == {"added": [], "changed": [], "removed": []}

    path = corpus_dir / NAME
    text = path.read_text(encoding="utf-8").replace("1,5 milliard d’euros", "1,8 milliard d’euros")
    head, _, rest = text.partition("III. Renforcer l’État de droit")
    path.write_text(head + "III. Renforcer l’État de droit" + rest.replace("Le soutien à la consolidation", "Le soutien renforcé à la consolidation"), encoding="utf-8")
    edited = service.ingest([corpus_dir]).documents[0]
    assert edited.status == "updated"
    assert edited.sections["changed"] == [
        "2. Priorités > III. Renforcer l’État de droit",
        PILLAR_IV,
    ]
    assert edited.sections["added"] == edited.sections["removed"] == []


def test_a_section_that_disappears_is_reported_removed_and_a_new_one_added(service, corpus_dir):
    service.ingest([corpus_dir])
    path = corpus_dir / NAME
    text = path.read_text(encoding="utf-8")
    start = text.index("II. Contribuer à la paix")
    end = text.index("III. Renforcer l’État de droit")
    new_pillar = "VI. Accompagner la transition écologique\nLa France soutient la transition énergétique de la région.\n"
    path.write_text(text[:start] + text[end:].replace("Mise à jour", new_pillar + "Mise à jour"), encoding="utf-8")
    report = service.ingest([corpus_dir]).documents[0]
    assert report.sections["removed"] == [PILLAR_II]
    assert report.sections["added"] == ["2. Priorités > VI. Accompagner la transition écologique"]


def test_remove_withdraws_the_document_and_deletes_its_file_in_the_corpus_folder(service, corpus_dir, tmp_path):
    (corpus_dir / "note.md").write_text("# Note\n\n## Contexte\n\nUn envoyé spécial a été nommé.\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("# Ailleurs\n\nUn document hors du dossier.\n", encoding="utf-8")
    service.ingest([corpus_dir, outside])
    report = service.remove("note.md")
    assert report.status == "removed" and report.document == "note.md"
    assert report.sections["removed"] == ["Note > Contexte"]
    assert not (corpus_dir / "note.md").exists()
    assert set(service.store.manifest()) == {NAME, "outside.md"}
    # a file outside the corpus folder is withdrawn but left where it is
    assert service.remove("outside.md").status == "removed"
    assert outside.exists()
    assert set(service.store.manifest()) == {NAME}
    assert service.store.count_chunks() == len(service.store.manifest()[NAME].chunks)
    # the next start ingests the corpus folder: the removed document does not come back
    statuses = {d.document: d.status for d in service.ingest([corpus_dir]).documents}
    assert statuses == {NAME: "unchanged"}


def test_removing_an_unknown_document_is_a_failed_report(service):
    report = service.remove("nope.txt")
    assert report.status == "failed" and "nope.txt" in report.error
