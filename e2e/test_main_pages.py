"""The public pages, error pages and form components in a real browser: axe at 1280 and
320 px, keyboard, language, JavaScript off, and nothing loaded from outside 127.0.0.1."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.watch import is_outside, watched

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/", "/toegankelijkheid", "/privacy", "/contact"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page: Page, live_server: str, path: str):
    response = page.goto(live_server + path)

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    check_page(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_works_without_javascript(page_without_js: Page, live_server: str, path):
    page = page_without_js
    response = page.goto(live_server + path)

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    check_page(page)


def test_every_page_without_parameters_passes_axe(page: Page, live_app, live_server: str):
    """Each address that needs no parameters, as a visitor who is not signed in meets it
    (pages that need sign-in lead to the sign-in page)."""
    paths = sorted(
        rule.rule
        for rule in live_app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and not rule.rule.startswith(("/_e2e/", "/healthz", "/readyz", "/metrics"))
        # Data for scripts and API clients (the map's background, Open311), not pages.
        and not rule.rule.endswith((".json", ".xml"))
    )
    assert "/producten" in paths

    failures = []
    for path in paths:
        response = page.goto(live_server + path)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        try:
            check_page(page, state=f"reached from {path}")
        except AssertionError as failure:
            failures.append(str(failure))
    assert failures == [], "\n\n".join(failures)


def test_home_search_leads_to_a_product(page: Page, live_server: str):
    page.goto(live_server + "/")
    check_page(page)

    page.get_by_label("Wat wilt u regelen?").fill("paspoort")
    page.get_by_role("button", name="Zoeken").click()

    expect(page).to_have_url(re.compile(r"/zoeken\?q=paspoort$"))
    expect(page.get_by_role("link", name="Paspoort of ID-kaart aanvragen")).to_be_visible()
    check_page(page, state="results")


def test_home_search_works_without_javascript(page_without_js: Page, live_server: str):
    page = page_without_js
    page.goto(live_server + "/")
    check_page(page)

    page.get_by_label("Wat wilt u regelen?").fill("verhuizen")
    page.get_by_role("button", name="Zoeken").click()

    expect(page.get_by_role("link", name="Verhuizing doorgeven")).to_be_visible()
    check_page(page, state="results")


def test_home_leads_to_life_events_and_products(page: Page, live_server: str):
    page.goto(live_server + "/")
    check_page(page)

    page.get_by_role("link", name="Ik ga verhuizen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik ga verhuizen")
    check_page(page)

    page.go_back()
    page.get_by_role("link", name="Alle producten van A tot Z").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alle producten")
    check_page(page)


def test_not_found_page_is_accessible(page: Page, live_server: str):
    response = page.goto(live_server + "/bestaat-niet")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    check_page(page)


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        (400, "Dit verzoek kunnen wij niet verwerken"),
        (403, "U heeft geen toegang tot deze pagina"),
        (405, "Dit kan niet op deze pagina"),
        (413, "Het bestand is te groot"),
        (429, "Te veel pogingen"),
        (500, "Er ging iets mis bij ons"),
    ],
)
def test_error_page_is_accessible(page: Page, live_server: str, code: int, heading: str):
    response = page.goto(f"{live_server}/_e2e/fout/{code}")

    assert response.status == code
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page).to_have_title(re.compile(f"^{heading}"))
    expect(page.get_by_role("link", name="Ga naar de startpagina")).to_be_visible()
    check_page(page)


def test_skip_link_is_first_and_moves_focus_to_main(page: Page, live_server: str):
    page.goto(live_server + "/")
    check_page(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def test_language_switch_keeps_the_page(page: Page, live_server: str):
    page.goto(live_server + "/contact")
    check_page(page)

    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(live_server + "/contact")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    check_page(page, state="English")


def test_language_choice_is_kept_for_the_session(page: Page, live_server: str):
    page.goto(live_server + "/")
    check_page(page)
    page.get_by_role("link", name="English").click()
    check_page(page, state="English")

    page.goto(live_server + "/privacy")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, state="English")
    page.get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    check_page(page)


def test_pages_work_on_a_phone_without_sideways_scrolling(page: Page, live_server: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/")

    search = page.get_by_label("Wat wilt u regelen?")
    expect(search).to_be_visible()
    box = search.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
    check_page(page, state="phone")


def test_form_errors_are_summarised_focused_and_keep_what_was_typed(page: Page, live_server):
    page.goto(live_server + "/_e2e/formulier")
    check_page(page)
    page.get_by_label("Uw naam").fill("Jan Jansen")
    page.get_by_label("Dag", exact=True).fill("31")
    page.get_by_label("Maand", exact=True).fill("2")
    page.get_by_label("Jaar", exact=True).fill("2024")

    page.get_by_role("button", name="Versturen").click()

    expect(page).to_have_title(re.compile("^Fout: Proefformulier"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Er is een probleem")
    expect(page.get_by_label("Uw naam")).to_have_value("Jan Jansen")
    expect(page.get_by_label("Dag", exact=True)).to_have_value("31")
    description = page.get_by_label("Wat is er aan de hand?")
    expect(description).to_have_accessible_description(
        re.compile("Schrijf kort wat er kapot is.*Fout: Schrijf wat er aan de hand is")
    )
    check_page(page, state="errors")

    summary.get_by_role("link", name="Schrijf wat er aan de hand is").click()
    expect(description).to_be_focused()
    summary.get_by_role("link", name="Deze datum bestaat niet").click()
    expect(page.get_by_label("Dag", exact=True)).to_be_focused()
    summary.get_by_role("link", name="Kies waar het over gaat").click()
    expect(page.get_by_label("De straat")).to_be_focused()


def test_form_works_without_javascript(page_without_js: Page, live_server: str):
    page = page_without_js
    page.goto(live_server + "/_e2e/formulier")
    check_page(page)

    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_role("link", name="Vul uw naam in")).to_be_visible()
    check_page(page, state="errors")

    page.get_by_label("Uw naam").fill("Jan Jansen")
    page.get_by_label("Wat is er aan de hand?").fill("De lamp is kapot.")
    page.get_by_label("Het groen").check()
    page.get_by_label("Dinsdag").check()
    page.get_by_label("In welke wijk?").select_option("zuid")
    page.get_by_label("Dag", exact=True).fill("3")
    page.get_by_label("Maand", exact=True).fill("2")
    page.get_by_label("Jaar", exact=True).fill("2024")
    page.get_by_label("Ik heb alles goed ingevuld").check()
    page.get_by_role("button", name="Versturen").click()

    expect(page.get_by_text("Ontvangen: Jan Jansen")).to_be_visible()
    check_page(page, state="received")


def test_a_form_left_open_too_long_shows_what_was_typed(page: Page, live_server: str):
    page.goto(live_server + "/_e2e/formulier")
    check_page(page)
    page.get_by_label("Uw naam").fill("Jan Jansen")
    page.get_by_label("Wat is er aan de hand?").fill("De lamp bij nummer 12 is kapot.")
    # The session ends (time-out, sign-out elsewhere): the form's CSRF token no longer fits.
    page.context.clear_cookies()

    page.get_by_role("button", name="Versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("De pagina was te lang open")
    expect(page.get_by_text("Jan Jansen")).to_be_visible()
    expect(page.get_by_text("De lamp bij nummer 12 is kapot.")).to_be_visible()
    check_page(page, state="expired form")

    page.get_by_role("link", name="Open het formulier opnieuw").click()
    expect(page).to_have_url(live_server + "/_e2e/formulier")
    check_page(page)


def test_pages_load_everything_from_this_machine(page: Page, live_server: str):
    response = page.goto(live_server + "/")
    check_page(page)
    page.get_by_label("Wat wilt u regelen?").fill("paspoort")
    page.get_by_role("button", name="Zoeken").click()
    check_page(page, state="results")
    page.goto(live_server + "/producten/uittreksel-brp")
    check_page(page)

    # Without the content hash that url_for adds once `make assets` has run.
    loaded = {
        re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", urlsplit(url).path)
        for url in watched(page).requests
    }
    assert {
        "/static/vendor/utrecht-components.css",
        "/static/vendor/voorbeeld-theme.css",
        "/static/vendor/htmx.min.js",
        "/static/js/portal.js",
        "/static/img/logo.svg",
    } <= loaded
    assert watched(page).outside == []
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("url", "outside"),
    [
        ("http://127.0.0.1:5000/static/x.css", False),
        ("data:image/png;base64,AAAA", False),
        ("https://fonts.googleapis.com/css", True),
        ("http://localhost:5000/", True),
        ("wss://cdn.example/socket", True),
    ],
)
def test_requests_leaving_the_machine_are_recognised(url: str, outside: bool):
    assert is_outside(url) is outside


def test_a_too_large_upload_gets_the_file_too_big_page(page: Page, live_app, live_server, tmp_path):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8" + b"0" * live_app.config["MAX_CONTENT_LENGTH"])
    page.goto(live_server + "/_e2e/formulier")
    check_page(page)
    page.get_by_label("Foto").set_input_files(str(photo))

    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Versturen").click()

    assert navigation.value.status == 413
    expect(page.get_by_role("heading", level=1)).to_have_text("Het bestand is te groot")
    check_page(page, state="file too big")
