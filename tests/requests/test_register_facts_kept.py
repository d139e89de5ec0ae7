"""Register facts are looked up once per draft and sign-in, and kept with the session: a
person going back and forth through a form is not a new lookup on every page. Every real
lookup is still in the processing log, committed also when the page writes nothing else."""

from sqlalchemy import select

from portal.auth import sessions
from portal.auth.models import AuthSession
from portal.extensions import db
from portal.registries.models import ProcessingLogEntry
from portal.requests.prefill import KEPT_FACTS


def _lookups() -> list[tuple[str, str]]:
    db.session.expire_all()
    query = select(ProcessingLogEntry).order_by(ProcessingLogEntry.id)
    return [(e.purpose, e.outcome) for e in db.session.scalars(query)]


def _new_lookups(before: list) -> list:
    return _lookups()[len(before) :]


def test_a_step_seen_again_asks_the_register_once(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    before = _lookups()
    first = walker.page()
    again = walker.page()
    assert "Fatima" in first.get_data(as_text=True)
    assert again.get_data(as_text=True).count("Fatima") == first.get_data(as_text=True).count(
        "Fatima"
    )
    assert _new_lookups(before) == [("aanvraag-invullen", "gevonden")]


def _walk_to_the_check_page(signed_in, walker) -> None:
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.page()
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})


def test_the_check_page_shows_the_kept_facts_without_a_new_lookup(signed_in, walker, client):
    _walk_to_the_check_page(signed_in, walker)
    before = _lookups()
    page = walker.page()
    assert page.status_code == 200 and "Fatima" in page.get_data(as_text=True)
    assert _new_lookups(before) == []


def test_signing_in_again_looks_up_again_and_the_check_page_logs_it(signed_in, walker, client):
    _walk_to_the_check_page(signed_in, walker)
    check = walker.location
    client.post_form("/uitloggen", page="/")
    signed_in("inwoner")
    before = _lookups()
    # The check page writes nothing else: its lookup is committed all the same.
    assert client.get(check).status_code == 200
    assert _new_lookups(before) == [("aanvraag-invullen", "gevonden")]


def test_a_register_that_did_not_answer_is_asked_again_on_the_next_page(
    signed_in, walker, registers_down
):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    before = _lookups()
    walker.page()
    walker.page()
    assert _new_lookups(before) == [("aanvraag-invullen", "storing")] * 2


def _kept_facts():
    db.session.expire_all()
    return sessions.kept(db.session.scalars(select(AuthSession)).one(), KEPT_FACTS)


def test_the_session_keeps_the_facts_until_the_request_is_sent(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.page()
    assert "Fatima" in _kept_facts()["facts"]["naam"]
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    assert walker.post({"verklaring": "y"}).status_code == 303
    assert _kept_facts() is None
