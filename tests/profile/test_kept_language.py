"""The stored language is read from the profile once per sign-in and then kept in the
cookie (a language code only): not a query on every signed-in page."""

import re

from portal.extensions import db
from portal.registries import demo
from tests.support.auth import sign_in
from tests.support.queries import count_queries

CONTACT = "/mijn-gegevens/contact"


def _reads_profile(statement: str) -> bool:
    return re.search(r"\bFROM profile\b", statement) is not None


def _profile_reads(client, url: str = "/mijn-overzicht") -> tuple[int, str]:
    with count_queries() as counted:
        html = client.get(url).get_data(as_text=True)
    return sum(_reads_profile(s) for s in counted.statements), html


def test_the_stored_language_is_read_once_per_sign_in(client, app):
    demo.load()
    db.session.commit()
    sign_in(client, "inwoner")
    client.post_form(CONTACT, {"email": "", "phone": "0612345678", "language": "en"})
    fresh = app.test_client()
    with count_queries() as counted:
        sign_in(fresh, "inwoner")
        first, html = _profile_reads(fresh)
        second, again = _profile_reads(fresh)
    assert sum(_reads_profile(s) for s in counted.statements) == 1, counted.report()
    assert (first, second) == (1, 0)
    assert '<html lang="en"' in html and '<html lang="en"' in again
    # A new sign-in on the same browser reads it again.
    fresh.post_form("/uitloggen", {})
    with count_queries() as counted:
        sign_in(fresh, "inwoner")
        fresh.get("/mijn-overzicht")
    assert sum(_reads_profile(s) for s in counted.statements) == 1, counted.report()


def test_saving_the_contact_details_reads_it_again(client):
    demo.load()
    db.session.commit()
    sign_in(client, "inwoner")
    _profile_reads(client)
    client.post_form(CONTACT, {"email": "", "phone": "0612345678", "language": "en"})
    client.get("/taal/nl")  # this session's own choice still comes first
    assert '<html lang="nl"' in client.get("/mijn-overzicht").get_data(as_text=True)
