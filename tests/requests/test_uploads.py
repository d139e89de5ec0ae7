"""Uploads: type by content, size and count limits, photo metadata removed, B1 errors, the
file linked to the case."""

import io
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from portal.cases.models import Case
from portal.extensions import db
from portal.requests.models import Draft, DraftUpload
from tests.requests.conftest import PDF, png_bytes, text_of, upload


def _to_drawing(walker):
    walker.begin("terrasvergunning")
    walker.post({})
    walker.post({"oppervlakte_m2": "24", "tafels": "6", "periode": "zomer"})
    assert walker.step_name == "tekening"


def _stored(app, upload_row) -> bytes:
    return (Path(app.config["FILE_STORE_PATH"]) / upload_row.path).read_bytes()


def test_a_file_is_judged_by_its_content_not_its_name(signed_in, walker):
    signed_in("ondernemer")
    _to_drawing(walker)
    response = walker.post({"tekening": upload(b"just some text, not a drawing", "tekening.pdf")})
    assert response.status_code == 422
    assert "Het bestand tekening.pdf is geen PDF, JPG of PNG." in text_of(response)
    assert db.session.scalars(select(DraftUpload)).all() == []


def test_a_file_that_is_too_large_is_refused(signed_in, walker):
    signed_in("ondernemer")
    _to_drawing(walker)
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = walker.post({"tekening": upload(big, "groot.pdf")})
    assert response.status_code == 422
    assert "Het bestand groot.pdf is groter dan 10 MB." in text_of(response)


def test_no_more_files_than_allowed(signed_in, walker):
    signed_in("ondernemer")
    _to_drawing(walker)
    files = [upload(PDF, f"tekening-{n}.pdf") for n in range(4)]
    response = walker.post({"tekening": files})
    assert response.status_code == 422
    assert "U kunt hier maximaal 3 bestanden toevoegen." in text_of(response)
    assert len(db.session.scalars(select(DraftUpload)).all()) == 3


def test_a_required_file_must_be_added(signed_in, walker):
    signed_in("ondernemer")
    _to_drawing(walker)
    response = walker.post({})
    assert response.status_code == 422
    assert "Voeg een tekening van het terras toe." in text_of(response)


def test_photo_metadata_is_removed(signed_in, walker, app):
    signed_in("ondernemer")
    _to_drawing(walker)
    photo = png_bytes(exif_make="Telefoon van Ahmed", fmt="JPEG")
    assert Image.open(io.BytesIO(photo)).getexif()
    assert walker.post({"tekening": upload(photo, "foto.jpg")}).status_code == 302
    stored = _stored(app, db.session.scalars(select(DraftUpload)).one())
    assert b"Telefoon van Ahmed" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_file_can_be_removed_before_sending(signed_in, walker, client, app):
    signed_in("ondernemer")
    _to_drawing(walker)
    step_url = walker.location
    walker.post({"tekening": upload(PDF, "eerste.pdf")})
    row = db.session.scalars(select(DraftUpload)).one()
    path = Path(app.config["FILE_STORE_PATH"]) / row.path
    token = db.session.scalars(select(Draft)).one().token
    url = f"/aanvragen/terrasvergunning/{token}/bestanden/{row.token}/verwijderen"
    response = client.post_form(url, {"stap": "tekening"}, page=step_url)
    assert response.status_code == 302
    assert db.session.scalars(select(DraftUpload)).all() == []
    assert not path.exists()


def test_files_are_linked_to_the_case(signed_in, walker, app):
    signed_in("ondernemer")
    _to_drawing(walker)
    walker.post({"tekening": [upload(PDF, "a.pdf"), upload(png_bytes(), "b.png")]})
    walker.post({"email": "ahmed@cafedezon.example"})
    walker.post({"verklaring": "y"})
    case = db.session.scalars(select(Case)).one()
    attached = {d.name: d for d in case.documents if d.kind == "bijlage"}
    assert set(attached) == {"a.pdf", "b.png"}
    assert (Path(app.config["FILE_STORE_PATH"]) / attached["a.pdf"].path).read_bytes() == PDF
    assert db.session.scalars(select(DraftUpload)).all() == []
