"""Photos of reports: checked by content and size, a decompression bomb refused before
decoding, metadata removed before storing, the GPS position offered as the place, and the
files served only to who may see them. Every image is made in code (`images`)."""

from __future__ import annotations

import io
import resource
import time
import tracemalloc
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from flask import current_app
from PIL import ExifTags, Image
from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.registries import demo
from portal.reports import drafts, photos
from portal.reports.models import ReportDraft, ReportPhoto
from portal.reports.photo_access import FOLLOWED_SESSION_KEY, may_view
from tests.reports.factories import make_report
from tests.reports.images import jpeg, png_bomb, png_with_text

INSIDE = (52.30025, 6.09383)  # Dorpsstraat 12 in the demo addresses
OUTSIDE = (52.3350, 6.1000)  # Gemeente Noordveen, north of the boundary
STEPS_DONE = {
    "description": "De lantaarnpaal brandt niet.",
    "category": "lantaarnpaal-kapot",
    "category_confirmed": True,
    "questions_done": True,
}
PLACE = {
    "latitude": 52.301,
    "longitude": 6.101,
    "label": "Dorpsstraat 1, 9999 AA Voorbeeld",
    "street": "Dorpsstraat",
    "area": "Centrum",
    "source": "zoeken",
    "place_id": "x",
}


@pytest.fixture
def in_request(app):
    """Messages are translated for the request's language."""
    with app.test_request_context():
        yield app


def _stored(path: str) -> bytes:
    return (Path(current_app.config["FILE_STORE_PATH"]) / path).read_bytes()


# --- accept: checking and cleaning --------------------------------------------------------


def test_stored_photo_has_no_exif_or_gps_and_stands_upright(app):
    entry = photos.accept(jpeg(size=(40, 30), gps=INSIDE, orientation=6), "lamp.jpg")

    stored = Image.open(io.BytesIO(_stored(entry["path"])))
    assert stored.format == "JPEG"
    assert stored.size == (30, 40)  # orientation 6: turned a quarter, as the camera meant
    assert not stored.getexif()
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(stored.info)
    assert b"Testcamera" not in _stored(entry["path"])
    thumbnail = Image.open(io.BytesIO(_stored(entry["thumbnail_path"])))
    assert thumbnail.format == "JPEG" and not thumbnail.getexif()
    assert entry["content_type"] == "image/jpeg" and entry["name"] == "lamp.jpg"


def test_png_keeps_its_type_and_loses_text_and_exif(app):
    entry = photos.accept(png_with_text(), "schets.png")

    stored = Image.open(io.BytesIO(_stored(entry["path"])))
    assert stored.format == "PNG" and stored.mode == "RGBA"
    assert not stored.getexif() and "Author" not in stored.info
    assert b"Fatima" not in _stored(entry["path"])


def test_big_photo_is_stored_smaller_with_a_small_thumbnail(app):
    entry = photos.accept(jpeg(size=(4000, 3000)), "groot.jpg")

    assert Image.open(io.BytesIO(_stored(entry["path"]))).size == (2560, 1920)
    assert Image.open(io.BytesIO(_stored(entry["thumbnail_path"]))).size == (320, 240)


def test_gps_position_is_read_in_decimal_degrees(app):
    north_east = photos.accept(jpeg(gps=(52.30012, 6.10034)), "a.jpg")["gps"]
    south_west = photos.accept(jpeg(gps=(-33.85678, -70.65432)), "b.jpg")["gps"]

    assert north_east == pytest.approx([52.30012, 6.10034], abs=1e-5)
    assert south_west == pytest.approx([-33.85678, -70.65432], abs=1e-5)
    assert photos.accept(jpeg(), "c.jpg")["gps"] is None


