"""The receipt (ontvangstbevestiging) is an accessible, tagged PDF that holds no BSN."""

import io
import logging

import pytest
from flask_babel import refresh
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from portal.cases.receipt import FONT_DIR, LocalFontsOnly, receipt_pdf
from portal.extensions import db
from tests.cases.conftest import FATIMA


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_roles(reader: PdfReader) -> list[str]:
    """The role of every element of the structure tree, depth first."""
    roles = []

    def walk(node) -> None:
        node = node.get_object()
        if "/S" in node:
            roles.append(str(node["/S"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject) and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return roles


@pytest.fixture
def receipt_of(app):
    """The receipt as a reader of the request's language would get it."""

    def render(case, product_name=None, language="nl") -> PdfReader:
        with app.test_request_context("/", headers={"Accept-Language": language}):
            refresh()  # the test's app context may hold an earlier choice
            return read(receipt_pdf(case, product_name or case.product_name))

    return render


@pytest.fixture
def submitted(new_case, resident):
    case = new_case("terrasvergunning", actor=resident(FATIMA, "Ayşe Yılmaz"))
    db.session.commit()
    return case


def test_the_receipt_is_tagged(receipt_of, submitted):
    catalog = receipt_of(submitted).trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_the_structure_has_headings_and_a_table_with_row_headers(receipt_of, submitted):
    roles = structure_roles(receipt_of(submitted))
    assert roles.count("/H1") == 1
    assert roles.count("/H2") == 3
    assert roles.index("/H1") < roles.index("/H2")
    assert "/Table" in roles
    assert roles.count("/TH") == roles.count("/TD") >= 5


def test_the_receipt_has_a_title_and_the_readers_language(receipt_of, submitted):
    dutch = receipt_of(submitted)
    assert dutch.trailer["/Root"]["/Lang"] == "nl"
    assert dutch.metadata.title == f"Ontvangstbevestiging {submitted.number}"
    english = receipt_of(submitted, language="en")
    assert english.trailer["/Root"]["/Lang"] == "en"
    assert submitted.number in english.metadata.title


def test_the_receipt_states_the_facts(receipt_of, submitted):
    text = text_of(receipt_of(submitted))
    assert f"Zaaknummer {submitted.number}" in text
    assert "Onderwerp Terrasvergunning" in text
    assert "Ontvangen op" in text
    assert "Verwacht klaar" in text
    assert "Wat gebeurt er nu?" in text
    assert "Team Vergunningen" in text and "14 0123" in text
    assert "vergunningen@voorbeeld.example" in text


def test_names_outside_latin_1_come_out_as_written(receipt_of, submitted):
    reader = receipt_of(submitted, "Vergunning voor Café Ōsaka – Dvořák")
    fonts = [str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("DejaVu" in font for font in fonts)
    text = text_of(reader)
    assert "Aangevraagd door Ayşe Yılmaz" in text
    assert "Vergunning voor Café Ōsaka – Dvořák" in text
    assert "?" not in text.replace("Wat gebeurt er nu?", "").replace("Heeft u een vraag?", "")


def test_an_open_ended_case_says_we_will_let_you_know(receipt_of, new_case):
    case = new_case("vraag-over-woz")
    db.session.commit()
    assert case.expected_completion is None
    assert "Verwacht klaar Wij laten u weten wanneer" in text_of(receipt_of(case))


def test_the_receipt_holds_no_bsn(receipt_of, submitted):
    reader = receipt_of(submitted)
    assert submitted.party_identifier == FATIMA
    assert FATIMA not in text_of(reader)
    assert all(FATIMA not in str(value) for value in reader.metadata.values())
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert FATIMA.encode() not in xmp


def test_weasyprint_has_nothing_to_complain_about(receipt_of, submitted, caplog):
    # Errors here mean a missing language, a font that did not load or a refused address.
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        receipt_of(submitted)
    assert [record.getMessage() for record in caplog.records] == []


def test_the_receipt_fetches_nothing_but_local_fonts():
    fetcher = LocalFontsOnly(allowed_protocols=("file",))
    font = fetcher.fetch((FONT_DIR / "DejaVuSans.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    font.close()
    for url in (
        "https://fonts.example/font.woff2",
        "file:///etc/passwd",
        (FONT_DIR / ".." / ".." / ".." / ".." / "etc" / "passwd").as_uri(),
        "data:text/css,body{}",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_resident_downloads_the_receipt_in_english(client, sign_in, new_case):
    case = new_case("parkeervergunning-bewoners")
    db.session.commit()
    sign_in("inwoner")
    receipt = case.documents[0]
    url = f"/mijn-zaken/{case.number}/documenten/{receipt.id}"
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = read(response.data)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert case.number in text_of(reader)
