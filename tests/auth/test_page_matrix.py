"""The access matrix on the portal's real pages: every persona against every protected page.

200 = may see it, 302 = sent to sign-in (or to their own variant), 403 = refused with an
explanation. A change here is a change in who sees what: review it as such.
"""

import pytest

from portal.cli import load_demo_data
from tests.support.auth import sign_in

PAGES = [
    "/mijn-zaken",
    "/berichten",
    "/mijn-gegevens",
    "/mijn-gegevens/bedrijf",
    "/mijn-gegevens/contact",
    "/mijn-gegevens/wie-heeft-gekeken",
    "/aanvragen/uittreksel-brp/beginnen",
    "/aanvragen/parkeervergunning-bewoners/beginnen",
    "/aanvragen/verhuizing-doorgeven/beginnen",
    "/aanvragen/terrasvergunning/beginnen",
    "/aanvragen/hulp-bij-het-huishouden/beginnen",
    "/medewerkers/zaken",
]

# One row per persona, in the order of PAGES.
EXPECTED = {
    None: [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
    "inwoner": [200, 200, 200, 302, 200, 200, 302, 302, 302, 403, 302, 403],
    "inwoner-basis": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "dochter-namens-vader": [200, 200, 200, 302, 200, 200, 302, 403, 403, 403, 302, 403],
    "buurman-namens-henk": [200, 200, 403, 302, 403, 403, 403, 403, 403, 403, 302, 403],
    "bewindvoerder": [200, 200, 200, 302, 200, 200, 302, 403, 302, 403, 302, 403],
    "ondernemer": [200, 200, 302, 200, 200, 200, 403, 403, 403, 302, 403, 403],
    "ondernemer-eh2": [403, 403, 302, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "behandelaar": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
    "redacteur": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
}


@pytest.mark.parametrize("persona", list(EXPECTED), ids=lambda p: p or "anonymous")
def test_who_reaches_which_page(client, persona):
    load_demo_data()
    if persona:
        sign_in(client, persona)
    seen = [client.get(path).status_code for path in PAGES]
    assert dict(zip(PAGES, seen, strict=True)) == dict(zip(PAGES, EXPECTED[persona], strict=True))


def test_anonymous_visitors_are_sent_to_the_right_sign_in(client):
    assert client.get("/mijn-zaken").headers["Location"] == "/inloggen?next=/mijn-zaken"
    staff = client.get("/medewerkers/zaken").headers["Location"]
    assert staff == "/medewerkers/inloggen?next=/medewerkers/zaken"