@pytest.mark.parametrize(
    "gps",
    [
        {1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (6.0, 0.0, 0.0)},  # beyond the pole
        {1: "N", 2: (52.0, 75.0, 0.0), 3: "E", 4: (6.0, 0.0, 0.0)},  # 75 minutes
        {1: "Q", 2: (52.0, 0.0, 0.0), 3: "E", 4: (6.0, 0.0, 0.0)},  # no such direction
        {2: (52.0, 0.0, 0.0), 4: (6.0, 0.0, 0.0)},  # no N/S/E/W at all
        {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)},  # 0,0: a camera without fix
        {1: "N", 2: (52.0, 0.0), 3: "E", 4: (6.0, 0.0, 0.0)},  # two parts, not three
    ],
)
def test_nonsense_gps_values_are_ignored(gps):
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(gps)
    assert photos.gps_position(exif) is None


def test_decompression_bomb_is_refused_quickly_with_little_memory(in_request):
    bomb = png_bomb(20_000, 20_000)  # 400 megapixels
    assert len(bomb) < 100_000
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()

    with pytest.raises(photos.PhotoRefused, match=r"bom\.png heeft te veel pixels"):
        photos.accept(bomb, "bom.png")

    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert seconds < 1
    assert peak < 5 * 1024 * 1024  # Python's own allocations
    assert grown_kb < 50 * 1024  # the process as a whole: decoding would add 400 MB


def test_too_many_pixels_below_pillows_own_limit_is_refused_too(in_request):
    with pytest.raises(photos.PhotoRefused, match="maximaal 25 megapixel"):
        photos.accept(png_bomb(8000, 6000), "poster.png")  # 48 MP: more than a PNG may


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "brief.pdf", "geen foto"),
        (b"Dit is gewoon tekst, geen foto.\n", "foto.jpg", "geen foto"),
        (b"", "leeg.jpg", "is leeg"),
        (jpeg()[:200], "kapot.jpg", "niet openen"),
    ],
)
def test_what_is_not_a_usable_photo_gets_a_message_with_its_name(in_request, data, name, message):
    with pytest.raises(photos.PhotoRefused) as refused:
        photos.accept(data, name)
    assert message in str(refused.value) and name in str(refused.value)


def test_a_photo_just_over_10_mb_is_refused(in_request):
    too_big = jpeg() + b"\x00" * (photos.MAX_BYTES + 1 - len(jpeg()))
    with pytest.raises(photos.PhotoRefused, match=r"groot\.jpg is groter dan 10 MB"):
        photos.accept(too_big, "groot.jpg")


def test_removing_an_entry_deletes_both_files(app):
    entry = photos.accept(jpeg(), "weg.jpg")
    root = Path(current_app.config["FILE_STORE_PATH"])

    photos.remove_entry(entry)
    photos.remove_entry(entry)  # twice is fine

    assert not (root / entry["path"]).exists()
    assert not (root / entry["thumbnail_path"]).exists()


def test_draft_photos_become_the_reports_and_a_result_photo_is_added(in_request):
    report = make_report()
    entry = photos.accept(jpeg(gps=INSIDE), "lamp.jpg")

    [photo] = photos.attach_to_report(report, [entry])
    from_bytes = photos.add_result_photo(report, jpeg(), "klaar.jpg")
    upload = FileStorage(io.BytesIO(jpeg()), filename="ook-klaar.jpg")
    from_upload = photos.add_result_photo(report, upload)
    db.session.flush()

    assert (photo.path, photo.is_result, photo.public_approved) == (entry["path"], False, False)
    assert from_bytes.is_result and from_upload.is_result
    assert not from_bytes.public_approved
    assert len(report.photos) == 3
    with pytest.raises(photos.PhotoRefused):
        photos.add_result_photo(report, b"geen foto", "x.jpg")


# --- the photos step ----------------------------------------------------------------------


