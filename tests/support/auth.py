"""Signing in from tests the way a browser does: through the local OIDC provider over HTTP.

There is no back door: the portal redirects to the provider, the "person" picks a persona on
the provider's page, the provider redirects back with a code, the portal exchanges it.
"""

from urllib.parse import urlsplit

import requests

from portal.testprovider import persona as find_persona

_START = {"digid": "/inloggen/digid", "eherkenning": "/inloggen/eherkenning"}
_START["medewerkers"] = "/medewerkers/inloggen/start"


def provider_redirect(
    client, persona_id: str, next_url: str | None = None, action: str = "inloggen"
):
    """Start sign-in at the portal and answer the provider; returns the provider's redirect
    back to the portal (a URL with code and state, or with an error)."""
    realm = find_persona(persona_id).realm
    query = {"next": next_url} if next_url else {}
    started = client.get(_START[realm], query_string=query)
    assert started.status_code == 302, started.get_data(as_text=True)[:500]
    authorize_url = started.headers["Location"]
    with requests.Session() as browser:
        choice = browser.get(authorize_url, timeout=10)
        assert choice.status_code == 200, choice.text[:500]
        answer = browser.post(
            authorize_url,
            data={"persoon": persona_id, "actie": action},
            allow_redirects=False,
            timeout=10,
        )
    assert answer.status_code in (302, 303), answer.text[:500]
    return answer.headers["Location"]


def sign_in(client, persona_id: str, next_url: str | None = None, follow: bool = False):
    """Sign in as the persona; returns the portal's answer to the callback."""
    back = urlsplit(provider_redirect(client, persona_id, next_url))
    return client.get(f"{back.path}?{back.query}", follow_redirects=follow)


def sign_out(client):
    return client.post_form("/uitloggen", page="/")


def provider_logout_form(response) -> tuple[str, dict]:
    """The broker's logout endpoint and the fields of the page the portal shows after
    "Uitloggen" (it posts them to the broker by itself; see templates/auth/provider_logout.html)."""
    from bs4 import BeautifulSoup

    assert response.status_code == 200, response.status_code
    form = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        "form", attrs={"data-auto-submit": True}
    )
    fields = {item["name"]: item["value"] for item in form.find_all("input", type="hidden")}
    return form["action"], fields
