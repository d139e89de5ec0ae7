"""File names are shown and kept without folders or invisible characters, with the extension
of the sniffed type (issue 14, item 16)."""

import io

import pytest

from portal.cases import files
from portal.components.file_names import display_name

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("factuur.pdf", "application/pdf", "factuur.pdf"),
        ("factuur.exe", "application/pdf", "factuur.pdf"),
        ("foto.JPG", "image/jpeg", "foto.jpg"),
        ("foto.jpeg", "image/jpeg", "foto.jpeg"),
        ("scan", "image/png", "scan.png"),
        ("C:\\Users\\jan\\Documenten\\brief.pdf", "application/pdf", "brief.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("factuur\u202egpj.exe", "image/jpeg", "factuurgpj.jpg"),
        ("nul\x00teken\x07.pdf", "application/pdf", "nulteken.pdf"),
        ("zero\u200bwidth.pdf", "application/pdf", "zerowidth.pdf"),
        ("regel\u2028twee.pdf", "application/pdf", "regeltwee.pdf"),
        ("\u202e.pdf", "application/pdf", "document.pdf"),
        ("", "application/pdf", "document.pdf"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 96 + ".pdf"),
    ],
)
def test_display_name(name, content_type, expected):
    assert display_name(name, content_type) == expected


def test_without_a_type_only_invisible_characters_go():
    assert display_name("melding\u202e.txt") == "melding.txt"
    assert display_name(None, fallback="uw foto") == "uw foto"


def test_a_stored_file_keeps_the_sniffed_extension(app):
    class Upload:
        filename = "rapport\u202efdp.exe"
        stream = io.BytesIO(PDF)

    stored = files.store(Upload())
    assert stored.path.endswith(".pdf")
    assert stored.name == "rapportfdp.pdf"
    assert stored.content_type == "application/pdf"