def _draft(client, **data) -> ReportDraft:
    """A draft whose earlier steps are done, in the client's session; with the demo
    addresses, so a photo's position can be named."""
    demo.load()
    created = drafts.now()
    draft = ReportDraft(
        token=uuid.uuid4().hex,
        data={**STEPS_DONE, **data},
        started_at=created,
        updated_at=created,
        expires_at=created + timedelta(hours=1),
    )
    db.session.add(draft)
    db.session.commit()
    with client.session_transaction() as session:
        session[drafts.SESSION_KEY] = draft.token
    return draft


def _add(client, data: bytes, name: str, action: str = "toevoegen"):
    return client.post_form(
        "/melding/fotos",
        {"foto": (io.BytesIO(data), name), "actie": action},
        content_type="multipart/form-data",
    )


def _session_draft(client) -> ReportDraft:
    with client.session_transaction() as session:
        token = session[drafts.SESSION_KEY]
    return db.session.query(ReportDraft).filter_by(token=token).one()


def _photos_of(draft: ReportDraft) -> list[dict]:
    db.session.refresh(draft)
    return draft.data.get("photos", [])


def test_the_step_needs_the_earlier_steps(client):
    _draft(client, category_confirmed=False)
    response = client.get("/melding/fotos")
    assert response.status_code == 302 and response.location.endswith("/melding/categorie")


def test_a_photo_is_added_and_shown_as_a_thumbnail(client):
    draft = _draft(client, location=PLACE, duplicates_seen=True)

    page = client.get("/melding/fotos")
    assert (
        '<h1 class="utrecht-heading-1">Foto\'s toevoegen</h1>' in page.text
        and "Stap 4 van 5" in page.text
    )
    assert 'accept="image/*"' in page.text and "capture" not in page.text

    response = _add(client, jpeg(), "lamp.jpg")
    assert response.status_code == 303
    [entry] = _photos_of(draft)
    shown = client.get("/melding/fotos").text
    assert f'src="/melding/fotos/{entry["token"]}/klein"' in shown
    assert 'alt="Foto 1: lamp.jpg"' in shown
    assert "Verwijder" in shown


def test_the_thumbnail_is_served_to_this_session_only(app, client):
    _draft(client, location=PLACE, duplicates_seen=True)
    _add(client, jpeg(), "lamp.jpg")
    token = _photos_of(_session_draft(client))[0]["token"]

    small = client.get(f"/melding/fotos/{token}/klein")
    large = client.get(f"/melding/fotos/{token}/groot")
    stranger = app.test_client().get(f"/melding/fotos/{token}/klein")

    assert small.status_code == 200 and small.mimetype == "image/jpeg"
    assert small.headers["Cache-Control"] == "private, no-store"
    assert small.headers["X-Content-Type-Options"] == "nosniff"
    assert large.status_code == 200
    assert stranger.status_code == 404
    assert client.get("/melding/fotos/onbekend/klein").status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4\n%%EOF\n", "brief.pdf", "Het bestand brief.pdf is geen foto"),
        (b"tekst", "foto.jpg", "Het bestand foto.jpg is geen foto"),
        (b"", "leeg.jpg", "Het bestand leeg.jpg is leeg"),
    ],
)
def test_a_refused_file_gets_its_message_next_to_the_field_and_in_the_summary(
    client, data, name, message
):
    draft = _draft(client, location=PLACE, duplicates_seen=True)

    response = _add(client, data, name)

    assert response.status_code == 422
    assert response.text.count(message) == 2  # summary and field
    assert 'href="#foto"' in response.text and 'id="foto-error"' in response.text
    assert "<title>Fout: " in response.text
    assert _photos_of(draft) == []


def test_adding_without_choosing_a_photo_says_so(client):
    _draft(client, location=PLACE, duplicates_seen=True)
    response = client.post_form("/melding/fotos", {"actie": "toevoegen"})
    assert response.status_code == 422 and "Kies eerst een foto" in response.text


