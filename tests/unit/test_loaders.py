import pytest

from bot.core.errors import LoadError
from ingest.loaders import load_file, supported_formats
from tests.helpers import make_pdf

pytestmark = pytest.mark.unit

FORMATS = supported_formats()


def load(path, max_bytes=1_000_000):
    return load_file(path, max_bytes=max_bytes)


def test_utf8_text_is_kept_exactly(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ligne une\r\nLigne deux : été\n", encoding="utf-8")
    assert load(p).text == "Ligne une\r\nLigne deux : été\n"


def test_windows_1252_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("La stratégie française – « État de droit »".encode("cp1252"))
    loaded = load(p)
    assert "stratégie française – « État de droit »" in loaded.text
    assert "Windows-1252" in loaded.warning


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("blob.txt", bytes(range(256)) * 4, "binary"),
        ("doc.docx", b"PK\x03\x04", "unsupported format '.docx'"),
        ("noext", b"hello", "unsupported format '(none)'"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(LoadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load(p)


def test_too_large_is_refused(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("a" * 2000)
    with pytest.raises(LoadError, match="file too large"):
        load(p, max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load(tmp_path / "nope.txt")


def test_html_keeps_structure_and_drops_scripts(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>T</title><script>alert(1)</script></head><body>"
        "<nav>Menu</nav><main><h1>Stratégie Balkans</h1><h2>1. Présentation</h2>"
        "<p>Un paragraphe&nbsp;utile.</p><h3>I. Développer</h3><ul><li>Un point</li></ul>"
        "</main></body></html>",
        encoding="utf-8",
    )
    loaded = load(p)
    assert loaded.title == "Stratégie Balkans"
    assert loaded.text.splitlines() == ["1. Présentation", "Un paragraphe utile.", "I. Développer", "- Un point"]


def test_pdf_text_is_extracted(tmp_path):
    p = tmp_path / "s.pdf"
    p.write_bytes(make_pdf(["2. Priorites", "I. Developper les relations", "- Un envoye special nomme en 2023."]))
    loaded = load(p)
    assert "Un envoye special nomme en 2023." in loaded.text
    assert "I. Developper les relations" in loaded.text


def test_corrupt_pdf_is_refused(tmp_path):
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(LoadError):
        load(p)
