"""Pre-filling from the registers when they say something unusual or do not answer."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.registries import services
from portal.registries.base import RegistryUnavailable
from portal.registries.models import ProcessingLogEntry
from portal.requests.definition import AddressLookup
from portal.requests.prefill import look_up_address
from tests.requests.conftest import text_of
from tests.support.principals import resident

FATIMA = "999990007"
NEW_ADDRESS = AddressLookup("Nieuw adres", "postcode", "huisnummer", None, "nieuw_adres")
TYPED = {"postcode": "9999 ag", "huisnummer": "30"}


class Down:
    """A register adapter whose register does not answer."""

    def __init__(self, register: str) -> None:
        self.register = register

    def __getattr__(self, _name):
        def unavailable(*_args, **_kwargs):
            raise RegistryUnavailable(self.register, "HTTP 503")

        return unavailable


def test_a_birth_date_of_which_only_the_year_is_known_is_shown_not_asked(signed_in, walker):
    signed_in("inwoner-geboortejaar")
    walker.begin("uittreksel-brp")
    page = text_of(walker.page())
    assert "1950" in page
    assert "Vul uw geboortedatum in" not in page
    assert walker.post({}).status_code == 302
    assert walker.step_name == "soort"


@pytest.mark.parametrize(("down", "named"), [("brp", "BRP"), ("bag", "BAG")])
def test_the_review_note_names_the_register_that_did_not_answer(demo, monkeypatch, down, named):
    adapter = {"brp": "person_register", "bag": "address_register"}[down]
    monkeypatch.setattr(services, adapter, lambda: Down(down))
    with demo.test_request_context("/"):
        result = look_up_address(NEW_ADDRESS, TYPED, resident(FATIMA))
    assert result.answers == {"nieuw_adres": "9999 AG 30", "nieuw_adres_gecontroleerd": "nee"}
    assert f"de {named} was niet bereikbaar" in result.review_reason
    assert {"brp": "BAG", "bag": "BRP"}[down] not in result.review_reason


def test_an_address_lookup_the_bag_did_not_answer_is_in_the_processing_log(demo, monkeypatch):
    monkeypatch.setattr(services, "address_register", lambda: Down("bag"))
    with demo.test_request_context("/"), pytest.raises(RegistryUnavailable):
        services.lookup_address(
            "9999AG", 30, purpose=services.purposes.CHECK_MOVE, principal=resident(FATIMA)
        )
    entries = db.session.scalars(select(ProcessingLogEntry)).all()
    assert [(e.register, e.outcome, e.purpose) for e in entries] == [
        ("bag", "storing", services.purposes.CHECK_MOVE.code)
    ]