def test_a_fourth_photo_is_refused(client):
    draft = _draft(client, location=PLACE, duplicates_seen=True)
    for number in range(3):
        _add(client, jpeg(), f"foto{number}.jpg")
    assert "Meer kan niet" in client.get("/melding/fotos").text

    response = _add(client, jpeg(), "vierde.jpg")

    assert response.status_code == 422
    assert "Daarom kunnen wij vierde.jpg niet toevoegen" in response.text
    assert len(_photos_of(draft)) == 3


def test_a_body_over_the_request_limit_gets_the_message_on_the_page(client):
    _draft(client, location=PLACE, duplicates_seen=True)
    huge = b"\xff\xd8\xff" + b"\x00" * current_app.config["MAX_CONTENT_LENGTH"]

    response = _add(client, huge, "enorm.jpg")

    assert response.status_code == 413
    assert "De foto die u koos is groter dan 10 MB" in response.text
    assert 'id="foto-error"' in response.text and "Er is een probleem" in response.text


def test_removing_a_photo_deletes_it(client):
    draft = _draft(client, location=PLACE, duplicates_seen=True)
    _add(client, jpeg(), "weg.jpg")
    [entry] = _photos_of(draft)

    response = client.post_form(
        f"/melding/fotos/{entry['token']}/verwijderen", page="/melding/fotos"
    )

    assert response.status_code == 303
    assert _photos_of(draft) == []
    assert not (Path(current_app.config["FILE_STORE_PATH"]) / entry["path"]).exists()
    assert client.get(f"/melding/fotos/{entry['token']}/klein").status_code == 404
    again = client.post_form(f"/melding/fotos/{entry['token']}/verwijderen", page="/melding/fotos")
    assert again.status_code == 404


def test_doorgaan_finishes_the_step_without_photos(client):
    draft = _draft(client, location=PLACE, duplicates_seen=True)
    response = client.post_form("/melding/fotos", {"actie": "doorgaan"})
    assert response.status_code == 303 and response.location.endswith("/melding/contact")
    db.session.refresh(draft)
    assert draft.data["photos_done"] is True


def test_doorgaan_with_a_chosen_photo_adds_it_first(client):
    draft = _draft(client, location=PLACE, duplicates_seen=True)
    response = _add(client, jpeg(), "lamp.jpg", action="doorgaan")
    assert response.location.endswith("/melding/contact")
    assert len(_photos_of(draft)) == 1


# --- the GPS offer ------------------------------------------------------------------------


def test_no_offer_when_the_place_is_known(client):
    _draft(client, location=PLACE, duplicates_seen=True)
    _add(client, jpeg(gps=INSIDE), "lamp.jpg")
    assert "Is dat de plek?" not in client.get("/melding/fotos").text


def test_the_photos_place_is_offered_and_accepted(client):
    draft = _draft(client, place_from_photo=True)

    response = _add(client, jpeg(gps=INSIDE), "lamp.jpg")
    assert response.location.endswith("/melding/fotos#plek")
    page = client.get("/melding/fotos").text
    assert "Deze foto is gemaakt bij " in page and "Is dat de plek?" in page
    token = _photos_of(draft)[0]["token"]

    answer = client.post_form("/melding/fotos", {"foto_token": token, "plek": "ja"})

    db.session.refresh(draft)
    location = draft.data["location"]
    assert location["source"] == "foto"
    assert (location["latitude"], location["longitude"]) == pytest.approx(INSIDE, abs=1e-5)
    assert location["label"]
    # With the place known, the duplicate check comes next; then the photos step again.
    assert answer.location.endswith("/melding/lijkt-op")


def test_the_offer_names_the_nearest_address(client):
    _draft(client, place_from_photo=True)
    _add(client, jpeg(gps=INSIDE), "lamp.jpg")
    page = client.get("/melding/fotos").text
    assert "Deze foto is gemaakt bij Dorpsstraat 12. Is dat de plek?" in page


