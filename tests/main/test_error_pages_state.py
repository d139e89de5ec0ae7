"""The 400 and 413 pages show who is signed in and lead back to the form, even though the
error comes from the CSRF check reading the form before the sign-in is loaded."""

from bs4 import BeautifulSoup

from tests.support.auth import sign_in


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_too_large_shows_the_signed_in_state_and_the_way_back(client, app):
    sign_in(client, "inwoner")
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post(
        "/mijn-gegevens/contact",
        data={"telefoon": "1" * 5000},
        headers={"Referer": "http://localhost/mijn-gegevens/contact"},
    )
    assert response.status_code == 413
    page = _page(response)
    nav = page.select_one("nav.account-nav").get_text()
    assert "Uitloggen" in nav and "Inloggen" not in nav
    back = page.find("a", string="terug naar het formulier")
    assert back["href"] == "/mijn-gegevens/contact"


def test_a_broken_form_shows_the_signed_in_state_and_the_way_back(client):
    sign_in(client, "inwoner")
    response = client.post(
        "/mijn-gegevens/contact",
        data=b"--zz\r\nContent-Disposition: form-data; name\r\n\r\n\xff",
        content_type="multipart/form-data; boundary=zz",
    )
    assert response.status_code == 400  # the CSRF check could not read a token
    page = _page(response)
    assert "Uitloggen" in page.select_one("nav.account-nav").get_text()
    assert page.find("a", string="Open het formulier opnieuw")["href"] == ("/mijn-gegevens/contact")


def test_a_bad_request_page_links_back_to_the_form(client, app):
    from werkzeug.exceptions import BadRequest

    from portal.extensions import csrf

    @app.post("/probe/kapot")
    @csrf.exempt
    def broken():
        raise BadRequest()

    sign_in(client, "inwoner")
    response = client.post(
        "/probe/kapot",
        headers={"Referer": "http://localhost/mijn-gegevens/contact"},
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Uitloggen" in page.select_one("nav.account-nav").get_text()
    assert page.find("a", string="Ga terug naar de vorige pagina")["href"] == (
        "/mijn-gegevens/contact"
    )


def test_an_error_page_for_someone_not_signed_in_offers_sign_in(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/mijn-gegevens/contact", data={"x": "a" * 5000})
    assert response.status_code == 413
    assert "Inloggen" in _page(response).select_one("nav.account-nav").get_text()
