"""The public pages, the language choice and the error pages."""

import pytest
from bs4 import BeautifulSoup
from flask import abort, g
from sqlalchemy import text

from portal.catalog import demo as catalog_demo
from portal.extensions import db

PAGES = ["/", "/toegankelijkheid", "/privacy", "/contact"]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_title_and_one_heading(client, path):
    response = client.get(path)

    assert response.status_code == 200
    page = soup_of(response)
    assert page.title.get_text().endswith("– Gemeente Voorbeeld")
    assert len(page.find_all("h1")) == 1


def test_every_page_has_skip_link_landmarks_and_live_region(client):
    page = soup_of(client.get("/"))

    first_link = page.body.find("a")
    assert first_link["href"] == "#main"
    assert first_link.get_text(strip=True) == "Direct naar de inhoud"
    assert page.find("main", id="main")["tabindex"] == "-1"
    assert page.find("header") and page.find("footer")
    live = page.find(id="live-region")
    assert live["role"] == "status" and live.get_text(strip=True) == ""


def test_footer_links_to_accessibility_privacy_and_contact(client):
    footer = soup_of(client.get("/")).find("footer")

    hrefs = {a["href"] for a in footer.find_all("a")}
    assert {"/toegankelijkheid", "/privacy", "/contact"} <= hrefs


def test_pages_load_only_own_scripts_and_styles(client):
    page = soup_of(client.get("/"))

    sources = [s["src"] for s in page.find_all("script")]
    assert all(src.startswith("/static/") for src in sources)
    assert not [s for s in page.find_all("script") if not s.get("src")]
    assert not page.find_all(style=True)
    assert not page.find_all("style")


@pytest.fixture
def catalog(app):
    catalog_demo.load()
    db.session.commit()
    return app


def test_home_searches_the_catalogue(client):
    form = soup_of(client.get("/")).find("form", role="search")

    assert form["method"] == "get" and form["action"] == "/zoeken"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == (
        "Wat wilt u regelen?"
    )


def test_home_leads_to_popular_products_and_life_events(catalog, client):
    main = soup_of(client.get("/")).main

    hrefs = {a["href"] for a in main.find_all("a")}
    assert "/producten/verhuizing-doorgeven" in hrefs
    assert "/levensgebeurtenissen/ik-ga-verhuizen" in hrefs
    assert "/producten" in hrefs
    assert {"/mijn-zaken", "/berichten"} <= hrefs


def test_home_without_a_catalogue_still_offers_search_and_help(client):
    main = soup_of(client.get("/")).main

    assert main.find("form", role="search")
    assert main.find("h2", string="Hulp nodig?")
    assert main.find("h2", string="Veel gezocht") is None


def test_language_switch_remembers_english(client):
    response = client.get("/taal/en?next=/contact")

    assert response.status_code == 302
    assert response.headers["Location"] == "/contact"
    page = soup_of(client.get("/contact"))
    assert page.html["lang"] == "en"
    english = page.find("a", attrs={"hreflang": "en"})
    assert english["aria-current"] == "true"
    assert page.find("a", attrs={"hreflang": "nl"}).get("aria-current") is None


def test_language_links_return_to_the_same_page(client):
    page = soup_of(client.get("/contact?x=1"))

    english = page.find("a", attrs={"hreflang": "en"})
    assert english["href"] == "/taal/en?next=/contact?x%3D1"
    assert english["lang"] == "en" and english.get_text() == "English"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/\r\nSet-Cookie:x=1",
        "",
    ],
)
def test_language_switch_never_redirects_to_another_site(client, target):
    response = client.get("/taal/nl", query_string={"next": target})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_browser_language_counts_until_a_choice_is_made(client):
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}

    assert soup_of(client.get("/", headers=english_browser)).html["lang"] == "en"
    client.get("/taal/nl")
    assert soup_of(client.get("/", headers=english_browser)).html["lang"] == "nl"


def test_unsupported_browser_language_gets_dutch(client):
    page = soup_of(client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}))

    assert page.html["lang"] == "nl"