def test_a_declined_offer_is_not_asked_again(client):
    draft = _draft(client, place_from_photo=True)
    _add(client, jpeg(gps=INSIDE), "lamp.jpg")
    token = _photos_of(draft)[0]["token"]

    client.post_form("/melding/fotos", {"foto_token": token, "plek": "nee"})

    assert "Is dat de plek?" not in client.get("/melding/fotos").text
    assert "location" not in draft.data
    done = client.post_form("/melding/fotos", {"actie": "doorgaan"})
    assert done.location.endswith("/melding/plek")  # the place step comes back


def test_doorgaan_stops_to_ask_about_a_new_photos_place(client):
    _draft(client, place_from_photo=True)
    response = _add(client, jpeg(gps=INSIDE), "lamp.jpg", action="doorgaan")
    assert response.location.endswith("/melding/fotos#plek")


def test_a_place_outside_the_municipality_is_refused_with_who_to_tell(client):
    draft = _draft(client, place_from_photo=True)
    _add(client, jpeg(gps=OUTSIDE), "elders.jpg")
    token = _photos_of(draft)[0]["token"]

    page = client.get("/melding/fotos").text
    forged = client.post_form("/melding/fotos", {"foto_token": token, "plek": "ja"})

    assert "Is dat de plek?" not in page
    assert "deze plek kunt u niet bij ons melden" in page and "Gemeente Noordveen" in page
    assert forged.location.endswith("/melding/fotos")
    db.session.refresh(draft)
    assert "location" not in draft.data


# --- who may see a report's photos --------------------------------------------------------


@pytest.fixture
def report_photo(app):
    report = make_report()  # of Fatima, persona "inwoner"
    [photo] = photos.attach_to_report(report, [photos.accept(jpeg(), "lamp.jpg")])
    db.session.commit()
    return photo


def _url(photo: ReportPhoto, size: str = "klein") -> str:
    return f"/meldingen/foto/{photo.id}/{size}"


def test_nobody_else_sees_a_report_photo(client, report_photo):
    assert client.get(_url(report_photo)).status_code == 404
    assert client.get("/meldingen/foto/99999999/klein").status_code == 404
    assert client.get("/meldingen/foto/99999999999999999999/klein").status_code == 404


def test_the_signed_in_party_sees_the_photo(sign_in, report_photo):
    client = sign_in("inwoner")
    response = client.get(_url(report_photo, "groot"))
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["Cache-Control"] == "private, no-store"


def test_another_resident_does_not(sign_in, report_photo):
    assert sign_in("ondernemer").get(_url(report_photo)).status_code == 404


def test_a_case_handler_sees_the_photo_and_an_editor_does_not(app, report_photo):
    from tests.support.auth import sign_in as sign_in_persona

    handler, editor = app.test_client(), app.test_client()
    sign_in_persona(handler, "behandelaar-openbare-ruimte")
    sign_in_persona(editor, "redacteur")
    assert handler.get(_url(report_photo)).status_code == 200
    assert editor.get(_url(report_photo)).status_code == 404


def test_a_follower_who_came_through_the_follow_link_sees_the_photo(client, report_photo):
    with client.session_transaction() as session:
        session[FOLLOWED_SESSION_KEY] = [report_photo.report_id]
    assert client.get(_url(report_photo)).status_code == 200


def test_an_approved_photo_is_public_and_may_be_cached(client, report_photo):
    report_photo.public_approved = True
    db.session.commit()
    response = client.get(_url(report_photo))
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("public")


def test_may_view_takes_the_followed_reports_as_given(app, report_photo):
    assert may_view(report_photo, None, followed={report_photo.report_id})
    assert not may_view(report_photo, None, followed=set())
    assert not may_view(report_photo, None, followed={report_photo.report_id + 1})


def test_photo_url_for_drafts_and_reports(app, report_photo):
    entry = {"token": "abc"}
    assert photos.photo_url(entry, thumbnail=True).endswith("/melding/fotos/abc/klein")
    assert photos.photo_url(report_photo).endswith(f"/meldingen/foto/{report_photo.id}/groot")
