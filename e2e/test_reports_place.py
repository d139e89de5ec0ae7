"""The place step "Waar is het?" in the browser: suggestions while typing and choosing with the
keyboard only; the map opened on request (axe with the map open, a pin placed with the
keyboard, nothing fetched from outside 127.0.0.1); "Gebruik mijn locatie" at a place that
is not ours; and the whole step without JavaScript.

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

pytestmark = pytest.mark.browser

EARLIER_STEPS = {
    "description": "De lantaarnpaal brandt niet.",
    "category": "lantaarnpaal-kapot",
    "category_confirmed": True,
    "questions_done": True,
}


def _open_place_step(page: Page, live_app, live_server: str, query: str = "") -> str:
    """A draft with the steps before the place done, in this browser's session."""
    with live_app.app_context():
        created = drafts.now()
        draft = ReportDraft(
            token=uuid.uuid4().hex,
            data=dict(EARLIER_STEPS),
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
    page.goto(f"{live_server}/melding/plek{query}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar is het?")
    return draft.token


def _location(live_app, token: str) -> dict | None:
    with live_app.app_context():
        draft = db.session.query(ReportDraft).filter_by(token=token).one()
        location = (draft.data or {}).get("location")
        db.session.remove()
    return location


def _assets(page: Page) -> list[str]:
    return page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")


def test_suggestions_while_typing_and_choosing_with_the_keyboard(page: Page, live_app, live_server):
    token = _open_place_step(page, live_app, live_server)
    check_page(page, state="first visit")
    assert not [url for url in _assets(page) if "leaflet" in url or "reports-map" in url]

    box = page.get_by_label("Adres of straat")
    box.focus()
    page.keyboard.type("lindelaan 45", delay=60)
    expect(page.get_by_role("radio")).to_have_count(2)
    expect(page.locator("#place-status")).to_have_text("2 plekken gevonden")
    check_page(page, state="suggestions while typing")

    page.keyboard.press("ArrowDown")  # from the search box into the list
    expect(page.get_by_role("radio", name="Lindelaan 45A, 9999 AC Voorbeeld")).to_be_focused()
    page.keyboard.press("ArrowDown")  # arrow keys move between the places and choose
    expect(page.get_by_role("radio", name="Lindelaan 45B, 9999 AC Voorbeeld")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Doorgaan")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/melding/(?!plek)"))
    check_page(page, state="after the place step")
    assert _location(live_app, token)["label"] == "Lindelaan 45B, 9999 AC Voorbeeld"


def test_the_map_opens_on_request_and_a_pin_is_placed_with_the_keyboard(
    page: Page, live_app, live_server
):
    token = _open_place_step(page, live_app, live_server)
    page.get_by_role("link", name="Kies de plek op de kaart").click()
    page.wait_for_url(re.compile(r"kaart=1"))
    expect(page.locator(".leaflet-container")).to_be_visible()
    # The demo streets and the boundary are drawn without any tile service.
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()
    # Under its content-hashed name once `make assets` has run (portal/static_files.py).
    leaflet = re.compile(r"vendor/leaflet/leaflet(\.[0-9a-f]{12})?\.js$")
    assert [url for url in _assets(page) if leaflet.search(url)]
    check_page(page, state="map open")

    page.get_by_role("region", name="Kaart om de plek te kiezen").focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")  # pan the map: the cross moves west over the town
    page.get_by_role("button", name="Plek in het midden kiezen").click()
    use = page.get_by_role("button", name="Deze plek gebruiken")
    expect(use).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    check_page(page, state="pin placed")
    use.click()
    page.wait_for_url(re.compile(r"/melding/(?!plek)"))
    check_page(page, state="after the map")
    location = _location(live_app, token)
    assert location["source"] == "kaart"
    assert 52.28 < location["latitude"] < 52.32 and 6.07 < location["longitude"] < 6.13


def test_my_location_outside_the_municipality_says_who_to_tell(page: Page, live_app, live_server):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 52.3090, "longitude": 6.1050})  # the railway
    token = _open_place_step(page, live_app, live_server)
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(
        page.get_by_role("heading", name="Deze plek hoort niet bij Gemeente Voorbeeld")
    ).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="ProRail")).to_be_visible()
    check_page(page, state="not ours")
    assert _location(live_app, token) is None


def test_the_place_step_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    token = _open_place_step(page, live_app, live_server)
    check_page(page)
    expect(page.get_by_role("button", name="Gebruik mijn locatie")).to_be_hidden()

    page.get_by_label("Adres of straat").fill("x")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="too short")

    page.get_by_label("Adres of straat").fill("kerkweg")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("link", name="Kies een adres of straat uit de lijst.")).to_be_visible()
    check_page(page, state="nothing chosen")

    page.get_by_role("link", name="Kies de plek op de kaart").click()
    expect(page.get_by_text("De kaart werkt alleen met JavaScript.")).to_be_visible()
    check_page(page, state="map without JavaScript")

    page.get_by_label("Kerkweg 10, 9999 AB Voorbeeld").check()
    page.get_by_role("button", name="Doorgaan").click()
    page.wait_for_url(re.compile(r"/melding/(?!plek)"))
    check_page(page, state="after the place step")
    assert _location(live_app, token)["label"] == "Kerkweg 10, 9999 AB Voorbeeld"
