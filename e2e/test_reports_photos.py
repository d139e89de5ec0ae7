"""The photos step of making a report, in the browser: choose a file, see the thumbnail, meet
each error (no photo chosen, not a photo, larger than the request limit), answer the offer
"Deze foto is gemaakt bij Dorpsstraat 12. Is dat de plek?", remove a photo. Once with
JavaScript and once without; axe on every page and state.

The draft is made directly with the earlier steps done, and its token put in the browser's
session cookie, the way the portal does it after those steps.
"""

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from portal.extensions import db
from portal.reports import drafts
from portal.reports.models import ReportDraft
from tests.reports.images import jpeg

pytestmark = pytest.mark.browser

DORPSSTRAAT_12 = (52.30025, 6.09383)
OFFER = "Deze foto is gemaakt bij Dorpsstraat 12. Is dat de plek?"


def _open_photos_step(page: Page, live_app, live_server: str) -> None:
    """A draft whose place is to come from a photo, in this browser's session."""
    with live_app.app_context():
        created = drafts.now()
        draft = ReportDraft(
            token=uuid.uuid4().hex,
            data={
                "description": "De lantaarnpaal brandt niet.",
                "category": "lantaarnpaal-kapot",
                "category_confirmed": True,
                "questions_done": True,
                "place_from_photo": True,
            },
            started_at=created,
            updated_at=created,
            expires_at=created + timedelta(hours=1),
        )
        db.session.add(draft)
        db.session.commit()
        cookie = live_app.session_interface.get_signing_serializer(live_app).dumps(
            {drafts.SESSION_KEY: draft.token}
        )
        db.session.remove()
    name = live_app.config["SESSION_COOKIE_NAME"]
    page.context.add_cookies([{"name": name, "value": cookie, "url": live_server}])
    page.goto(f"{live_server}/melding/fotos")
    expect(page.get_by_role("heading", level=1)).to_have_text("Foto's toevoegen")


def _add(page: Page, name: str, data: bytes, mime: str = "image/jpeg") -> None:
    page.get_by_label("Foto", exact=True).set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_role("button", name="Foto toevoegen").click()


def _expect_error(page: Page, message: str, state: str) -> None:
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name=message)).to_be_visible()  # in the summary
    expect(page.locator("#foto-error")).to_contain_text(message)  # next to the field
    check_page(page, state=state)


def _thumbnail_loaded(page: Page, alt: str) -> None:
    image = page.get_by_role("img", name=alt)
    expect(image).to_be_visible()
    # Visible is not yet loaded: wait for the browser to finish (or fail) loading the file.
    image.evaluate(
        "img => img.complete || new Promise(done => {"
        " img.addEventListener('load', done, {once: true});"
        " img.addEventListener('error', done, {once: true}); })"
    )
    assert image.evaluate("img => img.naturalWidth > 0")


def test_photos_with_errors_thumbnail_and_the_place_offer(
    page: Page, live_app, live_server, tmp_path
):
    _open_photos_step(page, live_app, live_server)
    check_page(page, state="no photos yet")

    page.get_by_role("button", name="Foto toevoegen").click()
    _expect_error(page, "Kies eerst een foto. Klik daarna op ‘Foto toevoegen’.", "nothing chosen")

    _add(page, "foto.jpg", b"Dit is tekst, geen foto.", "image/jpeg")
    _expect_error(
        page,
        "Het bestand foto.jpg is geen foto die wij kunnen gebruiken. "
        "Kies een foto van het type JPG of PNG.",
        "not a photo",
    )

    # From disk: the browser reads it itself, faster than sending 25 MB through Playwright.
    too_big = tmp_path / "enorm.jpg"
    too_big.write_bytes(b"\xff\xd8\xff" + b"\x00" * live_app.config["MAX_CONTENT_LENGTH"])
    page.get_by_label("Foto", exact=True).set_input_files(too_big, timeout=60_000)
    page.get_by_role("button", name="Foto toevoegen").click()
    _expect_error(
        page, "De foto die u koos is groter dan 10 MB. Kies een kleinere foto.", "too large"
    )

    _add(page, "lamp.jpg", jpeg(size=(800, 600), gps=DORPSSTRAAT_12))
    expect(page).to_have_url(re.compile(r"/melding/fotos#plek$"))
    _thumbnail_loaded(page, "Foto 1: lamp.jpg")
    expect(page.get_by_role("group", name=OFFER)).to_be_visible()
    check_page(page, state="a photo and the place offer")

    page.get_by_role("button", name="Nee").click()
    expect(page.get_by_text(OFFER)).to_have_count(0)
    check_page(page, state="offer declined")

    _add(page, "nog-een.jpg", jpeg(gps=DORPSSTRAAT_12))
    expect(page.get_by_role("group", name=OFFER)).to_be_visible()
    page.get_by_role("button", name="Ja").click()
    # The place is known now: the duplicate check comes first (it shows nothing when there
    # are no reports near), then the photos again.
    expect(page).to_have_url(re.compile(r"/melding/(lijkt-op|fotos)$"))
    check_page(page, state="after the photo gave the place")

    if not page.url.endswith("/melding/fotos"):
        page.goto(f"{live_server}/melding/fotos")
        check_page(page)
    expect(page.get_by_text(OFFER)).to_have_count(0)
    page.get_by_role("button", name="Verwijder Foto 1: lamp.jpg").click()
    expect(page.get_by_role("img", name="Foto 1: lamp.jpg")).to_have_count(0)
    _thumbnail_loaded(page, "Foto 1: nog-een.jpg")
    check_page(page, state="one photo removed")


def test_photos_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    _open_photos_step(page, live_app, live_server)
    check_page(page, state="no photos yet")

    for number in range(1, 4):
        _add(page, f"foto{number}.jpg", jpeg())
    for number in range(1, 4):
        expect(page.get_by_role("img", name=f"Foto {number}: foto{number}.jpg")).to_be_visible()
    expect(page.get_by_text("U heeft 3 foto's toegevoegd. Meer kan niet.")).to_be_visible()
    expect(page.get_by_label("Foto", exact=True)).to_have_count(0)
    check_page(page, state="three photos")

    page.get_by_role("button", name="Doorgaan").click()
    # No photo gave a place, so the place step comes back.
    expect(page).to_have_url(re.compile(r"/melding/plek$"))
    check_page(page, state="place step after the photos")