def test_a_stored_language_comes_from_the_sources(app, client):
    """The profile area plugs in through `language_sources`."""
    app.extensions["language_sources"].append(lambda: "en")
    assert soup_of(client.get("/")).html["lang"] == "en"
    # An explicit choice in this session goes first.
    client.get("/taal/nl")
    assert soup_of(client.get("/")).html["lang"] == "nl"


def test_the_language_link_stores_nothing(app, client):
    """A GET changes no lasting state (issue 14, item 13): nothing but the session."""
    assert "language_savers" not in app.extensions
    client.get("/taal/en")
    assert soup_of(app.test_client().get("/")).html["lang"] == "nl"


def test_unknown_language_is_not_found(client):
    assert client.get("/taal/fr").status_code == 404


@pytest.fixture
def failing_routes(app):
    app.add_url_rule("/test/fout/<int:code>", "test_abort", lambda code: abort(code))
    app.add_url_rule("/test/formulier", "test_form", lambda: "ok", methods=["GET", "POST"])
    app.add_url_rule("/test/alleen-post", "test_post_only", lambda: "ok", methods=["POST"])

    def crash():
        raise RuntimeError("broken")

    app.add_url_rule("/test/crash", "test_crash", crash)
    return app


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        (400, "Dit verzoek kunnen wij niet verwerken"),
        (403, "U heeft geen toegang tot deze pagina"),
        (404, "Deze pagina bestaat niet"),
        (413, "Het bestand is te groot"),
        (429, "Te veel pogingen"),
        (500, "Er ging iets mis bij ons"),
    ],
)
def test_error_page_explains_in_plain_dutch(failing_routes, client, code, heading):
    response = client.get(f"/test/fout/{code}")

    assert response.status_code == code
    page = soup_of(response)
    assert page.h1.get_text(strip=True) == heading
    assert page.title.get_text().startswith(heading)
    assert page.main.find("a", href="/")  # a way home


def test_unknown_page_is_404(client):
    response = client.get("/bestaat-niet")

    assert response.status_code == 404
    assert soup_of(response).h1.get_text(strip=True) == "Deze pagina bestaat niet"


def test_wrong_method_keeps_allow_header(client):
    response = client.post("/contact")

    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert soup_of(response).h1.get_text(strip=True) == "Dit kan niet op deze pagina"


def test_too_large_upload_says_the_file_is_too_big(failing_routes, client):
    failing_routes.config["MAX_CONTENT_LENGTH"] = 1024

    response = client.post("/test/formulier", data={"foto": "x" * 4096})

    assert response.status_code == 413
    assert "Het bestand is te groot" in soup_of(response).h1.get_text()


def test_unexpected_error_shows_calm_page(failing_routes, client):
    failing_routes.config["PROPAGATE_EXCEPTIONS"] = False

    response = client.get("/test/crash")

    assert response.status_code == 500
    assert "broken" not in response.get_data(as_text=True)
    assert soup_of(response).h1.get_text(strip=True) == "Er ging iets mis bij ons"


def test_expired_form_shows_back_what_was_typed(failing_routes, client):
    response = client.post(
        "/test/formulier",
        data={
            "omschrijving": "De lamp bij nummer 12 is kapot",
            "naam": "Jan Jansen",
            "password": "geheim-wachtwoord",
            "bsn": "999990007",
            "csrf_token": "verlopen-token",
        },
        headers={"Origin": "http://localhost"},
    )

    assert response.status_code == 400
    page = soup_of(response)
    assert page.h1.get_text(strip=True) == "De pagina was te lang open"
    shown = page.find("dl").get_text(" ", strip=True)
    assert "De lamp bij nummer 12 is kapot" in shown
    assert "Jan Jansen" in shown
    html = response.get_data(as_text=True)
    assert "geheim-wachtwoord" not in html
    assert "999990007" not in html
    assert "verlopen-token" not in html
    assert page.find("a", string="Open het formulier opnieuw")["href"] == "/test/formulier"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://aanvaller.example"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
        {},
    ],
    ids=["other-origin", "cross-site-fetch", "no-origin"],
)
def test_a_post_from_elsewhere_is_not_shown_back(failing_routes, client, headers):
    """Issue 14, item 12: a page elsewhere must not get its text onto our pages."""
    text = "Bel direct 0900-OPLICHTER om uw DigiD te herstellen"
    response = client.post(
        "/test/formulier", data={"omschrijving": text, "csrf_token": "x"}, headers=headers
    )
    assert response.status_code == 400
    assert "0900-OPLICHTER" not in response.get_data(as_text=True)
    assert soup_of(response).find("dl") is None


