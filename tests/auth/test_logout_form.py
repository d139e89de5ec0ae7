"""Logout at the broker without the ID token in the browser's history.

OpenID Connect RP-Initiated Logout 1.0 §2 lets the RP send the logout request by GET or by
form POST ("OPs MUST support the use of the HTTP GET and POST methods"). A GET puts
`id_token_hint` in the address, so in the history; the portal posts it from a page that
submits itself, with a button for when JavaScript is off. A broker that takes only GET is set
with OIDC_<MEANS>_LOGOUT_METHOD=GET.
"""

from urllib.parse import parse_qs, urlsplit

import requests
from bs4 import BeautifulSoup

from portal.auth.models import AuthSession
from portal.extensions import db
from tests.support.auth import sign_in


def test_logout_posts_the_id_token_from_a_page_that_submits_itself(client, oidc_provider):
    sign_in(client, "inwoner")
    response = client.post_form("/uitloggen", page="/")
    assert response.status_code == 200
    assert "Location" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = page.find("form", attrs={"data-auto-submit": True})
    assert form["method"] == "post"
    assert form["action"] == f"{oidc_provider.url}/digid/end_session"
    fields = {item["name"]: item["value"] for item in form.find_all("input", type="hidden")}
    assert set(fields) == {"id_token_hint", "post_logout_redirect_uri", "client_id"}
    assert fields["post_logout_redirect_uri"] == "http://localhost/uitgelogd"
    assert form.find("button", type="submit").get_text(strip=True)
    assert any("logout" in tag["src"] for tag in page.find_all("script", src=True))
    assert db.session.scalars(db.select(AuthSession)).all() == []
    # The broker accepts the form and sends the person back.
    answer = requests.post(form["action"], data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("http://localhost/uitgelogd")


def test_a_broker_that_takes_only_get_is_sent_there_by_redirect(app, client, oidc_provider):
    app.config["OIDC_DIGID_LOGOUT_METHOD"] = "GET"
    sign_in(client, "inwoner")
    response = client.post_form("/uitloggen", page="/")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/digid/end_session"
    assert parse_qs(location.query)["id_token_hint"][0]
