"""Purpose-bound lookups: the right fields, the right people, always logged."""

import pytest
from sqlalchemy import select

from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from portal.registries import purposes
from portal.registries.models import ProcessingLogEntry
from portal.registries.services import (
    LookupNotAllowed,
    RegistryUnavailable,
    lookup_address,
    lookup_company,
    lookup_person,
)
from tests.registries.conftest import http_config
from tests.support.principals import entrepreneur, representative, resident, staff

FATIMA, HENK, SANNE = "999990007", "999990111", "999990068"


def log_entries() -> list[ProcessingLogEntry]:
    return list(db.session.scalars(select(ProcessingLogEntry).order_by(ProcessingLogEntry.id)))


def test_a_lookup_is_logged_with_pseudonyms_and_never_the_bsn(demo_data):
    person = lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    assert person.full_name == "Fatima el Amrani"
    [entry] = log_entries()
    assert entry.subject == pseudonym(FATIMA)
    assert entry.actor == pseudonym(FATIMA)
    assert (entry.purpose, entry.register, entry.outcome) == ("mijn-gegevens", "brp", "gevonden")
    assert entry.acting_for == "" and entry.occurred_at is not None
    stored = " ".join(str(value) for value in vars(entry).values())
    assert FATIMA not in stored


def test_the_purpose_decides_which_fields_are_fetched(demo_data):
    person = lookup_person(FATIMA, purpose=purposes.SHOW_NAME, principal=resident(FATIMA))
    assert person.full_name == "Fatima el Amrani"
    assert person.address is None and person.birth_date is None


def test_one_request_asks_the_register_once(demo_data):
    with demo_data.test_request_context("/"):
        for _ in range(3):
            lookup_person(FATIMA, purpose=purposes.SHOW_NAME, principal=resident(FATIMA))
    assert len(log_entries()) == 1


def test_a_resident_cannot_look_up_someone_else(demo_data):
    with pytest.raises(LookupNotAllowed):
        lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    [entry] = log_entries()
    assert entry.outcome == "geweigerd"


def test_a_representative_sees_data_only_when_the_mandate_covers_it(demo_data):
    sanne = representative(SANNE, "Sanne Bakker", HENK, services=("uittreksel-brp",))
    with pytest.raises(LookupNotAllowed):
        lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=sanne)

    sanne = representative(SANNE, "Sanne Bakker", HENK)
    person = lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=sanne)
    assert person.full_name == "Henk Bakker"
    entry = log_entries()[-1]
    assert entry.subject == pseudonym(HENK)
    assert entry.actor == pseudonym(SANNE)
    assert entry.acting_for == pseudonym(HENK)
    assert entry.actor_name == "Sanne Bakker"


def test_staff_may_look_up_anyone_and_are_logged_by_name(demo_data):
    person = lookup_person(HENK, purpose=purposes.HANDLE_CASE, principal=staff())
    assert person.full_name == "Henk Bakker"
    entry = log_entries()[-1]
    assert (entry.actor, entry.actor_kind) == ("Maria Visser", "staff")


def test_an_unknown_person_is_none_and_logged_as_not_found(demo_data):
    assert lookup_person("999990044", purpose=purposes.HANDLE_CASE, principal=staff()) is None
    assert log_entries()[-1].outcome == "niet-gevonden"


def test_a_company_lookup_is_for_the_signed_in_company_only(demo_data):
    company = lookup_company(
        "90001234", purpose=purposes.MIJN_GEGEVENS, principal=entrepreneur("90001234")
    )
    assert company.name == "Café De Zon B.V."
    with pytest.raises(LookupNotAllowed):
        lookup_company(
            "90005678", purpose=purposes.MIJN_GEGEVENS, principal=entrepreneur("90001234")
        )


def test_an_address_comes_with_the_number_of_residents(demo_data):
    info = lookup_address("9999 ag", 30, purpose=purposes.CHECK_MOVE, principal=resident(FATIMA))
    assert (info.street, info.city, info.residents) == ("Havenkade", "Voorbeeld", 9)
    empty = lookup_address("9999AH", 2, purpose=purposes.CHECK_MOVE, principal=resident(FATIMA))
    assert empty.residents == 0
    assert log_entries()[-1].register == "bag"


def test_an_address_with_a_letter_is_found_by_its_addition(demo_data):
    ask = {"purpose": purposes.CHECK_MOVE, "principal": resident(FATIMA)}
    assert lookup_address("9999AC", 45, addition="a", **ask).address.street_line == (
        "Lindelaan 45A"
    )
    assert lookup_address("9999AC", 45, addition="C", **ask) is None
    assert lookup_address("9999AC", 99, **ask) is None
    with pytest.raises(ValueError):
        lookup_address("ABCD 12", 1, **ask)


def test_a_register_that_is_down_raises_and_is_logged(demo_data, registry_stub):
    demo_data.config.update(http_config(registry_stub))
    registry_stub.mode = "down"
    with pytest.raises(RegistryUnavailable):
        lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    assert log_entries()[-1].outcome == "storing"


def test_the_http_backend_gives_the_same_person(demo_data, registry_stub):
    embedded = lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    demo_data.config.update(http_config(registry_stub))
    remote = lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    assert remote == embedded