def test_a_same_origin_fetch_is_shown_back(failing_routes, client):
    response = client.post(
        "/test/formulier",
        data={"omschrijving": "Lamp kapot", "csrf_token": "x"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert "Lamp kapot" in soup_of(response).find("dl").get_text()


def test_expired_form_without_text_shows_no_summary(failing_routes, client):
    response = client.post("/test/formulier", data={"csrf_token": "x"})

    assert response.status_code == 400
    assert soup_of(response).find("dl") is None


def test_expired_form_links_back_to_the_page_that_showed_it(failing_routes, client):
    response = client.post(
        "/test/alleen-post",
        data={"omschrijving": "Lamp kapot"},
        headers={"Referer": "http://localhost/mijn-zaken/Z-1?tab=berichten"},
    )

    link = soup_of(response).find("a", string="Open het formulier opnieuw")
    assert link["href"] == "/mijn-zaken/Z-1?tab=berichten"


def test_expired_form_never_links_to_another_site(failing_routes, client):
    response = client.post(
        "/test/formulier",
        data={"omschrijving": "Lamp kapot"},
        headers={"Referer": "https://evil.example/test/formulier"},
    )

    link = soup_of(response).find("a", string="Open het formulier opnieuw")
    assert link["href"] == "/test/formulier"


def test_expired_form_posted_to_a_post_only_address_sends_you_back(failing_routes, client):
    response = client.post(
        "/test/alleen-post",
        data={"omschrijving": "Lamp kapot"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    page = soup_of(response)
    assert page.find("a", string="Open het formulier opnieuw") is None
    assert "Ga terug naar de vorige pagina" in page.main.get_text()
    assert "Lamp kapot" in page.find("dl").get_text()


def test_a_failure_that_breaks_the_database_transaction_still_shows_the_calm_page(
    failing_routes, client
):
    failing_routes.config["PROPAGATE_EXCEPTIONS"] = False

    def broken_query():
        db.session.execute(text("SELECT * FROM no_such_table"))

    failing_routes.add_url_rule("/test/kapotte-query", "test_broken_query", broken_query)
    # The layout reads the database too, as the account menu does for a signed-in user.
    failing_routes.context_processor(lambda: {"probe": db.session.execute(text("SELECT 1"))})

    response = client.get("/test/kapotte-query")

    assert response.status_code == 500
    page = soup_of(response)
    assert page.h1.get_text(strip=True) == "Er ging iets mis bij ons"
    assert page.find("header")  # the full layout, not the bare page


def test_when_the_layout_fails_too_a_bare_page_remains(failing_routes, client):
    failing_routes.config["PROPAGATE_EXCEPTIONS"] = False

    def broken_layout():
        raise RuntimeError("the layout is broken")

    failing_routes.context_processor(lambda: {"broken": broken_layout()} if g.get("crash") else {})

    def crash_and_break_layout():
        g.crash = True
        raise RuntimeError("broken")

    failing_routes.add_url_rule("/test/alles-kapot", "test_all_broken", crash_and_break_layout)

    response = client.get("/test/alles-kapot")

    assert response.status_code == 500
    page = soup_of(response)
    assert page.h1.get_text(strip=True) == "Er ging iets mis bij ons"
    assert page.find("a", href="tel:140123")
    assert "Content-Security-Policy" in response.headers


def test_each_request_chooses_its_language_afresh(client):
    assert soup_of(client.get("/", headers={"Accept-Language": "en"})).html["lang"] == "en"
    assert soup_of(client.get("/", headers={"Accept-Language": "nl"})).html["lang"] == "nl"
